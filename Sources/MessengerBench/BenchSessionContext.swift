import NIOSSL

/// What every connection of one run shares (read-only, plus the recorder
/// and the SaltedPassword cache, which lock inside).
final class BenchSessionContext: Sendable {
    let domain: String
    let prefix: String
    let password: String
    let tls: Bool
    let ring: RosterRing
    let recorder: BenchRecorder
    let saltedPasswords = SaltedPasswordCache()
    /// No certificate verification: a lab tool talking to a server on loopback.
    let sslContext: NIOSSLContext?

    init(configuration: BenchConfiguration, recorder: BenchRecorder) throws {
        domain = configuration.domain
        prefix = configuration.prefix
        password = configuration.password
        tls = configuration.tls
        ring = RosterRing(users: configuration.users, contactsPerUser: configuration.roster)
        self.recorder = recorder
        if configuration.tls {
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            tlsConfiguration.certificateVerification = .none
            sslContext = try NIOSSLContext(configuration: tlsConfiguration)
        } else {
            sslContext = nil
        }
    }

    func username(_ index: Int) -> String { "\(prefix)\(index)" }

    func jid(_ index: Int) -> String { "\(prefix)\(index)@\(domain)" }

    /// The user index in a JID like `PREFIX12@domain/res`; nil for anyone else.
    func userIndex(in jid: String) -> Int? {
        guard let at = jid.firstIndex(of: "@"), jid.hasPrefix(prefix) else { return nil }
        let domainEnd = jid[at...].firstIndex(of: "/") ?? jid.endIndex
        guard jid[jid.index(after: at)..<domainEnd].lowercased() == domain.lowercased() else { return nil }
        return Int(jid[jid.index(jid.startIndex, offsetBy: prefix.count)..<at])
    }
}

/// What a connection's login is asked to do beyond signing in.
struct BenchLoginOptions: Sendable {
    /// XEP-0077 registration before authenticating ("already exists" is fine).
    var register: Bool
    /// Fetch the roster to learn which contacts are already mutual.
    var fetchRoster: Bool
    /// Tries per user when the TCP connection itself fails. Provisioning
    /// tries again: a busy server's listen queue overflows, and a user left
    /// out leaves all its pairs unmade. The measured storm counts failures.
    var connectAttempts = 1
}

/// Commands the runner sends a connection through its pipeline (thread-safe).
enum BenchConnectionCommand: Sendable {
    /// Send `subscribe` to every forward ring contact not yet mutual (the
    /// other side answers with its own request).
    case requestMissingSubscriptions
    /// Send `subscribe` to every ring contact not yet mutual, both ways
    /// (when the first round stalled).
    case retryMissingSubscriptions
    /// End the stream and close, without counting it as a failure.
    case close
}

/// Why a connection did not get to "available".
public struct BenchLoginError: Error, Sendable, Hashable, CustomStringConvertible {
    public let description: String
    /// The TCP connection failed (refused, timed out): worth another try.
    let beforeConnecting: Bool
    init(_ description: String, beforeConnecting: Bool = false) {
        self.description = description
        self.beforeConnecting = beforeConnecting
    }
}
