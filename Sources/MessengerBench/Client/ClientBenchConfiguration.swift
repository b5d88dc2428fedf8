/// Everything one `msgr bench-client` run needs. Defaults are the documented ones.
public struct ClientBenchConfiguration: Sendable {
    /// Contacts on the measured user's list (each a separate account, mutual subscription).
    public var contacts = 5000
    /// Contacts signed in (with initial presence) while the client signs in.
    public var online = 50
    /// Sign-ins measured (signing out in between).
    public var signins = 5
    /// InstantMessage + SendText rounds through the automation socket.
    public var iterations = 2000
    /// Upper bound in seconds on each waiting step (a sign-in, the contact list, the last delivery).
    public var timeoutSeconds = 120
    /// Where the server's certificate and the automation socket go; nil makes
    /// (and removes) a fresh folder under /tmp. Must be short: a Unix socket
    /// path fits in 108 bytes.
    public var folder: String?
    /// Progress lines (the CLI writes them to stderr).
    public var progress: @Sendable (String) -> Void = { _ in }

    public init() {}

    /// Checks every setting; the error says which flag and why.
    public func validate() throws(BenchConfigurationError) {
        func check(_ condition: Bool, _ message: String) throws(BenchConfigurationError) {
            if !condition { throw BenchConfigurationError(message) }
        }
        try check((1...100_000).contains(contacts), "--contacts must be 1…100000, not \(contacts)")
        try check(online >= 0 && online <= min(contacts, 1000), "--online must be 0…\(min(contacts, 1000)) (at most --contacts and 1000), not \(online)")
        try check((1...1000).contains(signins), "--signins must be 1…1000, not \(signins)")
        try check((1...1_000_000).contains(iterations), "--iterations must be 1…1000000, not \(iterations)")
        try check((1...3600).contains(timeoutSeconds), "--timeout must be 1…3600 seconds, not \(timeoutSeconds)")
        if let folder { try check(folder.utf8.count <= 80, "--folder must be at most 80 bytes long (the socket path goes inside it)") }
    }
}
