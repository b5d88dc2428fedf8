import NIOSSL

/// What every connection of one run shares (read-only, plus the recorder
/// and the SaltedPassword cache, which lock inside).
final class BenchSessionContext: Sendable {
    let domain: String
    private let lowercasedDomain: [UInt8]
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
        lowercasedDomain = configuration.domain.utf8.map(Self.asciiLowercase)
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
    /// Called for every roster item and presence: compares bytes, allocates nothing.
    func userIndex(in jid: String) -> Int? {
        let bytes = jid.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), bytes.starts(with: prefix.utf8) else { return nil }
        let domainStart = bytes.index(after: at)
        let domainEnd = bytes[domainStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
        guard bytes[domainStart..<domainEnd].elementsEqual(lowercasedDomain, by: { Self.asciiLowercase($0) == $1 }) else {
            return nil
        }
        return Int(Substring(jid)[bytes.index(bytes.startIndex, offsetBy: prefix.utf8.count)..<at])
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
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
