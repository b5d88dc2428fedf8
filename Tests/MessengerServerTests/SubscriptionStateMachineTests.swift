import Testing
@testable import MessengerServer

@Suite("Subscription state machine (RFC 6121 Appendix A)")
struct SubscriptionStateMachineTests {
    typealias SM = SubscriptionStateMachine
    typealias S = SM.State

    @Test func fullHandshakeFromNoneToBoth() {
        // Alice asks bob; bob's side records pending-in.
        var alice = S()
        var bob = S()
        var out = SM.outbound(.subscribe, alice)
        alice = out.state
        #expect(alice == S(subscription: .none, askOut: true))
        var inn = SM.inbound(.subscribe, bob)
        bob = inn.state
        #expect(inn.forward)
        #expect(bob == S(subscription: .none, pendingIn: true))
        // Bob approves.
        out = SM.outbound(.subscribed, bob)
        bob = out.state
        #expect(out.forward)
        #expect(bob == S(subscription: .from))
        inn = SM.inbound(.subscribed, alice)
        alice = inn.state
        #expect(alice == S(subscription: .to))
        // Bob subscribes back and alice approves.
        bob = SM.outbound(.subscribe, bob).state
        alice = SM.inbound(.subscribe, alice).state
        alice = SM.outbound(.subscribed, alice).state
        bob = SM.inbound(.subscribed, bob).state
        #expect(alice == S(subscription: .both))
        #expect(bob == S(subscription: .both))
    }

    @Test func alreadyApprovedSubscribeIsAnsweredByTheServer() {
        let outcome = SM.inbound(.subscribe, S(subscription: .from))
        #expect(outcome.autoReplySubscribed)
        #expect(!outcome.forward)
    }

    @Test func subscribedWithoutARequestIsIgnored() {
        let outcome = SM.outbound(.subscribed, S())
        #expect(!outcome.forward)
        #expect(outcome.state == S())
        #expect(!SM.inbound(.subscribed, S()).forward)
    }

    @Test(arguments: [
        (RosterItem.Subscription.both, SM.Kind.unsubscribe, true, RosterItem.Subscription.from),
        (.both, .unsubscribed, true, .to),
        (.to, .unsubscribe, true, .none),
        (.from, .unsubscribed, true, .none),
        (.none, .unsubscribed, false, .none),
    ])
    func cancellations(from: RosterItem.Subscription, kind: SM.Kind, forwards: Bool, to: RosterItem.Subscription) {
        let outcome = SM.outbound(kind, S(subscription: from))
        #expect(outcome.state.subscription == to)
        if kind == .unsubscribed { #expect(outcome.forward == forwards) }
    }

    @Test func inboundUnsubscribeClearsPendingIn() {
        let outcome = SM.inbound(.unsubscribe, S(subscription: .none, pendingIn: true))
        #expect(outcome.state == S())
        #expect(outcome.forward)
    }
}
