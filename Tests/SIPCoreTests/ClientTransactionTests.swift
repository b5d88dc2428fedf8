import SIPCore
import Testing

@Suite struct ClientInviteTransactionTests {
    let invite = TransactionFixtures.request("INVITE")

    @Test func unreliableRetransmitsByDoublingAndTimesOutAt64T1() {
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        clock.advance(by: .seconds(40))
        // Timer A doubles without a cap (§17.1.1.2); Timer B ends it at 64·T1.
        #expect(clock.sendTimes == [.ms(0), .ms(500), .ms(1500), .ms(3500), .ms(7500), .ms(15500), .ms(31500)])
        #expect(clock.termination?.at == .seconds(32))
        #expect(clock.termination?.reason == .timeout)
        #expect(clock.machine.state == .terminated)
        #expect(clock.deadlines.isEmpty)
    }

    @Test func reliableSendsOnceAndTimesOut() {
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: true))
        clock.input { $0.start() }
        clock.advance(by: .seconds(40))
        #expect(clock.sendTimes == [.ms(0)])
        #expect(clock.termination?.at == .seconds(32))
        #expect(clock.termination?.reason == .timeout)
    }

    @Test func configuredT1ScalesTheSchedule() {
        let timers = TransactionTimers(t1: .ms(100), t2: .ms(400), t4: .seconds(1))
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: false, timers: timers))
        clock.input { $0.start() }
        clock.advance(by: .seconds(10))
        #expect(clock.sendTimes == [.ms(0), .ms(100), .ms(300), .ms(700), .ms(1500), .ms(3100), .ms(6300)])
        #expect(clock.termination?.at == .ms(6400))
    }

    @Test func provisionalStopsRetransmissionAndTimeoutThenNon2xxIsAcknowledged() throws {
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        clock.advance(by: .ms(700))
        clock.input { $0.receive(TransactionFixtures.response(180, to: invite)) }
        #expect(clock.machine.state == .proceeding)
        clock.advance(by: .seconds(100))
        #expect(clock.sendTimes == [.ms(0), .ms(500)])
        #expect(clock.termination == nil)

        let busy = TransactionFixtures.response(486, to: invite)
        clock.input { $0.receive(busy) }
        #expect(clock.machine.state == .completed)
        #expect(clock.passedResponses == [180, 486])
        let ack = try #require(clock.sentMessages.last?.request)
        #expect(String(decoding: SIPMessage.request(ack).serialized(), as: UTF8.self) == """
            ACK sip:bob@biloxi.com SIP/2.0\r
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds\r
            Route: <sip:p1.atlanta.com;lr>\r
            Max-Forwards: 70\r
            From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
            To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r
            Call-ID: a84b4c76e66710@pc33.atlanta.com\r
            CSeq: 1 ACK\r
            Content-Length: 0\r
            \r

            """)

        // A retransmitted 486 is answered with the same ACK and not passed up.
        clock.advance(by: .seconds(1))
        clock.input { $0.receive(busy) }
        #expect(clock.sentMessages.last == .request(ack))
        #expect(clock.sentMessages.count == 4)
        #expect(clock.passedResponses == [180, 486])

        // Timer D (32 s on unreliable transports) ends it normally.
        let completedAt = clock.now - .seconds(1)
        clock.advance(by: .seconds(40))
        #expect(clock.termination?.at == completedAt + .seconds(32))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func reliableNon2xxAcknowledgesAndTerminatesAtOnce() {
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: true))
        clock.input { $0.start() }
        clock.input { $0.receive(TransactionFixtures.response(404, to: invite)) }
        #expect(clock.sentMessages.map { $0.request?.method } == ["INVITE", "ACK"])
        #expect(clock.termination?.at == .zero)
        #expect(clock.termination?.reason == .normal)
    }

    @Test func successMovesToAcceptedAndPassesRetransmissionsUntilTimerM() {
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        clock.advance(by: .ms(100))
        let ok = TransactionFixtures.response(200, to: invite)
        clock.input { $0.receive(ok) }
        #expect(clock.machine.state == .accepted)
        clock.advance(by: .seconds(1))
        clock.input { $0.receive(ok) }
        // The TU acknowledges a 2xx itself: the transaction sends no ACK.
        #expect(clock.sentMessages.map { $0.request?.method } == ["INVITE"])
        #expect(clock.passedResponses == [200, 200])
        clock.advance(by: .seconds(40))
        #expect(clock.termination?.at == .ms(100) + .seconds(32))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func transportFailureInCallingTerminates() {
        var clock = VirtualClock(ClientInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        clock.input { $0.transportFailed() }
        #expect(clock.termination?.reason == .transportError)
        #expect(clock.deadlines.isEmpty)
    }
}

@Suite struct ClientNonInviteTransactionTests {
    let options = TransactionFixtures.request("OPTIONS")

    @Test func unreliableRetransmitsCappedAtT2AndTimesOut() {
        var clock = VirtualClock(ClientNonInviteTransaction(request: options, isReliable: false))
        clock.input { $0.start() }
        clock.advance(by: .seconds(40))
        // 500 ms, 1 s, 2 s, 4 s, 4 s, … (§17.1.2.2), Timer F at 64·T1.
        #expect(clock.sendTimes == [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500].map(Duration.ms))
        #expect(clock.termination?.at == .seconds(32))
        #expect(clock.termination?.reason == .timeout)
    }

    @Test func reliableDoesNotRetransmit() {
        var clock = VirtualClock(ClientNonInviteTransaction(request: options, isReliable: true))
        clock.input { $0.start() }
        clock.advance(by: .seconds(40))
        #expect(clock.sendTimes == [.zero])
        #expect(clock.termination?.reason == .timeout)
    }

    @Test func proceedingRetransmitsEveryT2() {
        var clock = VirtualClock(ClientNonInviteTransaction(request: options, isReliable: false))
        clock.input { $0.start() }
        clock.advance(by: .ms(600))
        clock.input { $0.receive(TransactionFixtures.response(100, to: options)) }
        #expect(clock.machine.state == .proceeding)
        clock.advance(by: .seconds(9))
        // E already due at 1.5 s fires there, then every T2.
        #expect(clock.sendTimes == [0, 500, 1500, 5500, 9500].map(Duration.ms))
    }

    @Test func finalResponseCompletesAndTimerKEnds() {
        var clock = VirtualClock(ClientNonInviteTransaction(request: options, isReliable: false))
        clock.input { $0.start() }
        clock.advance(by: .ms(200))
        let ok = TransactionFixtures.response(200, to: options)
        clock.input { $0.receive(ok) }
        #expect(clock.machine.state == .completed)
        clock.input { $0.receive(ok) }
        #expect(clock.passedResponses == [200])
        clock.advance(by: .seconds(10))
        #expect(clock.sendTimes == [.zero])
        #expect(clock.termination?.at == .ms(5200))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func reliableFinalResponseTerminatesAtOnce() {
        var clock = VirtualClock(ClientNonInviteTransaction(request: options, isReliable: true))
        clock.input { $0.start() }
        clock.input { $0.receive(TransactionFixtures.response(100, to: options)) }
        clock.input { $0.receive(TransactionFixtures.response(404, to: options)) }
        #expect(clock.passedResponses == [100, 404])
        #expect(clock.termination?.at == .zero)
        #expect(clock.deadlines.isEmpty)
    }

    @Test func transportFailure() {
        var clock = VirtualClock(ClientNonInviteTransaction(request: options, isReliable: false))
        clock.input { $0.start() }
        clock.input { $0.transportFailed() }
        #expect(clock.termination?.reason == .transportError)
    }
}
