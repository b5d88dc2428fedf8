import NIOConcurrencyHelpers
import XMPPCore

/// Who is online, with what presence. The single source of truth for
/// routing to resources (RFC 6121 §8.5) and for presence broadcast.
///
/// Every delivery and every presence asks it something, so it is neither an
/// actor (each question would be a hop to another executor: about 40 per
/// sign-in) nor one lock: users are spread over shards by name, each behind
/// its own lock, held only to copy what was asked.
final class SessionRegistry: Sendable {
    struct Entry: Sendable {
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
        /// The roster fetched before initial presence, until that presence.
        var rosterSnapshot: RosterSnapshot?
    }

    /// username → resource → entry, for the users whose names hash here.
    private typealias Shard = [String: [String: Entry]]

    private let shards: [NIOLockedValueBox<Shard>]
    private let nextID = NIOLockedValueBox<UInt64>(1)

    init(shardCount: Int = 64) {
        shards = (0..<max(1, shardCount)).map { _ in NIOLockedValueBox(Shard()) }
    }

    private func shard(of username: String) -> NIOLockedValueBox<Shard> {
        var hash: UInt32 = 2_166_136_261  // FNV-1a: cheap, and names are short
        for byte in username.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return shards[Int(hash % UInt32(shards.count))]
    }

    func makeSessionID() -> UInt64 {
        nextID.withLockedValue { id in
            defer { id += 1 }
            return id
        }
    }

    /// Registers a bound session. Returns the session it replaces (same full
    /// JID), which the caller closes with `conflict`. A new resource beyond
    /// `maxPerUser` sessions is refused with `resource-constraint`
    /// (RFC 6120 §7.6.2.1); replacing one does not count as new.
    func add(_ session: ClientSession, maxPerUser: Int = .max) throws(StanzaError) -> ClientSession? {
        let user = session.username
        let resource = session.jid.resourcepart ?? ""
        let result: Result<ClientSession?, StanzaError> = shard(of: user).withLockedValue { byUser in
            let previous = byUser[user]?[resource]?.session
            if previous == nil, (byUser[user]?.count ?? 0) >= maxPerUser {
                return .failure(StanzaError(.resourceConstraint, text: "at most \(maxPerUser) sessions per account"))
            }
            byUser[user, default: [:]][resource] = Entry(session: session)
            return .success(previous)
        }
        return try result.get()
    }

    /// Removes the session if it is still the registered one; returns its last entry.
    func remove(_ session: ClientSession) -> Entry? {
        let user = session.username
        let resource = session.jid.resourcepart ?? ""
        return shard(of: user).withLockedValue { byUser in
            guard let entry = byUser[user]?[resource], entry.session == session else { return nil }
            byUser[user]?[resource] = nil
            if byUser[user]?.isEmpty == true { byUser[user] = nil }
            return entry
        }
    }

    func entry(for session: ClientSession) -> Entry? {
        let user = session.username
        return shard(of: user).withLockedValue { byUser in
            guard let entry = byUser[user]?[session.jid.resourcepart ?? ""], entry.session == session else { return nil }
            return entry
        }
    }

    /// Changes the session's entry under its shard's lock; `change` must be quick.
    func update(_ session: ClientSession, _ change: (inout Entry) -> Void) -> Entry? {
        let user = session.username
        let resource = session.jid.resourcepart ?? ""
        return shard(of: user).withLockedValue { byUser in
            guard var entry = byUser[user]?[resource], entry.session == session else { return nil }
            change(&entry)
            byUser[user]?[resource] = entry
            return entry
        }
    }

    func session(for fullJID: JID) -> ClientSession? {
        guard let user = fullJID.localpart, let resource = fullJID.resourcepart else { return nil }
        return shard(of: user).withLockedValue { $0[user]?[resource]?.session }
    }

    /// The user's sessions, oldest first.
    func entries(of username: String) -> [Entry] {
        let sessions = shard(of: username).withLockedValue { $0[username] }
        guard let sessions else { return [] }
        if sessions.count == 1, let only = sessions.first { return [only.value] }
        return sessions.values.sorted { $0.session.id < $1.session.id }
    }

    func hasSessions(of username: String) -> Bool {
        shard(of: username).withLockedValue { $0[username] != nil }
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
        shards.flatMap { shard in
            shard.withLockedValue { byUser in byUser.values.flatMap { $0.values.map(\.session) } }
        }
    }

    var sessionCount: Int {
        shards.reduce(0) { total, shard in total + shard.withLockedValue { $0.values.reduce(0) { $0 + $1.count } } }
    }
}
