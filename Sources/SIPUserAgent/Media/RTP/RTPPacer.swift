/// When to send packets of a fixed duration so they follow the clock:
/// packet n is due at start + n × interval, so lateness does not add up.
/// After a stall it sends at most `maximumBurst` packets at once and skips
/// the rest, rather than flood the peer's jitter buffer.
struct RTPPacer: Sendable {
    let interval: Duration
    let maximumBurst: Int
    /// Packets sent or skipped so far.
    private(set) var nextIndex = 0

    init(interval: Duration, maximumBurst: Int = 3) {
        self.interval = interval
        self.maximumBurst = maximumBurst
    }

    /// What to do `elapsed` after the start: how many due packets to skip,
    /// then how many to send.
    mutating func due(after elapsed: Duration) -> (skip: Int, send: Int) {
        let dueCount = max(0, Int(elapsed / interval) + 1 - nextIndex)
        let send = min(dueCount, maximumBurst)
        let skip = dueCount - send
        nextIndex += dueCount
        return (skip, send)
    }

    /// How long after the start the next packet is due.
    var nextDeadline: Duration { interval * nextIndex }
}
