import XMPPCore

/// What a client keeps after a SCRAM sign-in instead of the password (the
/// "client key caching" of RFC 5802 §5.1): the SaltedPassword for the
/// server's salt and iteration count. It signs in to that server for as long
/// as the server keeps the same salt and count, and reveals nothing the
/// server does not already hold. Guard it like a password all the same.
///
/// In JSON the byte strings are base64 text.
public struct SCRAMStoredKeys: Codable, Sendable, Hashable {
    /// "SCRAM-SHA-256" or "SCRAM-SHA-1".
    public var mechanism: String
    public var salt: [UInt8]
    public var iterations: Int
    public var saltedPassword: [UInt8]

    public init(mechanism: String, salt: [UInt8], iterations: Int, saltedPassword: [UInt8]) {
        self.mechanism = mechanism
        self.salt = salt
        self.iterations = iterations
        self.saltedPassword = saltedPassword
    }

    init(mechanism: XMPPClientConnection.SASLMechanism, _ salted: SCRAMSaltedPassword) {
        self.init(
            mechanism: mechanism.rawValue, salt: salted.salt, iterations: salted.iterations,
            saltedPassword: salted.saltedPassword)
    }

    /// The SASL mechanism these keys work with; nil for PLAIN or an unknown name.
    var scramMechanism: XMPPClientConnection.SASLMechanism? {
        switch XMPPClientConnection.SASLMechanism(rawValue: mechanism) {
        case .scramSHA256: .scramSHA256
        case .scramSHA1: .scramSHA1
        case .plain, nil: nil
        }
    }

    var salted: SCRAMSaltedPassword {
        SCRAMSaltedPassword(salt: salt, iterations: iterations, saltedPassword: saltedPassword)
    }

    private enum CodingKeys: String, CodingKey {
        case mechanism, salt, iterations, saltedPassword
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        mechanism = try container.decode(String.self, forKey: .mechanism)
        iterations = try container.decode(Int.self, forKey: .iterations)
        salt = try Self.decodeBase64(container, .salt)
        saltedPassword = try Self.decodeBase64(container, .saltedPassword)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mechanism, forKey: .mechanism)
        try container.encode(Base64.encode(salt), forKey: .salt)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(Base64.encode(saltedPassword), forKey: .saltedPassword)
    }

    private static func decodeBase64(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [UInt8] {
        let text = try container.decode(String.self, forKey: key)
        guard let bytes = Base64.decode(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64")
        }
        return bytes
    }
}
