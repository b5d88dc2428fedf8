import SIPCore
import SIPUserAgent
import Testing

@Suite("SIP user agent registration", .timeLimit(.minutes(2)))
struct SIPUserAgentRegistrationTests {
    @Test func registersWithDigestAndReportsTheGrantedExpiry() async throws {
        try await withUAServer { server in
            let alice = try TestAgent.make("alice", server: server, firstMediaPort: 41000)
            try await alice.agent.start()
            #expect(await eventually { await alice.log.registrations == [.registered(expires: 600)] })
            let local = try #require(await alice.agent.localAddress)
            #expect(local.kind == .udp)
            #expect(local.address.ipAddress == "127.0.0.1")
            await alice.stop()
            #expect(await alice.log.registrations == [.registered(expires: 600), .unregistered])
        }
    }

    @Test func aWrongPasswordFailsWith403() async throws {
        try await withUAServer { server in
            let alice = try TestAgent.make("alice", password: "wrong", server: server, firstMediaPort: 41100)
            await #expect {
                try await alice.agent.start()
            } throws: { error in
                guard case SIPUserAgentError.registrationFailed(statusCode: 403, _) = error else { return false }
                return true
            }
            #expect(await alice.agent.localAddress == nil)
            await #expect(throws: SIPUserAgentError.notStarted) {
                _ = try await alice.agent.call(.sip(SIPURI(user: "bob", host: uaTestDomain)))
            }
            await alice.stop()
        }
    }

    @Test func stopUnregistersSoANewCallGets480() async throws {
        try await withUAServer { server in
            let bob = try TestAgent.make("bob", server: server, firstMediaPort: 41200)
            try await bob.agent.start()
            await bob.stop()
            #expect(await bob.log.registrations.last == .unregistered)
            let carol = try TestAgent.make("carol", server: server, firstMediaPort: 41300)
            try await carol.agent.start()
            let call = try await carol.agent.call(.sip(SIPURI(user: "bob", host: uaTestDomain)))
            #expect(await carol.waitForEnd(call) == .failed(statusCode: 480, reason: "Temporarily Unavailable"))
            await carol.stop()
        }
    }
}
