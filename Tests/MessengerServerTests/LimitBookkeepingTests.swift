import Testing
@testable import MessengerServer

/// The two pieces of arithmetic behind the limits, with the clock passed in.
@Suite("Token buckets and failure windows")
struct LimitBookkeepingTests {
    static let second: UInt64 = 1_000_000_000

    @Test func aBucketAllowsItsBurstThenItsRate() {
        var bucket = TokenBucket(RateLimit(perSecond: 100, burst: 1000), nowNanoseconds: 0)
        let burst = bucket.spend(1000, nowNanoseconds: 0)
        let oneMore = bucket.spend(1, nowNanoseconds: 0)
        // Half a second refills 50; the debt of 1 is paid from it.
        let refilled = bucket.spend(49, nowNanoseconds: Self.second / 2)
        let beyond = bucket.spend(1, nowNanoseconds: Self.second / 2)
        #expect([burst, oneMore, refilled, beyond] == [true, false, true, false])
    }

    @Test func aBucketNeverHoldsMoreThanItsBurst() {
        var bucket = TokenBucket(RateLimit(perSecond: 100, burst: 10), nowNanoseconds: 0)
        let later = 3600 * Self.second
        let full = bucket.spend(10, nowNanoseconds: later)
        let oneMore = bucket.spend(1, nowNanoseconds: later)
        #expect([full, oneMore] == [true, false])
    }

    @Test func theLimiterNamesTheLimitThatWasHit() {
        var limits = ConnectionRateLimits()
        limits.unboundBytes = RateLimit(perSecond: 10, burst: 100)
        limits.bytes = RateLimit(perSecond: 1000, burst: 5000)
        limits.stanzas = RateLimit(perSecond: 1, burst: 2)
        var limiter = ConnectionRateLimiter(limits: limits, nowNanoseconds: 0)
        let unboundStanza = limiter.receivedStanza(nowNanoseconds: 0)  // not counted before binding
        let unboundBytes = limiter.received(bytes: 101, nowNanoseconds: 0)
        #expect(unboundStanza == nil)
        #expect(unboundBytes?.text == "byte rate limit: more than 10 bytes/s (burst 100) before binding a resource")

        limiter.sessionBound(nowNanoseconds: 0)
        let boundBytes = limiter.received(bytes: 5000, nowNanoseconds: 0)
        let stanzas = (1...3).map { _ in limiter.receivedStanza(nowNanoseconds: 0) }
        let oneByteMore = limiter.received(bytes: 1, nowNanoseconds: 0)
        #expect(boundBytes == nil)
        #expect(stanzas[0] == nil && stanzas[1] == nil)
        #expect(stanzas[2]?.condition == .policyViolation)
        #expect(stanzas[2]?.text == "stanza rate limit: more than 1 stanzas/s (burst 2)")
        #expect(oneByteMore?.text == "byte rate limit: more than 1000 bytes/s (burst 5000)")
    }

    @Test func failuresLockAKeyForOneWindowAfterTheLimit() {
        let start = ContinuousClock.now
        var table = FailureWindowTable(limit: 3, window: .seconds(60), capacity: 100)
        table.recordFailure("a", now: start)
        table.recordFailure("a", now: start + .seconds(10))
        #expect(!table.isLocked("a", now: start + .seconds(10)))
        table.recordFailure("a", now: start + .seconds(20))
        #expect(table.isLocked("a", now: start + .seconds(20)))
        #expect(!table.isLocked("b", now: start + .seconds(20)))
        // Failures while locked do not extend the lock.
        table.recordFailure("a", now: start + .seconds(70))
        #expect(table.isLocked("a", now: start + .seconds(79)))
        #expect(!table.isLocked("a", now: start + .seconds(80)))
    }

    @Test func failuresOutsideTheWindowStartItAgain() {
        let start = ContinuousClock.now
        var table = FailureWindowTable(limit: 2, window: .seconds(60), capacity: 100)
        table.recordFailure("a", now: start)
        table.recordFailure("a", now: start + .seconds(61))
        #expect(!table.isLocked("a", now: start + .seconds(61)))
        table.recordFailure("a", now: start + .seconds(62))
        #expect(table.isLocked("a", now: start + .seconds(62)))
    }

    @Test func theTableStaysWithinItsCapacity() {
        let start = ContinuousClock.now
        var table = FailureWindowTable(limit: 1, window: .seconds(60), capacity: 3)
        for (index, key) in ["a", "b", "c", "d"].enumerated() {
            table.recordFailure(key, now: start + .seconds(index))
        }
        #expect(table.entries.count == 3)
        // The stalest went; the newest are still locked.
        #expect(!table.isLocked("a", now: start + .seconds(5)))
        #expect(table.isLocked("d", now: start + .seconds(5)))
        // Expired entries make room before live ones are dropped.
        table.recordFailure("e", now: start + .seconds(200))
        #expect(table.entries.keys.sorted() == ["e"])
    }
}
