/// SaltedPassword = Hi(password, salt, i) of RFC 5802 §3, with the salt and
/// iteration count it was computed for. A client that keeps this instead of
/// the password can still sign in (while the server's salt and count stay
/// the same) and never holds the password itself.
public struct SCRAMSaltedPassword: Sendable, Hashable {
    public var salt: [UInt8]
    public var iterations: Int
    public var saltedPassword: [UInt8]

    public init(salt: [UInt8], iterations: Int, saltedPassword: [UInt8]) {
        self.salt = salt
        self.iterations = iterations
        self.saltedPassword = saltedPassword
    }
}
