/// Random bytes for salts and secrets, from the system's secure generator.
/// Eight bytes per draw: each draw is a system call (getrandom), and a
/// byte at a time made a sign-in's nonce cost 24 of them.
func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count + 7)
    while bytes.count < count {
        withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
    }
    bytes.removeLast(bytes.count - count)
    return bytes
}

/// A fresh nonce: 24 random bytes in base64, which is printable and comma-free.
func randomNonce() -> String {
    Base64.encode(randomBytes(24))
}
