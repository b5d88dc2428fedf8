/// HA1 = H(username:realm:password) for both algorithms we speak: what a
/// registrar stores, and what a client may keep instead of the password.
/// It is password-equivalent for SIP digest in its realm (not elsewhere),
/// so it belongs in private files and never in logs.
public struct DigestSecret: Hashable, Sendable, Codable {
    public var realm: String
    /// Lower-case hex MD5 HA1.
    public var md5: String
    /// Lower-case hex SHA-256 HA1.
    public var sha256: String

    public init(realm: String, md5: String, sha256: String) {
        self.realm = realm
        self.md5 = md5
        self.sha256 = sha256
    }

    public static func derive(username: String, realm: String, password: String) -> DigestSecret {
        let secret = "\(username):\(realm):\(password)"
        return DigestSecret(realm: realm, md5: DigestAlgorithm.md5.hex(secret), sha256: DigestAlgorithm.sha256.hex(secret))
    }

    public func ha1(for algorithm: DigestAlgorithm) -> String {
        algorithm == .sha256 ? sha256 : md5
    }
}
