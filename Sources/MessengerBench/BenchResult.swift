/// The figures of one run. `json()` writes them with snake_case keys (see
/// docs/bench.md); a phase that did not run is absent.
public struct BenchResult: Sendable, Codable {
    public struct Settings: Sendable, Codable {
        public var host: String
        public var port: Int
        public var domain: String
        public var users: Int
        public var roster: Int
        public var tls: Bool
        public var rate: Int
        public var duration: Int
        public var settleSeconds: Int
        public var sourceAddresses: Int
        public var serverPid: Int32?
        public var phases: [String]
    }

    /// The server's CPU time and memory across one phase (with `--server-pid`).
    public struct ServerUse: Sendable, Codable {
        public var cpuMs: Double
        public var rssBeforeKib: Int
        public var rssAfterKib: Int

        init(before: ServerSample, after: ServerSample) {
            cpuMs = after.cpuMilliseconds - before.cpuMilliseconds
            rssBeforeKib = before.rssKiB
            rssAfterKib = after.rssKiB
        }
    }

    public struct Provision: Sendable, Codable {
        public var seconds: Double
        public var registered: Bool
        public var failed: Int
        public var firstError: String?
        /// Contact pairs counted from both ends: wanted, and mutual at the end.
        public var contactsWanted: Int
        public var contactsMutual: Int
        /// Mutual before this run asked for anything (a second run on the same server).
        public var contactsAlreadyMutual: Int
        /// Time from the first subscription request to the last pair mutual
        /// (absent when nothing had to be asked), and the server's use meanwhile:
        /// the part of provisioning that grows with the pairs.
        public var subscribingSeconds: Double?
        public var subscribingServer: ServerUse?

        /// Every wanted pair ended up mutual.
        public var complete: Bool { contactsMutual >= contactsWanted }
    }

    public struct Login: Sendable, Codable {
        public var users: Int
        public var ready: Int
        public var failed: Int
        public var firstError: String?
        /// From the first connect to the last session available.
        public var seconds: Double
        public var loginsPerSecond: Double
        public var server: ServerUse?
    }

    public struct Latency: Sendable, Codable {
        public var count: Int
        public var p50Ms: Double
        public var p99Ms: Double
        public var p999Ms: Double
        public var maxMs: Double
    }

    public struct Messaging: Sendable, Codable {
        public var targetPerSecond: Int
        public var seconds: Double
        public var sent: Int
        /// Send slots left out because the sender had no signed-in contact; not in `sent` or `lost`.
        public var skipped: Int
        public var received: Int
        public var lost: Int
        public var duplicates: Int
        public var errors: Int
        public var achievedPerSecond: Double
        public var latency: Latency
        public var server: ServerUse?
        /// The headline figure: server CPU milliseconds per delivered message.
        public var serverCpuMsPerMessage: Double?
    }

    public struct Presence: Sendable, Codable {
        public var changers: Int
        public var expected: Int
        public var seen: Int
        public var latency: Latency
        public var server: ServerUse?
    }

    public struct Idle: Sendable, Codable {
        public var sessions: Int
        public var seconds: Int
        public var server: ServerUse?
        /// (RSS while idle − RSS before the login storm) / sessions.
        public var serverRssKibPerSession: Double?
    }

    public var date: String
    public var settings: Settings
    public var provision: Provision?
    public var login: Login
    public var messaging: Messaging?
    public var presence: Presence?
    public var idle: Idle?
    /// Sessions the server closed while the bench still used them.
    public var unexpectedCloses: Int

    /// No login failed, every wanted contact pair is mutual and no message was lost.
    public var passed: Bool {
        login.failed == 0 && (provision?.failed ?? 0) == 0 && (provision?.complete ?? true) && (messaging?.lost ?? 0) == 0
    }
}
