/// Failures per key (an address, an account) in a window that starts at the
/// first failure. The failure that reaches the limit locks the key for one
/// more window; while locked, nothing is counted and nothing is checked.
/// Holds at most `capacity` keys: expired ones go first, then the stalest.
/// A plain value with the time passed in, tested without sleeping.
struct FailureWindowTable: Sendable {
    struct Entry: Sendable, Equatable {
        var windowStart: ContinuousClock.Instant
        var failures: Int
        var lockedUntil: ContinuousClock.Instant?
        var lastFailure: ContinuousClock.Instant
    }

    let limit: Int
    let window: Duration
    let capacity: Int
    private(set) var entries: [String: Entry] = [:]

    init(limit: Int, window: Duration, capacity: Int) {
        self.limit = limit
        self.window = window
        self.capacity = max(capacity, 1)
    }

    func isLocked(_ key: String, now: ContinuousClock.Instant) -> Bool {
        guard let until = entries[key]?.lockedUntil else { return false }
        return now < until
    }

    mutating func recordFailure(_ key: String, now: ContinuousClock.Instant) {
        guard !isLocked(key, now: now) else { return }
        var entry = entries[key] ?? Entry(windowStart: now, failures: 0, lastFailure: now)
        if now - entry.windowStart >= window || entry.lockedUntil != nil {
            entry = Entry(windowStart: now, failures: 0, lastFailure: now)
        }
        entry.failures += 1
        entry.lastFailure = now
        if entry.failures >= limit { entry.lockedUntil = now + window }
        if entries[key] == nil { makeRoom(now: now) }
        entries[key] = entry
    }

    private func expired(_ entry: Entry, now: ContinuousClock.Instant) -> Bool {
        if let until = entry.lockedUntil { return now >= until }
        return now - entry.windowStart >= window
    }

    private mutating func makeRoom(now: ContinuousClock.Instant) {
        guard entries.count >= capacity else { return }
        entries = entries.filter { !expired($0.value, now: now) }
        while entries.count >= capacity, let stalest = entries.min(by: { $0.value.lastFailure < $1.value.lastFailure }) {
            entries[stalest.key] = nil
        }
    }
}
