/// When to try again after a connection dropped: exponential back-off with
/// full jitter (each delay is random in `0...cap`), the cap doubling per
/// failed attempt from `initialDelay` up to `maxDelay`. Jitter spreads the
/// reconnects of many clients after a server restart.
///
/// A pure value: the caller owns the clock and the random numbers, so the
/// policy is tested without waiting.
public struct ReconnectPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// Give up after this many consecutive failed attempts; nil retries for ever.
    public var maxAttempts: Int?

    public init(initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(300), maxAttempts: Int? = nil) {
        self.initialDelay = initialDelay
        self.maxDelay = max(maxDelay, initialDelay)
        self.maxAttempts = maxAttempts
    }

    /// The upper bound of the delay before attempt `attempt` (1 = the first retry):
    /// `initialDelay × 2^(attempt-1)`, never above `maxDelay`.
    public func delayCap(forAttempt attempt: Int) -> Duration {
        var cap = initialDelay
        var step = 1
        while step < attempt, cap < maxDelay {
            cap *= 2
            step += 1
        }
        return min(cap, maxDelay)
    }

    /// The delay before attempt `attempt`, or nil when the policy gives up.
    /// `unitRandom` is a number in `0...1` (use `Double.random(in: 0...1)`).
    public func delay(forAttempt attempt: Int, unitRandom: Double) -> Duration? {
        guard attempt >= 1 else { return .zero }
        if let maxAttempts, attempt > maxAttempts { return nil }
        let fraction = min(max(unitRandom, 0), 1)
        return delayCap(forAttempt: attempt) * fraction
    }

    /// `delay(forAttempt:unitRandom:)` with the system's random numbers.
    public func delay(forAttempt attempt: Int) -> Duration? {
        delay(forAttempt: attempt, unitRandom: Double.random(in: 0...1))
    }
}
