import Crypto
import SIPCore

/// What SIP digest authentication (RFC 3261 §22, RFC 8760) needs to check a
/// password it never sees: HA1 = H(username:realm:password) for MD5 and
/// SHA-256, hex, for one realm (the server's domain).
///
/// HA1 is password-equivalent for SIP in that realm: whoever holds it can
/// answer any digest challenge. The server stores it like the SCRAM keys
/// and never logs it.
public typealias SIPDigestCredential = DigestSecret

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
