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

    /// A client that keeps HA1 instead of the password registers with it;
    /// one derived for another realm cannot answer the challenge.
    @Test func aStoredDigestSecretRegistersWithoutThePassword() async throws {
        try await withUAServer { server in
            let secret = DigestSecret.derive(username: "alice", realm: uaTestDomain, password: "alice-pw")
            let alice = try TestAgent.make("alice", secret: secret, server: server, firstMediaPort: 41300)
            try await alice.agent.start()
            #expect(await eventually { await alice.log.registrations == [.registered(expires: 600)] })
            await alice.stop()

            let otherRealm = DigestSecret.derive(username: "alice", realm: "elsewhere.test", password: "alice-pw")
            let stranger = try TestAgent.make("alice", secret: otherRealm, server: server, firstMediaPort: 41400)
            await #expect {
                try await stranger.agent.start()
            } throws: { error in
                guard case SIPUserAgentError.registrationFailed(statusCode: 403, _) = error else { return false }
                return true
            }
            await stranger.stop()
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
