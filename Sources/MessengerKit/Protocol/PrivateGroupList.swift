import XMPPCore

/// The names of the contact-list groups, including empty ones that no roster
/// item mentions, kept in XEP-0049 private storage as
/// `<groups xmlns='urn:xmpp:communicator:groups:0'><group name='Work'/>…</groups>`.
enum PrivateGroupList {
    static let namespace = "urn:xmpp:communicator:groups:0"

    /// Asks for the stored list (XEP-0049 §2.2).
    static func request() -> XMLElement {
        .clientIQ(type: "get", payload: query(groups: XMLElement(name: "groups", namespace: namespace)))
    }

    /// Replaces the stored list with `names` (empty and repeated names left out).
    static func store(_ names: [String]) -> XMLElement {
        let groups = ProtocolLimits.uniqueNames(names, limit: ProtocolLimits.maxStoredGroups).map {
            XMLNode.element(XMLElement(name: "group", namespace: namespace, attributes: ["name": $0]))
        }
        return .clientIQ(type: "set", payload: query(groups: XMLElement(name: "groups", namespace: namespace, children: groups)))
    }

    /// The names from a get result, in order, without repeats, at most 1000;
    /// empty when nothing was stored yet; nil for anything else.
    static func parse(_ iq: XMLElement) -> [String]? {
        guard iq.isClientStanza("iq", type: "result"),
            let groups = iq.child("query", namespace: XMLNamespace.privateStorage)?.child("groups", namespace: namespace)
        else { return nil }
        let names = groups.children("group", namespace: namespace).lazy.compactMap { $0[attribute: "name"] }
        return ProtocolLimits.uniqueNames(names, limit: ProtocolLimits.maxStoredGroups)
    }

    private static func query(groups: XMLElement) -> XMLElement {
        XMLElement(name: "query", namespace: XMLNamespace.privateStorage, children: [.element(groups)])
    }
}
