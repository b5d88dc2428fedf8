import XMPPCore

/// Presence subscription stanzas (RFC 6121 §3).
enum SubscriptionPresence {
    enum Kind: String, Sendable {
        case subscribe, subscribed, unsubscribe, unsubscribed
    }

    static func make(_ kind: Kind, to jid: JID) -> XMLElement {
        XMLElement(
            name: "presence", namespace: XMLNamespace.client,
            attributes: ["type": kind.rawValue, "to": jid.bare.description])
    }
}
