import Crypto

/// The hash a SCRAM mechanism is built on (RFC 5802 for SHA-1, RFC 7677 for SHA-256).
public enum SCRAMHashFunction: String, Sendable, CaseIterable {
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"

    /// The SASL mechanism name as advertised in `<mechanisms/>`.
    public var mechanismName: String { "SCRAM-" + rawValue }

    /// The hash function's output length in bytes (also the length of every SCRAM key and proof).
    public var outputByteCount: Int {
        switch self {
        case .sha1: Insecure.SHA1.byteCount
        case .sha256: SHA256.byteCount
        }
    }

    func digest(_ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: Array(Insecure.SHA1.hash(data: data))
        case .sha256: Array(SHA256.hash(data: data))
        }
    }

    func hmac(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
        switch self {
        case .sha1: Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: SymmetricKey(data: key)))
        case .sha256: Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
        }
    }

    /// `Hi(str, salt, i)` of RFC 5802 §2.2: PBKDF2 with this HMAC, one output block.
    func saltedPassword(_ password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        switch self {
        case .sha1: PBKDF2<Insecure.SHA1>.firstBlock(password: password, salt: salt, iterations: iterations)
        case .sha256: PBKDF2<SHA256>.firstBlock(password: password, salt: salt, iterations: iterations)
        }
    }
}

/// PBKDF2 (RFC 8018 §5.2) over HMAC, limited to the first output block,
/// which is all SCRAM needs (dkLen = hLen).
enum PBKDF2<Hash: HashFunction> {
    static func firstBlock(password: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        // Keying HMAC hashes the padded key; do it once and copy the keyed
        // state for every iteration instead of re-keying thousands of times.
        let keyed = HMAC<Hash>(key: SymmetricKey(data: password))

        var first = keyed
        first.update(data: salt)
        first.update(data: [0, 0, 0, 1])  // INT(1): block index, big-endian
        var block = Array(first.finalize())
        var result = block

        for _ in 1..<max(iterations, 1) {
            var round = keyed
            round.update(data: block)
            block = Array(round.finalize())
            for index in result.indices { result[index] ^= block[index] }
        }
        return result
    }
}

/// Compares two byte strings in time that depends only on their lengths,
/// so that a forged proof learns nothing from how fast it was rejected.
func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
}
