import ArgumentParser
import MessengerServer

/// The `msgr server` limits an operator is likely to change; the rest keep
/// the defaults documented in docs/limits.md.
struct ServerLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-sessions-per-account"), help: "Sessions one account may have at once (default 10).")
    var maxSessionsPerAccount: Int?

    @Option(name: .customLong("max-roster"), help: "Contacts on one contact list (default 1000).")
    var maxRoster: Int?

    @Option(name: .customLong("max-offline"), help: "Messages stored for one offline user (default 10000).")
    var maxOffline: Int?

    @Option(name: .customLong("rate-limit-bytes"), help: "Bytes per second one signed-in connection may send; bursts of 4 times this pass (default 262144).")
    var rateLimitBytes: Int?

    @Option(name: .customLong("rate-limit-stanzas"), help: "Stanzas per second one signed-in connection may send; bursts of 5 times this pass (default 200).")
    var rateLimitStanzas: Int?

    @Option(name: .customLong("auth-failures-per-address"), help: "Failed sign-ins from one IP address in a minute before it is locked out for a minute (default 5).")
    var authFailuresPerAddress: Int?

    @Option(name: .customLong("auth-failures-per-account"), help: "Failed sign-ins on one account in a minute before it is locked out for a minute (default 10).")
    var authFailuresPerAccount: Int?

    /// Far above any sensible setting, and small enough that a burst multiple cannot overflow.
    static let largest = 1 << 40

    func validate() throws {
        let values = [
            ("--max-sessions-per-account", maxSessionsPerAccount), ("--max-roster", maxRoster),
            ("--rate-limit-bytes", rateLimitBytes),
            ("--rate-limit-stanzas", rateLimitStanzas), ("--auth-failures-per-address", authFailuresPerAddress),
            ("--auth-failures-per-account", authFailuresPerAccount),
        ]
        for case (let name, let value?) in values where !(1...Self.largest).contains(value) {
            throw ValidationError("\(name) must be 1…\(Self.largest), not \(value)")
        }
        if let maxOffline, !(0...Self.largest).contains(maxOffline) {
            throw ValidationError("--max-offline must be 0…\(Self.largest), not \(maxOffline)")
        }
    }

    func apply(to configuration: inout XMPPServer.Configuration) {
        if let maxSessionsPerAccount { configuration.maxSessionsPerAccount = maxSessionsPerAccount }
        if let maxRoster { configuration.maxRosterItems = maxRoster }
        if let maxOffline { configuration.maxOfflineMessagesPerUser = maxOffline }
        if let rateLimitBytes {
            // The burst must hold the largest stanza the parser accepts.
            let burst = max(rateLimitBytes * 4, configuration.xmlLimits.maxStanzaBytes)
            configuration.rateLimits.bytes = RateLimit(perSecond: rateLimitBytes, burst: burst)
        }
        if let rateLimitStanzas { configuration.rateLimits.stanzas = RateLimit(perSecond: rateLimitStanzas, burst: rateLimitStanzas * 5) }
        if let authFailuresPerAddress { configuration.authThrottle.failuresPerAddress = authFailuresPerAddress }
        if let authFailuresPerAccount { configuration.authThrottle.failuresPerAccount = authFailuresPerAccount }
    }
}
