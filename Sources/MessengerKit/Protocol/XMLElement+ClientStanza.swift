import XMPPCore

/// Building and recognising the client stanzas this folder maps.
extension XMLElement {
    /// An `<iq/>` in `jabber:client` with no id: `XMPPClientConnection.request`
    /// assigns one when it sends the request.
    static func clientIQ(type: String, to: JID? = nil, payload: XMLElement) -> XMLElement {
        var attributes = ["type": type]
        if let to { attributes["to"] = to.description }
        return XMLElement(name: "iq", namespace: XMLNamespace.client, attributes: attributes, children: [.element(payload)])
    }

    /// True for a `jabber:client` stanza with this name and `type` (nil: no `type` attribute).
    func isClientStanza(_ name: String, type: String?) -> Bool {
        self.name == name && namespace == XMLNamespace.client && self[attribute: "type"] == type
    }

    /// A push (roster, blocking) is trusted only from the server acting for our
    /// account: no `from`, or `from` equal to the account's bare JID (RFC 6121 §2.1.6).
    func isFromOwnAccount(_ account: JID) -> Bool {
        guard let from = self[attribute: "from"] else { return true }
        return (try? JID(from)) == account.bare
    }
}
