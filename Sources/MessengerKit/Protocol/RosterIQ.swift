import XMPPCore

/// Roster requests and the answers to them, RFC 6121 §2.
enum RosterIQ {
    /// Longest roster version kept; a longer one is dropped and the next
    /// login simply fetches the whole roster.
    static let maxVersionLength = 1024

    /// Asks for the roster; with `version`, only for changes since then (XEP-0237).
    static func get(version: String?) -> XMLElement {
        var attributes: [String: String] = [:]
        if let version { attributes["ver"] = version }
        return .clientIQ(type: "get", payload: XMLElement(name: "query", namespace: XMLNamespace.roster, attributes: attributes))
    }

    /// Adds or updates a contact (name, groups).
    static func set(_ entry: RosterEntry) -> XMLElement {
        .clientIQ(type: "set", payload: query(with: entry.element))
    }

    /// Removes a contact, which also cancels both subscriptions (RFC 6121 §2.5).
    static func remove(_ jid: JID) -> XMLElement {
        set(RosterEntry(jid: jid, subscription: .remove))
    }

    /// The roster from a get result; nil for anything but an iq result.
    /// Items without a valid `jid`, `remove` items and repeats of a JID are skipped.
    static func parseResult(_ iq: XMLElement) -> RosterSnapshot? {
        guard iq.isClientStanza("iq", type: "result") else { return nil }
        guard let query = iq.child("query", namespace: XMLNamespace.roster) else {
            return RosterSnapshot(entries: nil, version: nil)
        }
        var seen: Set<JID> = []
        var entries: [RosterEntry] = []
        for item in query.children("item", namespace: XMLNamespace.roster) {
            guard let entry = RosterEntry(element: item), entry.subscription != .remove,
                seen.insert(entry.jid).inserted
            else { continue }
            entries.append(entry)
        }
        return RosterSnapshot(entries: entries, version: version(of: query))
    }

    /// A roster push (RFC 6121 §2.1.6): an iq set with exactly one item, from
    /// the server on the account's behalf. Anything else, including a push with
    /// a `from` that is not our bare JID, is nil and must not change the roster.
    static func parsePush(_ iq: XMLElement, account: JID) -> (entry: RosterEntry, version: String?)? {
        guard iq.isClientStanza("iq", type: "set"), iq.isFromOwnAccount(account),
            let query = iq.child("query", namespace: XMLNamespace.roster)
        else { return nil }
        let items = query.children("item", namespace: XMLNamespace.roster)
        guard items.count == 1, let item = items.first, let entry = RosterEntry(element: item) else { return nil }
        return (entry, version(of: query))
    }

    private static func query(with item: XMLElement) -> XMLElement {
        XMLElement(name: "query", namespace: XMLNamespace.roster, children: [.element(item)])
    }

    private static func version(of query: XMLElement) -> String? {
        ProtocolLimits.bounded(query[attribute: "ver"], limit: maxVersionLength)
    }
}
