import Crypto
import Foundation

/// Digest nonces that need no table: `<expiry>.<random>.<mac>`, the MAC an
/// HMAC-SHA256 over expiry and random part under a key made at start-up.
/// A nonce is ours when the MAC matches and stale once its expiry passed.
/// A restart changes the key, so older nonces are simply challenged again.
/// Without a table a nonce may be replayed until it expires (lifetime).
struct SIPNonceSigner: Sendable {
    enum Check: Equatable { case valid, stale, invalid }

    private let key: SymmetricKey
    let lifetimeSeconds: Int64

    init(lifetimeSeconds: Int64 = 300) {
        self.key = SymmetricKey(size: .bits256)
        self.lifetimeSeconds = lifetimeSeconds
    }

    func make(now: Date = Date()) -> String {
        let expiry = Int64(now.timeIntervalSince1970) + lifetimeSeconds
        var generator = SystemRandomNumberGenerator()
        let random = String(UInt64.random(in: .min ... .max, using: &generator), radix: 16)
        let body = "\(expiry).\(random)"
        return "\(body).\(mac(body))"
    }

    func check(_ nonce: String, now: Date = Date()) -> Check {
        let parts = nonce.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let expiry = Int64(parts[0]) else { return .invalid }
        let body = "\(parts[0]).\(parts[1])"
        guard constantTimeEqual(mac(body), String(parts[2])) else { return .invalid }
        return Int64(now.timeIntervalSince1970) > expiry ? .stale : .valid
    }

    private func mac(_ body: String) -> String {
        hexString(HMAC<SHA256>.authenticationCode(for: Array(body.utf8), using: key))
    }
}

/// Compares two strings in time that depends only on their lengths.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let left = Array(a.utf8)
    let right = Array(b.utf8)
    guard left.count == right.count else { return false }
    var difference: UInt8 = 0
    for index in left.indices { difference |= left[index] ^ right[index] }
    return difference == 0
}
