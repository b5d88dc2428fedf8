/// A token bucket: refills at `rate` per second up to `burst`. Spending
/// more than it holds leaves it in debt, which is how a caller learns that
/// a sender went past its sustained rate plus its allowance for bursts.
/// Plain value with the time passed in, so it is tested without sleeping.
struct TokenBucket: Sendable {
    let rate: Double
    let burst: Double
    private(set) var tokens: Double
    private var updatedNanoseconds: UInt64

    /// Starts full: a new connection may use its burst at once.
    init(_ limit: RateLimit, nowNanoseconds: UInt64) {
        rate = Double(max(limit.perSecond, 0))
        burst = Double(max(limit.burst, 0))
        tokens = burst
        updatedNanoseconds = nowNanoseconds
    }

    /// Takes `amount`; false once the bucket is overdrawn.
    mutating func spend(_ amount: Int, nowNanoseconds: UInt64) -> Bool {
        if nowNanoseconds > updatedNanoseconds {
            let elapsed = Double(nowNanoseconds - updatedNanoseconds) / 1_000_000_000
            tokens = min(burst, tokens + elapsed * rate)
            updatedNanoseconds = nowNanoseconds
        }
        tokens -= Double(amount)
        return tokens >= 0
    }
}
