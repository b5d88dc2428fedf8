/// Everything one `msgr bench` run needs. Defaults are the documented ones.
public struct BenchConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 5222
    /// The XMPP domain users live in (the JID domainpart).
    public var domain = "localhost"
    public var users = 100
    /// Mutual contacts per user (even; see `RosterRing`).
    public var roster = 0
    /// Create `PREFIX<i>` accounts in-band (XEP-0077) before the run.
    public var register = false
    public var prefix = "bench"
    public var password = "bench-password"
    /// STARTTLS (no certificate verification: a lab tool on loopback).
    public var tls = true
    /// Messages per second, all senders together.
    public var rate = 100
    /// Seconds of steady messaging.
    public var duration = 10
    /// Local addresses the connections are spread over; empty lets the system choose.
    public var sourceAddresses: [String] = []
    /// The server process to sample from /proc, when known.
    public var serverPID: Int32?
    public var phases: Set<BenchPhase> = Set(BenchPhase.allCases)
    /// Connections being set up at once during provisioning and the login storm.
    public var concurrency = 200
    /// Seconds to wait after the last message for stragglers before counting losses.
    public var drainSeconds = 5
    /// Seconds between the login storm and messaging: the storm's presence
    /// fan-out is still being routed for a moment, and the messaging phase
    /// measures the steady state, not that aftermath.
    public var settleSeconds = 2
    /// Users who change status in the presence phase (at most `users`).
    public var presenceChangers = 20
    /// Seconds the idle phase holds the sessions.
    public var idleSeconds = 5
    /// A file that keeps the users' SCRAM SaltedPasswords between runs
    /// (read at the start, written at the end), so a login storm does not
    /// include the bench's own PBKDF2.
    public var keyCachePath: String?
    /// Upper bound on each waiting step (all logins, all subscriptions, all presences).
    public var phaseTimeoutSeconds = 120
    /// Progress lines (the CLI writes them to stderr).
    public var progress: @Sendable (String) -> Void = { _ in }

    public init() {}

    /// `PREFIX<index>`.
    public func username(_ index: Int) -> String { "\(prefix)\(index)" }

    /// Checks every setting; the error says which flag and why.
    public func validate() throws(BenchConfigurationError) {
        func check(_ condition: Bool, _ message: String) throws(BenchConfigurationError) {
            if !condition { throw BenchConfigurationError(message) }
        }
        try check(!host.isEmpty, "--host is empty")
        try check((1...65535).contains(port), "--port must be 1…65535, not \(port)")
        try check(!domain.isEmpty && !domain.contains("@") && !domain.contains("/"), "--domain must be a bare domain, not \(domain.debugDescription)")
        try check((1...1_000_000).contains(users), "--users must be 1…1000000, not \(users)")
        try check(roster >= 0 && roster % 2 == 0, "--roster must be an even number ≥ 0 (user i gets i±1…i±K/2), not \(roster)")
        try check(roster < users, "--roster must be smaller than --users (\(users)), not \(roster)")
        // Lowercase: servers fold localparts, and replies must match the prefix.
        try check(!prefix.isEmpty && prefix.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") },
            "--prefix must be lowercase ASCII letters, digits, '-', '_' or '.', not \(prefix.debugDescription)")
        try check(!password.isEmpty, "--password is empty")
        try check((1...1_000_000).contains(rate), "--rate must be 1…1000000 messages per second, not \(rate)")
        try check((1...86_400).contains(duration), "--duration must be 1…86400 seconds, not \(duration)")
        try check((1...10_000).contains(concurrency), "--concurrency must be 1…10000, not \(concurrency)")
        try check(drainSeconds >= 0 && idleSeconds >= 0 && settleSeconds >= 0 && phaseTimeoutSeconds > 0, "waits must not be negative")
        try check(presenceChangers >= 1, "--presence-changers must be at least 1, not \(presenceChangers)")
        if let serverPID { try check(serverPID > 0, "--server-pid must be a process id, not \(serverPID)") }
        if phases.contains(.messaging) || phases.contains(.presence) {
            try check(users >= 2, "messaging and presence need at least 2 users")
        }
    }
}
