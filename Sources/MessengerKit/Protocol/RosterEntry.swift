import XMPPCore

/// One contact of the roster, RFC 6121 §2.1.2: an `<item/>` of `jabber:iq:roster`.
/// Groups are the contact-list groups the contact appears in.
struct RosterEntry: Sendable, Hashable {
    enum Subscription: String, Sendable {
        case none, to, from, both
        /// Only in a push: the contact left the roster (or, sent by us, asks for that).
        case remove
    }

    var jid: JID
    var name: String?
    var subscription: Subscription
    /// We asked to see the contact's presence and have no answer yet (`ask='subscribe'`).
    var isPendingOut: Bool
    var groups: [String]

    init(jid: JID, name: String? = nil, subscription: Subscription = .none, isPendingOut: Bool = false, groups: [String] = []) {
        self.jid = jid
        self.name = name
        self.subscription = subscription
        self.isPendingOut = isPendingOut
        self.groups = groups
    }

    /// Reads an `<item/>` from the server; nil when its `jid` is missing or invalid.
    /// A name longer than 1023 characters is dropped (the contact is kept);
    /// groups lose empty and repeated names and stop at 64.
    init?(element: XMLElement) {
        guard element.name == "item", element.namespace == XMLNamespace.roster,
            let jidText = element[attribute: "jid"], let jid = try? JID(jidText)
        else { return nil }
        self.jid = jid
        self.name = ProtocolLimits.bounded(element[attribute: "name"], limit: ProtocolLimits.maxNameLength)
        // RFC 6121 §2.1.2.5: an unknown value is treated as absent, i.e. "none".
        self.subscription = element[attribute: "subscription"].flatMap(Subscription.init(rawValue:)) ?? .none
        self.isPendingOut = element[attribute: "ask"] == "subscribe"
        self.groups = ProtocolLimits.uniqueNames(
            element.children("group", namespace: XMLNamespace.roster).map(\.text),
            limit: ProtocolLimits.maxGroupsPerItem)
    }

    /// The `<item/>` to send in a roster set. The subscription belongs to the
    /// server (RFC 6121 §2.1.2.5) and is written only to ask for removal.
    var element: XMLElement {
        var attributes = ["jid": jid.description]
        if let name { attributes["name"] = name }
        if subscription == .remove { attributes["subscription"] = Subscription.remove.rawValue }
        let groups = groups.map { XMLNode.element(XMLElement(name: "group", namespace: XMLNamespace.roster, text: $0)) }
        return XMLElement(name: "item", namespace: XMLNamespace.roster, attributes: attributes, children: groups)
    }
}
