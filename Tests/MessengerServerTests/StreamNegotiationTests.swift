import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Stream negotiation: STARTTLS, SASL, bind (RFC 6120)")
struct StreamNegotiationTests {
    @Test(arguments: ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"])
    func signsInWithEachMechanism(mechanism: String) async throws {
        try await withServer { server in
            let client = try await server.signIn("alice", resource: "desk", mechanism: mechanism)
            #expect(client.jid?.description == "alice@example.test/desk")
            await client.close()
        }
    }

    @Test func beforeTLSOnlyStartTLSIsOffered() async throws {
        try await withServer { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            try await client.openStream()
            let features = try await client.features()
            #expect(features.child("starttls", namespace: XMLNamespace.tls)?.child("required", namespace: XMLNamespace.tls) != nil)
            #expect(features.child("mechanisms", namespace: XMLNamespace.sasl) == nil)
            // Trying to authenticate in plaintext ends the stream.
            try await client.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAGFsaWNlLXB3</auth>")
            #expect(try await client.streamEnd() == "not-authorized")
        }
    }

    @Test func afterTLSTheMechanismsAreOfferedStrongestFirst() async throws {
        try await withServer { server in
            let (client, features) = try await TestXMPPClient.connectWithTLS(port: server.port)
            let mechanisms = features.child("mechanisms", namespace: XMLNamespace.sasl)?.elements.map(\.text)
            #expect(mechanisms == ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"])
            await client.close()
        }
    }

    @Test func plaintextBufferedAfterStartTLSIsAStreamError() async throws {
        try await withServer { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            try await client.openStream()
            _ = try await client.features()
            try await client.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><message to='bob@example.test'/>")
            #expect(try await client.streamEnd() == "policy-violation")
        }
    }

    @Test func wrongPasswordFailsAndRepeatedFailuresCloseTheStream() async throws {
        try await withServer { server in
            let (client, _) = try await TestXMPPClient.connectWithTLS(port: server.port)
            for attempt in 1...3 {
                let error = await #expect(throws: TestXMPPClient.Failure.self) {
                    try await client.authenticate(user: "alice", password: "wrong", mechanism: "SCRAM-SHA-256")
                }
                #expect(error?.description.contains("not-authorized") == true, "attempt \(attempt)")
            }
            #expect(try await client.streamEnd() == "policy-violation")
        }
    }

    @Test func unknownUserCannotSignIn() async throws {
        try await withServer { server in
            await #expect(throws: TestXMPPClient.Failure.self) {
                _ = try await TestXMPPClient.signIn(port: server.port, user: "mallory", password: "x")
            }
        }
    }

    @Test func wrongDomainIsHostUnknown() async throws {
        try await withServer { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            try await client.send("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='other.test' version='1.0'>")
            #expect(try await client.streamEnd() == "host-unknown")
        }
    }

    @Test func serverGeneratesAResourceWhenNoneIsGiven() async throws {
        try await withServer { server in
            let client = try await server.signIn("alice", resource: nil)
            let bound = try #require(client.jid)
            #expect(bound.bare.description == "alice@example.test")
            #expect(bound.resourcepart?.isEmpty == false)
            await client.close()
        }
    }

    @Test func newSessionWithTheSameResourceReplacesTheOld() async throws {
        try await withServer { server in
            let first = try await server.signIn("alice", resource: "phone")
            let second = try await server.signIn("alice", resource: "phone")
            #expect(try await first.streamEnd() == "conflict")
            let pong = try await second.request("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>", id: "p1")
            #expect(pong.stanzaType == "result")
            await second.close()
        }
    }

    @Test func silentConnectionsHitTheHandshakeTimeout() async throws {
        try await withServer(configure: { $0.handshakeTimeoutSeconds = 3 }) { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            // Under a loaded CI machine the 3 s may already be over before our
            // header goes out; the server's stream error is read either way.
            try? await client.openStream()
            #expect(try await client.streamEnd(timeout: .seconds(20)) == "connection-timeout")
        }
    }

    @Test func idleConnectionsAreClosed() async throws {
        // The handshake allowance is long, so only the idle timer can end this stream in time.
        try await withServer(configure: { $0.idleTimeoutSeconds = 3; $0.handshakeTimeoutSeconds = 60 }) { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            // As above: on a loaded machine the idle timer may fire before our header is written.
            try? await client.openStream()
            #expect(try await client.streamEnd(timeout: .seconds(20)) == "connection-timeout")
        }
    }

    @Test func gracefulShutdownClosesStreams() async throws {
        let server = try await TestServer.start()
        let client = try await server.signIn("alice")
        await server.stop()
        #expect(try await client.streamEnd() == nil)
    }
}
