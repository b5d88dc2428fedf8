import XMPPCore

/// XEP-0198 §5: the sessions a client may resume, by SM-ID. Ids live only
/// in memory, so nothing is resumable across a server restart.
actor ResumableSessions {
    private var byID: [String: ClientSession] = [:]
    private(set) var isShuttingDown = false

    func register(_ session: ClientSession, id: String) {
        byID[id] = session
    }

    /// The session with that SM-ID, only for the account that owns it.
    func session(id: String, username: String) -> ClientSession? {
        guard let session = byID[id], session.username == username else { return nil }
        return session
    }

    func remove(_ session: ClientSession) {
        guard let id = session.resumptionID, byID[id] == session else { return }
        byID[id] = nil
    }

    /// From now on dropped connections end their sessions instead of
    /// hibernating; returns every session still registered.
    func beginShutdown() -> [ClientSession] {
        isShuttingDown = true
        return Array(byID.values)
    }

    func all() -> [ClientSession] { Array(byID.values) }

    static func makeID() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<3).map { _ in String(rng.next() as UInt64, radix: 36) }.joined(separator: "-")
    }
}
