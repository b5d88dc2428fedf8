import XMPPCore

/// Who is online, with what presence. The single source of truth for
/// routing to resources (RFC 6121 §8.5) and for presence broadcast.
actor SessionRegistry {
    struct Entry {
        let session: ClientSession
        /// Has sent initial presence and not gone unavailable.
        var available = false
        var priority = 0
        /// The last available presence the client broadcast (stamped).
        var presence: XMLElement?
        /// Asked for the roster: roster pushes go only to these (RFC 6121 §2.1.6).
        var interestedInRoster = false
        /// Asked for the block list: block pushes go only to these (XEP-0191 §3.3).
        var interestedInBlocklist = false
        /// Entities that got directed presence and must hear our unavailable.
        var directedPresence: Set<JID> = []
        /// XEP-0186: contacts see this session as unavailable, though it is
        /// available for routing and still hears their presence.
        var invisible = false
    }

    private var byUser: [String: [String: Entry]] = [:]
    private var nextID: UInt64 = 1

    func makeSessionID() -> UInt64 {
        defer { nextID += 1 }
        return nextID
    }

    /// Registers a bound session. Returns the session it replaces (same full
    /// JID), which the caller closes with `conflict`. A new resource beyond
    /// `maxPerUser` sessions is refused with `resource-constraint`
    /// (RFC 6120 §7.6.2.1); replacing one does not count as new.
    func add(_ session: ClientSession, maxPerUser: Int = .max) throws(StanzaError) -> ClientSession? {
        let user = session.username
        let resource = session.jid.resourcepart ?? ""
        let previous = byUser[user]?[resource]?.session
        if previous == nil, (byUser[user]?.count ?? 0) >= maxPerUser {
            throw StanzaError(.resourceConstraint, text: "at most \(maxPerUser) sessions per account")
        }
        byUser[user, default: [:]][resource] = Entry(session: session)
        return previous
    }

    /// Removes the session if it is still the registered one; returns its last entry.
    func remove(_ session: ClientSession) -> Entry? {
        let user = session.username
        let resource = session.jid.resourcepart ?? ""
        guard let entry = byUser[user]?[resource], entry.session == session else { return nil }
        byUser[user]?[resource] = nil
        if byUser[user]?.isEmpty == true { byUser[user] = nil }
        return entry
    }

    func entry(for session: ClientSession) -> Entry? {
        guard let entry = byUser[session.username]?[session.jid.resourcepart ?? ""], entry.session == session else { return nil }
        return entry
    }

    func update(_ session: ClientSession, _ change: (inout Entry) -> Void) -> Entry? {
        let user = session.username
        let resource = session.jid.resourcepart ?? ""
        guard var entry = byUser[user]?[resource], entry.session == session else { return nil }
        change(&entry)
        byUser[user]?[resource] = entry
        return entry
    }

    func session(for fullJID: JID) -> ClientSession? {
        guard let user = fullJID.localpart, let resource = fullJID.resourcepart else { return nil }
        return byUser[user]?[resource]?.session
    }

    func entries(of username: String) -> [Entry] {
        guard let sessions = byUser[username] else { return [] }
        return sessions.values.sorted { $0.session.id < $1.session.id }
    }

    func hasSessions(of username: String) -> Bool {
        byUser[username] != nil
    }

    func availableEntries(of username: String) -> [Entry] {
        entries(of: username).filter(\.available)
    }

    /// RFC 6121 §8.5.2.1: a message to the bare JID goes to the available
    /// resources with the highest non-negative priority.
    func messageTargets(of username: String) -> [ClientSession] {
        let candidates = availableEntries(of: username).filter { $0.priority >= 0 }
        guard let best = candidates.map(\.priority).max() else { return [] }
        return candidates.filter { $0.priority == best }.map(\.session)
    }

    func rosterInterested(of username: String) -> [ClientSession] {
        entries(of: username).filter(\.interestedInRoster).map(\.session)
    }

    func blocklistInterested(of username: String) -> [ClientSession] {
        entries(of: username).filter(\.interestedInBlocklist).map(\.session)
    }

    func allSessions() -> [ClientSession] {
        byUser.values.flatMap { $0.values.map(\.session) }
    }

    var sessionCount: Int { byUser.values.reduce(0) { $0 + $1.count } }
}
