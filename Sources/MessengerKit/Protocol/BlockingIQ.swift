import XMPPCore

/// The block list, XEP-0191 Blocking Command.
enum BlockingIQ {
    /// A change the server pushes after any of our resources (un)blocked someone.
    enum BlockingPush: Sendable, Hashable {
        case blocked([JID])
        case unblocked([JID])
        /// An `<unblock/>` without items: the whole list was cleared.
        case unblockedAll
    }

    static func get() -> XMLElement {
        .clientIQ(type: "get", payload: XMLElement(name: "blocklist", namespace: XMLNamespace.blocking))
    }

    /// Blocks these addresses; the XEP requires at least one.
    static func block(_ jids: [JID]) -> XMLElement {
        .clientIQ(type: "set", payload: command("block", jids))
    }

    /// Unblocks these addresses; an empty list unblocks everyone (XEP-0191 §3.4).
    static func unblock(_ jids: [JID]) -> XMLElement {
        .clientIQ(type: "set", payload: command("unblock", jids))
    }

    /// The blocked addresses in a get result; nil for anything else.
    /// Invalid and repeated JIDs are skipped.
    static func parseBlocklist(_ iq: XMLElement) -> [JID]? {
        guard iq.isClientStanza("iq", type: "result"),
            let list = iq.child("blocklist", namespace: XMLNamespace.blocking)
        else { return nil }
        return jids(in: list)
    }

    /// A push from the server on our account's behalf; nil for anything else.
    /// A push whose items are all invalid is nil too, never "unblock all".
    static func parsePush(_ iq: XMLElement, account: JID) -> BlockingPush? {
        guard iq.isClientStanza("iq", type: "set"), iq.isFromOwnAccount(account) else { return nil }
        if let block = iq.child("block", namespace: XMLNamespace.blocking) {
            let blocked = jids(in: block)
            return blocked.isEmpty ? nil : .blocked(blocked)
        }
        if let unblock = iq.child("unblock", namespace: XMLNamespace.blocking) {
            if items(of: unblock).isEmpty { return .unblockedAll }
            let unblocked = jids(in: unblock)
            return unblocked.isEmpty ? nil : .unblocked(unblocked)
        }
        return nil
    }

    private static func command(_ name: String, _ jids: [JID]) -> XMLElement {
        let items = jids.map {
            XMLNode.element(XMLElement(name: "item", namespace: XMLNamespace.blocking, attributes: ["jid": $0.description]))
        }
        return XMLElement(name: name, namespace: XMLNamespace.blocking, children: items)
    }

    private static func items(of element: XMLElement) -> [XMLElement] {
        element.children("item", namespace: XMLNamespace.blocking)
    }

    private static func jids(in element: XMLElement) -> [JID] {
        var seen: Set<JID> = []
        return items(of: element).compactMap { item in
            guard let text = item[attribute: "jid"], let jid = try? JID(text), seen.insert(jid).inserted else { return nil }
            return jid
        }
    }
}
