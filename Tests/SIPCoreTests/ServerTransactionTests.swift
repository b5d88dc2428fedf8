import SIPCore
import Testing

@Suite struct ServerInviteTransactionTests {
    let invite = TransactionFixtures.request("INVITE")
    var ack: SIPRequest { TransactionFixtures.request("ACK", toTag: "a6c85cf") }

    private func sentStatuses<M>(_ clock: VirtualClock<M>) -> [Int] {
        clock.sentMessages.compactMap { $0.response?.statusCode }
    }

    @Test func tryingAndProvisionalsAnswerRetransmissions() throws {
        var clock = VirtualClock(ServerInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        #expect(clock.passedRequests == ["INVITE"])
        let trying = try #require(clock.sentMessages.first?.response)
        #expect(trying.statusCode == 100)
        #expect(trying.headers["To"] == "Bob <sip:bob@biloxi.com>")
        clock.input { $0.receive(invite) }
        clock.input { $0.send(TransactionFixtures.response(180, to: invite)) }
        clock.input { $0.receive(invite) }
        #expect(sentStatuses(clock) == [100, 100, 180, 180])
        #expect(clock.passedRequests == ["INVITE"])
        #expect(clock.machine.state == .proceeding)
    }

    @Test func non2xxRetransmitsCappedAtT2UntilTimerH() {
        var clock = VirtualClock(ServerInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start(sendTrying: false) }
        clock.input { $0.send(TransactionFixtures.response(486, to: invite)) }
        #expect(clock.machine.state == .completed)
        clock.advance(by: .seconds(40))
        #expect(clock.sendTimes == [0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500].map(Duration.ms))
        #expect(Set(sentStatuses(clock)) == [486])
        #expect(clock.termination?.at == .seconds(32))
        #expect(clock.termination?.reason == .timeout)
    }

    @Test func ackConfirmsAndTimerIEnds() {
        var clock = VirtualClock(ServerInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start(sendTrying: false) }
        clock.input { $0.send(TransactionFixtures.response(486, to: invite)) }
        clock.advance(by: .ms(600))
        clock.input { $0.receive(invite) }          // retransmission in Completed: 486 again
        clock.input { $0.receive(ack) }
        #expect(clock.machine.state == .confirmed)
        clock.input { $0.receive(ack) }             // absorbed
        clock.input { $0.receive(invite) }          // absorbed
        clock.advance(by: .seconds(10))
        #expect(clock.sendTimes == [0, 500, 600].map(Duration.ms))
        #expect(clock.passedRequests == ["INVITE"])
        #expect(clock.termination?.at == .ms(5600))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func reliableAckTerminatesAtOnce() {
        var clock = VirtualClock(ServerInviteTransaction(request: invite, isReliable: true))
        clock.input { $0.start(sendTrying: false) }
        clock.input { $0.send(TransactionFixtures.response(603, to: invite)) }
        clock.advance(by: .seconds(1))
        clock.input { $0.receive(ack) }
        #expect(clock.sendTimes == [.zero])
        #expect(clock.termination?.at == .seconds(1))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func successIsAcceptedAbsorbsInvitesAndPassesAcksUntilTimerL() {
        var clock = VirtualClock(ServerInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        let ok = TransactionFixtures.response(200, to: invite)
        clock.input { $0.send(ok) }
        #expect(clock.machine.state == .accepted)
        clock.advance(by: .ms(500))
        clock.input { $0.receive(invite) }          // absorbed: the TU retransmits the 2xx
        clock.input { $0.send(ok) }                 // the TU's retransmission goes out
        clock.input { $0.receive(ack) }
        #expect(sentStatuses(clock) == [100, 200, 200])
        #expect(clock.passedRequests == ["INVITE", "ACK"])
        clock.advance(by: .seconds(40))
        #expect(clock.termination?.at == .seconds(32))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func transportFailureWhileProceeding() {
        var clock = VirtualClock(ServerInviteTransaction(request: invite, isReliable: false))
        clock.input { $0.start() }
        clock.input { $0.transportFailed() }
        #expect(clock.termination?.reason == .transportError)
    }
}

@Suite struct ServerNonInviteTransactionTests {
    let register = TransactionFixtures.request("REGISTER")

    @Test func everyStateOfFigure8() {
        var clock = VirtualClock(ServerNonInviteTransaction(request: register, isReliable: false))
        clock.input { $0.start() }
        clock.input { $0.receive(register) }        // Trying: absorbed, nothing to resend
        #expect(clock.sentMessages.isEmpty)
        clock.input { $0.send(TransactionFixtures.response(100, to: register)) }
        #expect(clock.machine.state == .proceeding)
        clock.input { $0.receive(register) }        // Proceeding: last provisional again
        clock.advance(by: .ms(300))
        clock.input { $0.send(TransactionFixtures.response(200, to: register)) }
        #expect(clock.machine.state == .completed)
        clock.input { $0.receive(register) }        // Completed: final again
        clock.input { $0.send(TransactionFixtures.response(500, to: register)) }  // ignored
        #expect(clock.sentMessages.compactMap { $0.response?.statusCode } == [100, 100, 200, 200])
        #expect(clock.passedRequests == ["REGISTER"])
        clock.advance(by: .seconds(40))
        #expect(clock.termination?.at == .ms(300) + .seconds(32))
        #expect(clock.termination?.reason == .normal)
    }

    @Test func reliableTerminatesOnFinalResponse() {
        var clock = VirtualClock(ServerNonInviteTransaction(request: register, isReliable: true))
        clock.input { $0.start() }
        clock.input { $0.send(TransactionFixtures.response(200, to: register)) }
        #expect(clock.termination?.at == .zero)
        #expect(clock.deadlines.isEmpty)
    }
}

@Suite struct TransactionTableTests {
    @Test func responsesMatchByBranchAndCSeqMethod() {
        var table = TransactionTable<String>()
        let invite = TransactionFixtures.request("INVITE", branch: "z9hG4bKinv")
        let cancel = TransactionFixtures.request("CANCEL", branch: "z9hG4bKinv")
        #expect(table.insertClient("invite", for: invite) != nil)
        #expect(table.insertClient("cancel", for: cancel) != nil)
        #expect(table.insertClient("again", for: invite) == nil)
        #expect(table.client(matching: TransactionFixtures.response(487, to: invite))?.transaction == "invite")
        #expect(table.client(matching: TransactionFixtures.response(200, to: cancel))?.transaction == "cancel")
        let other = TransactionFixtures.request("INVITE", branch: "z9hG4bKother")
        #expect(table.client(matching: TransactionFixtures.response(200, to: other)) == nil)
    }

    @Test func requestsMatchByBranchSentByAndMethod() {
        var table = TransactionTable<String>()
        let invite = TransactionFixtures.request("INVITE", branch: "z9hG4bKinv")
        table.insertServer("invite", for: invite)
        #expect(table.server(matching: invite)?.transaction == "invite")
        // The ACK of a non-2xx shares the INVITE's branch and matches it.
        #expect(table.server(matching: TransactionFixtures.request("ACK", branch: "z9hG4bKinv", toTag: "x"))?.transaction == "invite")
        // Same branch from another sent-by is another transaction.
        let elsewhere = TransactionFixtures.request("INVITE", branch: "z9hG4bKinv", via: "SIP/2.0/UDP pc34.atlanta.com")
        #expect(table.server(matching: elsewhere) == nil)
        // An explicit default port is the same sent-by.
        let withPort = TransactionFixtures.request("INVITE", branch: "z9hG4bKinv", via: "SIP/2.0/UDP PC33.atlanta.com:5060")
        #expect(table.server(matching: withPort)?.transaction == "invite")
        // A CANCEL is its own transaction but finds the INVITE it cancels (§9.2).
        let cancel = TransactionFixtures.request("CANCEL", branch: "z9hG4bKinv")
        #expect(table.server(matching: cancel) == nil)
        #expect(table.server(cancelledBy: cancel)?.transaction == "invite")
        #expect(table.server(cancelledBy: TransactionFixtures.request("CANCEL", branch: "z9hG4bKzzz")) == nil)
    }

    @Test func rfc2543RequestsMatchByTheirFields() {
        var table = TransactionTable<String>()
        let invite = TransactionFixtures.request("INVITE", branch: "old1")
        let key = table.insertServer("invite", for: invite)
        #expect(key?.isLegacy == true)
        #expect(table.server(matching: invite)?.transaction == "invite")
        #expect(table.server(matching: TransactionFixtures.request("INVITE", branch: "old1", cseq: 2)) == nil)
        // The ACK carries the To tag of our response, not the request's.
        let ack = TransactionFixtures.request("ACK", branch: "old1", toTag: "srv")
        #expect(table.server(matching: ack) == nil)
        if let key { table.noteResponse(TransactionFixtures.response(486, to: invite, toTag: "srv"), for: key) }
        #expect(table.server(matching: ack)?.transaction == "invite")
        #expect(table.server(matching: TransactionFixtures.request("ACK", branch: "old1", toTag: "bad")) == nil)
        #expect(table.server(cancelledBy: TransactionFixtures.request("CANCEL", branch: "old1"))?.transaction == "invite")
    }
}
