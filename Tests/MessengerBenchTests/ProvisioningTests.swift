import Testing
import XMPPCore

@testable import MessengerBench

/// How provisioning decides whom to ask and when to ask again. The stall
/// these guard against: re-asking every pair every 5 s while a slow server
/// still worked through the first requests, so its backlog only grew.
@Suite struct ProvisioningTests {
    @Test func everyPairHasExactlyOneStartingSide() {
        for (users, contacts) in [(10, 4), (5, 4), (3, 2), (2000, 18)] {
            let ring = RosterRing(users: users, contactsPerUser: contacts)
            for user in 0..<users {
                for contact in ring.contacts(of: user) {
                    #expect(ring.isForward(from: user, to: contact) != ring.isForward(from: contact, to: user))
                }
            }
        }
        #expect(RosterRing(users: 10, contactsPerUser: 4).forwardContacts(of: 9) == [0, 1])
    }

    @Test func rosterItemsAreRead() {
        let pending = XMLElement(name: "item", attributes: ["jid": "b@x", "subscription": "none", "ask": "subscribe"], text: "")
        #expect(ContactSubscription(item: pending) == ContactSubscription(kind: .none, asking: true))
        let removed = XMLElement(name: "item", attributes: ["jid": "b@x", "subscription": "remove"], text: "")
        #expect(ContactSubscription(item: removed) == .absent)
        let both = XMLElement(name: "item", attributes: ["jid": "b@x", "subscription": "both"], text: "")
        #expect(ContactSubscription(item: both).isMutual)
    }

    @Test(arguments: [
        // kind, asking, forward, retrying → ask?
        (ContactSubscription.Kind.both, false, true, true, false),
        (.to, false, false, true, false),  // the contact must ask us
        (.from, false, false, false, true),  // we were approved or asked: ask back
        (.from, true, false, false, false),  // already pending
        (.from, true, false, true, true),  // pending, but maybe lost
        (.none, false, true, false, true),  // our side starts the pair
        (.none, false, false, false, false),  // the other side starts
        (.none, false, false, true, false),  // even on a retry: requests never cross
        (.none, true, true, false, false),
        (.none, true, true, true, true),
    ])
    func whoAsks(kind: ContactSubscription.Kind, asking: Bool, forward: Bool, retrying: Bool, expected: Bool) {
        #expect(ContactSubscription(kind: kind, asking: asking).needsRequest(forward: forward, retrying: retrying) == expected)
    }

    @Test func aBusyServerIsNotAskedAgain() {
        var watch = ProvisionWatch(wanted: 100, quietPeriod: .seconds(10), limit: .seconds(3600))
        // No pair completes for a minute, but roster pushes keep coming.
        for second in 0...60 {
            #expect(watch.observe(mutual: 0, traffic: second * 50, elapsed: .seconds(second)) == .wait)
        }
        #expect(watch.observe(mutual: 100, traffic: 4000, elapsed: .seconds(61)) == .done)
        #expect(watch.retries == 0)
    }

    @Test func aQuietServerIsAskedAgainThenGivenUpOn() {
        var watch = ProvisionWatch(wanted: 100, quietPeriod: .seconds(10), fruitlessRetryLimit: 3, limit: .seconds(3600))
        #expect(watch.observe(mutual: 40, traffic: 500, elapsed: .seconds(0)) == .wait)
        #expect(watch.observe(mutual: 40, traffic: 500, elapsed: .seconds(9)) == .wait)
        #expect(watch.observe(mutual: 40, traffic: 500, elapsed: .seconds(10)) == .retry)
        // The retry helped: progress, then quiet again.
        #expect(watch.observe(mutual: 60, traffic: 600, elapsed: .seconds(12)) == .wait)
        #expect(watch.observe(mutual: 60, traffic: 600, elapsed: .seconds(22)) == .retry)
        // From here retries bring nothing (some traffic, no new pair):
        // the third fruitless one in a row ends the wait.
        #expect(watch.observe(mutual: 60, traffic: 650, elapsed: .seconds(23)) == .wait)
        #expect(watch.observe(mutual: 60, traffic: 650, elapsed: .seconds(33)) == .retry)
        #expect(watch.observe(mutual: 60, traffic: 650, elapsed: .seconds(43)) == .retry)
        #expect(watch.observe(mutual: 60, traffic: 650, elapsed: .seconds(52)) == .wait)
        #expect(watch.observe(mutual: 60, traffic: 650, elapsed: .seconds(53)) == .giveUp(reason: "3 requests again made no pair mutual"))
        #expect(watch.retries == 4)
    }

    @Test func theTimeLimitEndsTheWait() {
        var watch = ProvisionWatch(wanted: 10, limit: .seconds(30))
        #expect(watch.observe(mutual: 1, traffic: 1, elapsed: .seconds(29)) == .wait)
        #expect(watch.observe(mutual: 2, traffic: 2, elapsed: .seconds(30)) == .giveUp(reason: "time limit reached"))
    }

    @Test func sessionsAskOnlyWhileFewRequestsAreUnanswered() {
        var pacer = SubscriptionPacer(sessions: 100, requestsPerSession: 9, window: 90)
        #expect(pacer.sessionsToAsk(reported: 0, requests: 0, answered: 0) == 0..<10)
        // Nothing reported yet: those ten still fill the window.
        #expect(pacer.sessionsToAsk(reported: 0, requests: 0, answered: 0).isEmpty)
        // All ten asked for their nine; 20 answered make room for two more.
        #expect(pacer.sessionsToAsk(reported: 10, requests: 90, answered: 20) == 10..<12)
        // Sessions with nothing left to ask free the window at once.
        #expect(pacer.sessionsToAsk(reported: 12, requests: 90, answered: 20) == 12..<14)
        #expect(pacer.asked == 14)
    }

    @Test func aQuietSpellWritesOffWhatWasNeverAnswered() {
        var pacer = SubscriptionPacer(sessions: 30, requestsPerSession: 9, window: 90)
        #expect(pacer.sessionsToAsk(reported: 0, requests: 0, answered: 0) == 0..<10)
        // Their contacts never signed in: nothing is answered, the window stays full...
        #expect(pacer.sessionsToAsk(reported: 10, requests: 90, answered: 0).isEmpty)
        pacer.writeOff()
        // ...until a quiet spell writes those requests off.
        #expect(pacer.sessionsToAsk(reported: 10, requests: 90, answered: 0) == 10..<20)
        #expect(pacer.sessionsToAsk(reported: 20, requests: 180, answered: 90) == 20..<30)
        #expect(pacer.sessionsToAsk(reported: 30, requests: 270, answered: 180).isEmpty)
        #expect(pacer.asked == 30)
    }

    @Test func userIndexesAreReadFromAddresses() throws {
        var configuration = BenchConfiguration()
        configuration.domain = "Bench.Test"
        let shared = try BenchSessionContext(configuration: configuration, recorder: BenchRecorder(runID: "t"))
        let prefix = configuration.prefix
        #expect(shared.userIndex(in: "\(prefix)12@bench.test/res") == 12)
        #expect(shared.userIndex(in: "\(prefix)7@BENCH.test") == 7)
        #expect(shared.userIndex(in: "\(prefix)7@bench.testx") == nil)
        #expect(shared.userIndex(in: "\(prefix)7@other.test/bench.test") == nil)
        #expect(shared.userIndex(in: "someone@bench.test") == nil)
        #expect(shared.userIndex(in: "\(prefix)x@bench.test") == nil)
        #expect(shared.userIndex(in: "bench.test") == nil)
    }
}
