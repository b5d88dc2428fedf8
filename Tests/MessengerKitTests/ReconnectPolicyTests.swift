import MessengerKit
import Testing

@Suite("ReconnectPolicy")
struct ReconnectPolicyTests {
    @Test("the cap doubles per attempt from the initial delay and stops at the maximum")
    func caps() {
        let policy = ReconnectPolicy(initialDelay: .seconds(1), maxDelay: .seconds(30))
        #expect((1...7).map { policy.delayCap(forAttempt: $0) } == [
            .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(16), .seconds(30), .seconds(30),
        ])
        #expect(policy.delayCap(forAttempt: 10_000) == .seconds(30))
    }

    @Test("jitter scales the cap by the random fraction, clamped to 0...1")
    func jitter() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(500), maxDelay: .seconds(60))
        #expect(policy.delay(forAttempt: 3, unitRandom: 0.5) == .seconds(1))
        #expect(policy.delay(forAttempt: 3, unitRandom: 0) == .zero)
        #expect(policy.delay(forAttempt: 3, unitRandom: 7) == .seconds(2))
        #expect(policy.delay(forAttempt: 3, unitRandom: -1) == .zero)
        for _ in 0..<100 {
            let delay = policy.delay(forAttempt: 4)
            #expect(delay.map { $0 >= .zero && $0 <= .seconds(4) } == true)
        }
    }

    @Test("gives up after maxAttempts")
    func givesUp() {
        let policy = ReconnectPolicy(initialDelay: .seconds(1), maxDelay: .seconds(10), maxAttempts: 3)
        #expect(policy.delay(forAttempt: 3, unitRandom: 1) == .seconds(4))
        #expect(policy.delay(forAttempt: 4, unitRandom: 1) == nil)
    }
}
