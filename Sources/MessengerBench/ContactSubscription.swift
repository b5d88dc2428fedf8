import XMPPCore

/// One ring contact as this user's roster shows it (RFC 6121 §2.1.2.5),
/// and whether provisioning should ask for a subscription. Deciding from the
/// roster, not from what was sent, keeps a retry to the requests that are
/// really missing: re-asking every pair at once buried slow servers in
/// requests they then spent minutes working through.
struct ContactSubscription: Sendable, Hashable {
    enum Kind: String, Sendable {
        case none, to, from, both
    }

    /// `to`: we see the contact; `from`: the contact sees us.
    var kind: Kind
    /// Our request is pending (`ask='subscribe'`).
    var asking: Bool

    static let absent = ContactSubscription(kind: .none, asking: false)

    init(kind: Kind, asking: Bool) {
        self.kind = kind
        self.asking = asking
    }

    /// From a roster item; a `remove` item (or anything unknown) is `none`.
    init(item: XMLElement) {
        kind = item[attribute: "subscription"].flatMap(Kind.init(rawValue:)) ?? .none
        asking = item[attribute: "ask"] == "subscribe"
    }

    var isMutual: Bool { kind == .both }

    /// We receive the contact's presence (`to` or `both`).
    var seesContact: Bool { kind == .to || kind == .both }

    /// Whether to send `subscribe` to this contact. Only the side that still
    /// lacks the contact's presence asks: `from` always (the contact already
    /// approved us or asked first), `none` only when we are the pair's
    /// starting side (`forward`), so requests never cross. A request already
    /// pending is sent again only on a retry (it may have been lost).
    func needsRequest(forward: Bool, retrying: Bool) -> Bool {
        switch kind {
        case .both, .to: false
        case .from: !asking || retrying
        case .none: forward && (!asking || retrying)
        }
    }
}
