import SIPCore
import SIPUserAgent
import Testing

/// Two (or three) of our user agents calling each other through our
/// server's registrar and proxy, with fake media.
@Suite("SIP user agent calls", .timeLimit(.minutes(2)))
struct SIPUserAgentCallTests {
    static let bobsAOR = SIPAnyURI.sip(SIPURI(user: "bob", host: uaTestDomain))

    /// alice and bob registered; both stopped afterwards.
    static func withAliceAndBob(
        bobsWorkNumber: Bool = false, aliceRingTimeout: Duration = .seconds(60), bobAnswerTimeout: Duration = .seconds(120),
        _ body: (UAServer, TestAgent, TestAgent) async throws -> Void
    ) async throws {
        try await withUAServer(bobsWorkNumber: bobsWorkNumber) { server in
            let alice = try TestAgent.make("alice", server: server, firstMediaPort: 42000) { $0.ringTimeout = aliceRingTimeout }
            let bob = try TestAgent.make("bob", server: server, firstMediaPort: 43000) { $0.answerTimeout = bobAnswerTimeout }
            try await alice.agent.start()
            try await bob.agent.start()
            do {
                try await body(server, alice, bob)
            } catch {
                await alice.stop()
                await bob.stop()
                throw error
            }
            await alice.stop()
            await bob.stop()
        }
    }

    @Test func aliceCallsBobWhoAnswersThenAliceHangsUp() async throws {
        try await Self.withAliceAndBob { _, alice, bob in
            let call = try await alice.agent.call(Self.bobsAOR)
            let (incoming, from) = try await bob.incomingCall()
            #expect(incoming == call)
            #expect(from.uri.description == "sip:alice@example.test")
            #expect(from.displayName == "Alice")
            #expect(await alice.waitFor(call, "ringing"))
            try await bob.agent.answer(incoming)
            #expect(await alice.waitFor(call, "connected"))
            #expect(await bob.waitFor(call, "connected"))

            let aliceMedia = try #require(await alice.media.media(for: call))
            let bobMedia = try #require(await bob.media.media(for: call))
            let aliceStream = try #require(await aliceMedia.startedStreams.first)
            let bobStream = try #require(await bobMedia.startedStreams.first)
            #expect(aliceStream.remoteAddress == "127.0.0.1")
            #expect(aliceStream.remotePort == bobMedia.localPort)
            #expect(bobStream.remotePort == aliceMedia.localPort)
            #expect(aliceStream.codec.encodingName == "PCMU")
            #expect(bobStream.direction == .sendrecv)

            await alice.agent.hangUp(call)
            #expect(await alice.waitForEnd(call) == .localHangUp)
            #expect(await bob.waitForEnd(call) == .remoteHangUp)
            #expect(await alice.log.states(of: call) == ["dialling", "ringing", "connected", "ended localHangUp"])
            #expect(await bob.log.states(of: call) == ["ringing", "connected", "ended remoteHangUp"])
            #expect(await aliceMedia.stopCount == 1)
            #expect(await bobMedia.stopCount == 1)
            // A second hang-up is a no-op.
            await alice.agent.hangUp(call)
            #expect(await aliceMedia.stopCount == 1)
        }
    }

    @Test func bobDeclines() async throws {
        try await Self.withAliceAndBob { _, alice, bob in
            let call = try await alice.agent.call(Self.bobsAOR)
            let (incoming, _) = try await bob.incomingCall()
            await bob.agent.decline(incoming)
            #expect(await alice.waitForEnd(call) == .failed(statusCode: 603, reason: "Decline"))
            #expect(await bob.waitForEnd(incoming) == .declined)
            #expect(await alice.media.media(for: call)?.stopCount == 1)
            #expect(await bob.media.media(for: call)?.stopCount == 1)
            #expect(await alice.media.media(for: call)?.startedStreams.isEmpty == true)
        }
    }

    @Test func aThirdCallerGetsBusyWhileBobIsOnTheLine() async throws {
        try await Self.withAliceAndBob { server, alice, bob in
            let first = try await alice.agent.call(Self.bobsAOR)
            let (incoming, _) = try await bob.incomingCall()
            try await bob.agent.answer(incoming)
            #expect(await alice.waitFor(first, "connected"))
            let carol = try TestAgent.make("carol", server: server, firstMediaPort: 44000)
            try await carol.agent.start()
            let second = try await carol.agent.call(Self.bobsAOR)
            #expect(await carol.waitForEnd(second) == .failed(statusCode: 486, reason: "Busy Here"))
            #expect(await bob.log.incomingCalls.count == 1)
            // alice's own limit is one call too.
            await #expect(throws: SIPUserAgentError.tooManyCalls) { _ = try await alice.agent.call(Self.bobsAOR) }
            await carol.stop()
        }
    }

    @Test func aCallToAnUnregisteredUserGets480() async throws {
        try await withUAServer { server in
            let carol = try TestAgent.make("carol", server: server, firstMediaPort: 44100)
            try await carol.agent.start()
            let call = try await carol.agent.call(Self.bobsAOR)
            #expect(await carol.waitForEnd(call) == .failed(statusCode: 480, reason: "Temporarily Unavailable"))
            #expect(await carol.log.states(of: call) == ["dialling", "ended failed(statusCode: 480, reason: \"Temporarily Unavailable\")"])
            #expect(await carol.media.media(for: call)?.stopCount == 1)
            await carol.stop()
        }
    }

    @Test func anUnknownNumberGets404() async throws {
        try await withUAServer { server in
            let carol = try TestAgent.make("carol", server: server, firstMediaPort: 44200)
            try await carol.agent.start()
            let call = try await carol.agent.call(.tel(TelURI(number: "+15550000")))
            #expect(await carol.waitForEnd(call) == .failed(statusCode: 404, reason: "Not Found"))
            await #expect(throws: SIPUserAgentError.invalidTarget("cannot call a mailto: URI")) {
                _ = try await carol.agent.call(.other(scheme: "mailto", text: "mailto:bob@example.test"))
            }
            await carol.stop()
        }
    }

    @Test func theCallerHangsUpWhileItRings() async throws {
        try await Self.withAliceAndBob { _, alice, bob in
            let call = try await alice.agent.call(Self.bobsAOR)
            let (incoming, _) = try await bob.incomingCall()
            #expect(await alice.waitFor(call, "ringing"))
            await alice.agent.hangUp(call)
            #expect(await alice.waitForEnd(call) == .localHangUp)
            #expect(await bob.waitForEnd(incoming) == .remoteCancelled)
            #expect(await bob.media.media(for: call)?.stopCount == 1)
            // Answering a cancelled call: it no longer exists.
            await #expect(throws: SIPUserAgentError.noSuchCall) { try await bob.agent.answer(incoming) }
        }
    }

    @Test func anUnansweredCallTimesOutAndIsCancelled() async throws {
        try await Self.withAliceAndBob(aliceRingTimeout: .seconds(3)) { _, alice, bob in
            let call = try await alice.agent.call(Self.bobsAOR)
            let (incoming, _) = try await bob.incomingCall()
            #expect(await alice.waitForEnd(call) == .timedOut)
            #expect(await bob.waitForEnd(incoming) == .remoteCancelled)
            #expect(await alice.log.states(of: call) == ["dialling", "ringing", "ended timedOut"])
        }
    }

    @Test func aCallNobodyAnswersEndsAtTheCalleeWith480() async throws {
        try await Self.withAliceAndBob(bobAnswerTimeout: .seconds(1)) { _, alice, bob in
            let call = try await alice.agent.call(Self.bobsAOR)
            let (incoming, _) = try await bob.incomingCall()
            #expect(await bob.waitForEnd(incoming) == .timedOut)
            #expect(await alice.waitForEnd(call) == .failed(statusCode: 480, reason: "Temporarily Unavailable"))
            #expect(await bob.media.media(for: incoming)?.stopCount == 1)
        }
    }

    @Test func bobsWorkNumberReachesBob() async throws {
        try await Self.withAliceAndBob(bobsWorkNumber: true) { _, alice, bob in
            let call = try await alice.agent.call(.sip(SIPURI(user: "+1-425-555-0100", host: uaTestDomain)))
            let (incoming, _) = try await bob.incomingCall()
            #expect(incoming == call)
            try await bob.agent.answer(incoming)
            #expect(await alice.waitFor(call, "connected"))
            await bob.agent.hangUp(incoming)
            #expect(await alice.waitForEnd(call) == .remoteHangUp)
            #expect(await bob.waitForEnd(incoming) == .localHangUp)
        }
    }

    @Test func stopEndsACallInProgress() async throws {
        try await Self.withAliceAndBob { _, alice, bob in
            let call = try await alice.agent.call(Self.bobsAOR)
            let (incoming, _) = try await bob.incomingCall()
            try await bob.agent.answer(incoming)
            #expect(await alice.waitFor(call, "connected"))
            await alice.stop()
            #expect(await alice.waitForEnd(call) == .localHangUp)
            #expect(await bob.waitForEnd(incoming) == .remoteHangUp)
            #expect(await alice.media.media(for: call)?.stopCount == 1)
        }
    }
}
