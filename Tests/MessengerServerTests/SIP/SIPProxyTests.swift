import Foundation
@testable import MessengerServer
import SIPCore
import SIPTransport
import Testing

/// Waits until `condition` holds (polling), for at most `seconds`.
func eventually(_ seconds: Double = 30, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

/// Status codes with repeats collapsed: over UDP a retransmitted request
/// gets the last provisional response again (§17.2.1).
func statuses(_ responses: [SIPResponse]) -> [Int] {
    responses.map(\.statusCode).filter { $0 != 100 }.reduce(into: []) { list, code in
        if list.last != code { list.append(code) }
    }
}

extension SIPTestUA {
    /// An INVITE to `uri` through the proxy, answering the 407; the
    /// responses to the authenticated attempt, 100 Trying left out.
    func call(_ uri: String, callID: String, maxForwards: Int = 70) async throws -> [SIPResponse] {
        let invite = try makeRequest("INVITE", uri: uri, callID: callID, maxForwards: maxForwards)
        let (first, second) = try await withSIPDeadline { try await self.sendAuthenticated(invite) }
        let responses = second.isEmpty ? first : second
        return responses.filter { $0.statusCode != 100 }
    }

    /// Bob registered, and Alice to call him: where most proxy tests begin.
    static func aliceAndRegisteredBob(server port: Int) async throws -> (alice: SIPTestUA, bob: SIPTestUA) {
        let bob = try await SIPTestUA.start("bob", server: port)
        try await bob.registerSelf()
        return (try await SIPTestUA.start("alice", server: port), bob)
    }

    /// Registers this UA's own contact for its user.
    func registerSelf(callID: String? = nil) async throws {
        let response = try await withSIPDeadline { try await self.register(contact: self.contact, callID: callID ?? "reg-\(self.port)") }
        #expect(response.statusCode == 200)
    }
}

@Suite("SIP proxy", .timeLimit(.minutes(1)))
struct SIPProxyTests {
    @Test func inviteReachesTheRegisteredUAAndAckAndByeFollowTheRecordRoute() async throws {
        try await withSIPServer { _, port in
            let (alice, bob) = try await SIPTestUA.aliceAndRegisteredBob(server: port)
            let invite = try alice.makeRequest("INVITE", uri: "sip:bob@example.test", callID: "call-1")
            let (challenged, answered) = try await withSIPDeadline { try await alice.sendAuthenticated(invite) }
            // Our own users authenticate to the proxy first.
            let challenge = try #require(challenged.last)
            #expect(challenge.statusCode == 407)
            #expect(try challenge.headers.fields(named: "Proxy-Authenticate").map { try DigestChallenge(parsing: $0.value).algorithm } == [.sha256, .md5])
            #expect(statuses(answered) == [180, 200])
            let ok = try #require(answered.last)
            let recordRoute = "<sip:127.0.0.1:\(port);lr>"
            #expect(ok.headers.fields(named: "Record-Route").map(\.value) == [recordRoute])
            #expect(try ok.headers.vias().count == 1)

            let seen = try #require(await bob.record.first("INVITE"))
            #expect(seen.uri.description == "sip:bob@127.0.0.1:\(bob.port)")
            #expect(seen.headers.fields(named: "Record-Route").map(\.value) == [recordRoute])
            #expect(seen.headers["Max-Forwards"] == "69")
            #expect(seen.headers["Proxy-Authorization"] == nil)
            #expect(try seen.headers.vias().count == 2)

            // ACK and BYE: Request-URI is bob's Contact, Route is the Record-Route.
            let toWithTag = try #require(ok.headers["To"])
            func inDialog(_ method: String, cseq: UInt32) throws -> SIPRequest {
                var request = try alice.makeRequest(method, uri: "sip:bob@127.0.0.1:\(bob.port)", callID: "call-1", cseq: cseq)
                request.headers.set("To", toWithTag)
                request.headers.append("Route", recordRoute)
                request.body = []
                request.headers.remove("Content-Type")
                return request
            }
            try await alice.layer.sendStateless(.request(try inDialog("ACK", cseq: 2)), to: alice.server)
            #expect(await eventually { await bob.record.acks.count == 1 })
            let byeRequest = try inDialog("BYE", cseq: 3)
            let bye = try await withSIPDeadline { try await alice.send(byeRequest) }
            #expect(bye.map(\.statusCode) == [200])
            let byeSeen = try #require(await bob.record.first("BYE"))
            // Our Route came off on the way.
            #expect(byeSeen.headers["Route"] == nil)
            #expect(byeSeen.uri.description == "sip:bob@127.0.0.1:\(bob.port)")
            await alice.stop()
            await bob.stop()
        }
    }

    @Test func aLateACKForTheProxysOwnChallengeEndsThere() async throws {
        try await withSIPServer { _, port in
            let (alice, bob) = try await SIPTestUA.aliceAndRegisteredBob(server: port)
            let invite = try alice.makeRequest("INVITE", uri: "sip:bob@example.test", callID: "late-ack")
            let challenge = try #require(try await withSIPDeadline { try await alice.send(invite) }.last)
            #expect(challenge.statusCode == 407)
            // The ACK for that 407 after the proxy's transaction ended: under
            // a new branch it matches nothing there, like an ACK for a 2xx.
            var ack = try alice.makeRequest("ACK", uri: "sip:bob@example.test", callID: "late-ack")
            ack.headers.set("To", try #require(challenge.headers["To"]))
            ack.body = []
            ack.headers.remove("Content-Type")
            try await alice.layer.sendStateless(.request(ack), to: alice.server)
            // Bob never saw the INVITE, so its ACK is not his.
            #expect(await eventually(1) { await !bob.record.acks.isEmpty } == false)
            #expect(await bob.record.first("INVITE") == nil)
            await alice.stop()
            await bob.stop()
        }
    }

    @Test(arguments: ["tel:+14255550100", "sip:+1-425-555-0100@example.test"])
    func aDialledVCardNumberReachesItsOwner(dialled: String) async throws {
        try await withSIPServer { server, port in
            try await giveBobAWorkNumber(server)
            let (alice, bob) = try await SIPTestUA.aliceAndRegisteredBob(server: port)
            let responses = try await alice.call(dialled, callID: "num-call")
            #expect(responses.last?.statusCode == 200)
            let seen = try #require(await bob.record.first("INVITE"))
            #expect(seen.uri.description == "sip:bob@127.0.0.1:\(bob.port)")
            await alice.stop()
            await bob.stop()
        }
    }

    @Test func anUnknownNumberIsNotFoundWithoutAGateway() async throws {
        try await withSIPServer { server, port in
            try await giveBobAWorkNumber(server)
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("tel:+14255550199", callID: "unknown-number")
            #expect(statuses(responses) == [404])
            await alice.stop()
        }
    }

    @Test func aUserWithNothingRegisteredIsTemporarilyUnavailable() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("sip:carol@example.test", callID: "carol-call")
            #expect(statuses(responses) == [480])
            let nobody = try await alice.call("sip:nobody@example.test", callID: "nobody-call")
            #expect(statuses(nobody) == [404])
            await alice.stop()
        }
    }

    @Test func busyCalleeGivesTheCaller486() async throws {
        try await withSIPServer { _, port in
            let bob = try await SIPTestUA.start("bob", server: port, behaviour: .busy)
            try await bob.registerSelf()
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("sip:bob@example.test", callID: "busy-call")
            #expect(statuses(responses) == [180, 486])
            await alice.stop()
            await bob.stop()
        }
    }

    @Test func noAnswerIsCancelledAndTheCallerGets408() async throws {
        try await withSIPServer(configure: { $0.sipInviteTimeout = .seconds(1) }) { _, port in
            let bob = try await SIPTestUA.start("bob", server: port, behaviour: .ring)
            try await bob.registerSelf()
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("sip:bob@example.test", callID: "ring-call")
            #expect(statuses(responses) == [180, 408])
            #expect(await bob.record.methods() == ["INVITE", "CANCEL"])
            await alice.stop()
            await bob.stop()
        }
    }

    @Test func aCalleeThatIgnoresCancelStillEndsWith408() async throws {
        try await withSIPServer(configure: { $0.sipInviteTimeout = .seconds(1) }) { _, port in
            let bob = try await SIPTestUA.start("bob", server: port, behaviour: .silent)
            try await bob.registerSelf()
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("sip:bob@example.test", callID: "silent-call")
            // Its transaction layer sent 100 only; Timer C CANCELs, and 64·T1 later
            // (3.2 s here) the branch counts as cancelled: 408 upstream (§9.1, §16.8).
            #expect(statuses(responses) == [408])
            #expect(await bob.record.methods() == ["INVITE", "CANCEL"])
            await alice.stop()
            await bob.stop()
        }
    }

    @Test func unknownNumbersGoToTheGateway() async throws {
        let gateway = try await SIPTestUA.start("gw", server: 9)
        let gatewayPort = gateway.port
        try await withSIPServer(configure: { $0.sipGateway = SIPURI(host: "127.0.0.1", port: UInt16(gatewayPort)) }) { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("tel:+1-999-555-0000", callID: "gw-call")
            #expect(responses.last?.statusCode == 200)
            let seen = try #require(await gateway.record.first("INVITE"))
            #expect(seen.uri.description == "sip:+19995550000@127.0.0.1:\(gatewayPort)")
            // Someone else's user may not use our gateway.
            let outsider = try alice.makeRequest("INVITE", uri: "tel:+19995550000", callID: "outsider")
            var foreign = outsider
            foreign.headers.set("From", "<sip:mallory@elsewhere.example>;tag=m1")
            let foreignInvite = foreign
            let refused = try await withSIPDeadline { try await alice.send(foreignInvite) }
            #expect(refused.last?.statusCode == 403)
            await alice.stop()
        }
        await gateway.stop()
    }

    @Test func aForkedInviteTakesTheFirst200AndCancelsTheOtherBranch() async throws {
        try await withSIPServer { _, port in
            let ringing = try await SIPTestUA.start("bob", server: port, behaviour: .ring)
            try await ringing.registerSelf()
            let answering = try await SIPTestUA.start("bob", server: port, behaviour: .answer)
            try await answering.registerSelf()
            let alice = try await SIPTestUA.start("alice", server: port)
            let responses = try await alice.call("sip:bob@example.test", callID: "fork-call")
            let ok = try #require(responses.last)
            #expect(ok.statusCode == 200)
            #expect(ok.headers["Contact"] == "<sip:bob@127.0.0.1:\(answering.port)>")
            #expect(await eventually { await ringing.record.methods() == ["INVITE", "CANCEL"] })
            #expect(await answering.record.methods() == ["INVITE"])
            await alice.stop()
            await ringing.stop()
            await answering.stop()
        }
    }

    @Test func maxForwardsZeroIsTooManyHops() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let request = try alice.makeRequest("OPTIONS", uri: "sip:bob@example.test", callID: "hops", maxForwards: 0)
            let responses = try await withSIPDeadline { try await alice.send(request) }
            #expect(statuses(responses) == [483])
            await alice.stop()
        }
    }

    @Test func unsupportedSchemeAndProxyRequireAreRefused() async throws {
        try await withSIPServer { _, port in
            let alice = try await SIPTestUA.start("alice", server: port)
            let mail = try alice.makeRequest("MESSAGE", uri: "mailto:bob@example.test", callID: "scheme")
            #expect(try await withSIPDeadline { try await alice.send(mail) }.map(\.statusCode) == [416])
            var options = try alice.makeRequest("OPTIONS", uri: "sip:bob@example.test", callID: "require")
            options.headers.append("Proxy-Require", "foo")
            let optionsRequest = options
            let refused = try await withSIPDeadline { try await alice.send(optionsRequest) }
            #expect(refused.map(\.statusCode) == [420])
            #expect(refused.last?.headers["Unsupported"] == "foo")
            await alice.stop()
        }
    }
}
