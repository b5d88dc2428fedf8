import Crypto

/// What SIP digest authentication (RFC 3261 §22, RFC 8760) needs to check a
/// password it never sees: HA1 = H(username:realm:password) for MD5 and
/// SHA-256, hex, for one realm (the server's domain).
///
/// HA1 is password-equivalent for SIP in that realm: whoever holds it can
/// answer any digest challenge. It is stored like the SCRAM keys, never
/// logged, and never leaves the server.
public struct SIPDigestCredential: Sendable, Hashable {
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

    /// Both HA1 values for `username` (the account's localpart) in `realm`.
    public static func derive(username: String, realm: String, password: String) -> SIPDigestCredential {
        let secret = Array("\(username):\(realm):\(password)".utf8)
        return SIPDigestCredential(
            realm: realm,
            md5: hexString(Insecure.MD5.hash(data: secret)),
            sha256: hexString(SHA256.hash(data: secret)))
    }
}

/// Lower-case hex of a digest or byte sequence.
func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// SIP digest HA1 per account. Accounts created before SIP existed have none
/// until their password is set again.
public protocol SIPCredentialStore: Sendable {
    /// Replaces (or with nil removes) the account's HA1 values.
    /// Throws `StorageError.accountNotFound` when there is no such account.
    func setSIPDigest(_ credential: SIPDigestCredential?, for username: String) async throws
    func sipDigest(for username: String) async throws -> SIPDigestCredential?
}
