/// What a server stores for one password and one SCRAM hash (RFC 5802 §3):
/// enough to verify a client's proof and to prove itself, but not enough to
/// impersonate the user to another server without the salted password.
public struct SCRAMSaltedKeys: Sendable, Hashable {
    public var hash: SCRAMHashFunction
    public var salt: [UInt8]
    public var iterations: Int
    public var storedKey: [UInt8]
    public var serverKey: [UInt8]

    /// Iteration counts we will compute; the upper bound keeps a hostile
    /// peer (or a corrupt record) from making us spin for minutes.
    public static let iterationRange = 1...1_000_000
    /// The count used for new passwords; RFC 7677 §4 asks for at least 4096.
    public static let defaultIterations = 10_000
    public static let defaultSaltByteCount = 16

    public init(hash: SCRAMHashFunction, salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8]) {
        self.hash = hash
        self.salt = salt
        self.iterations = iterations
        self.storedKey = storedKey
        self.serverKey = serverKey
    }

    /// Derives the keys: SaltedPassword = Hi(SASLprep(password), salt, i),
    /// StoredKey = H(HMAC(SaltedPassword, "Client Key")),
    /// ServerKey = HMAC(SaltedPassword, "Server Key").
    public static func derive(
        password: String, salt: [UInt8], iterations: Int, hash: SCRAMHashFunction
    ) throws(SCRAMError) -> SCRAMSaltedKeys {
        let secrets = try SCRAMSecrets(password: password, salt: salt, iterations: iterations, hash: hash)
        return SCRAMSaltedKeys(
            hash: hash, salt: salt, iterations: iterations,
            storedKey: hash.digest(secrets.clientKey), serverKey: secrets.serverKey)
    }

    /// Keys for a new password with a fresh random salt.
    public static func generate(
        password: String, hash: SCRAMHashFunction, iterations: Int = defaultIterations
    ) throws(SCRAMError) -> SCRAMSaltedKeys {
        try derive(password: password, salt: randomBytes(defaultSaltByteCount), iterations: iterations, hash: hash)
    }

    /// Whether `password` is the one these keys were derived from (for SASL
    /// PLAIN, where the server sees the password itself). Compares in
    /// constant time; a password SASLprep rejects never matches.
    public func matches(password: String) -> Bool {
        guard let candidate = try? Self.derive(password: password, salt: salt, iterations: iterations, hash: hash)
        else { return false }
        return constantTimeEquals(candidate.storedKey, storedKey) && constantTimeEquals(candidate.serverKey, serverKey)
    }
}

/// The client-side secrets of RFC 5802 §3, computed from the password or
/// from a SaltedPassword kept from an earlier exchange.
struct SCRAMSecrets {
    let saltedPassword: [UInt8]
    let clientKey: [UInt8]
    let serverKey: [UInt8]

    init(password: String, salt: [UInt8], iterations: Int, hash: SCRAMHashFunction) throws(SCRAMError) {
        guard SCRAMSaltedKeys.iterationRange.contains(iterations) else {
            throw .iterationCountOutOfRange(iterations)
        }
        let prepared = try SASLprep.prepare(password)
        self.init(saltedPassword: hash.saltedPassword(Array(prepared.utf8), salt: salt, iterations: iterations), hash: hash)
    }

    init(saltedPassword: [UInt8], hash: SCRAMHashFunction) {
        self.saltedPassword = saltedPassword
        clientKey = hash.hmac(key: saltedPassword, Array("Client Key".utf8))
        serverKey = hash.hmac(key: saltedPassword, Array("Server Key".utf8))
    }
}
