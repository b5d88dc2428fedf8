/// Random bytes for salts and secrets, from the system's secure generator.
func randomBytes(_ count: Int) -> [UInt8] {
    var generator = SystemRandomNumberGenerator()
    return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
}

/// A fresh nonce: 24 random bytes in base64, which is printable and comma-free.
func randomNonce() -> String {
    Base64.encode(randomBytes(24))
}
