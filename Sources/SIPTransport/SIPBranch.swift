import SIPCore

/// Branch parameters for new transactions (RFC 3261 §8.1.1.7): the magic
/// cookie and 64 random bits, unique over time and space.
public enum SIPBranch {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = UInt64.random(in: .min ... .max, using: &generator)
        return SIPVia.magicCookie + String(random, radix: 16)
    }
}
