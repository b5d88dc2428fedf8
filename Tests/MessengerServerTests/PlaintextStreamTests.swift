import Testing
import XMPPCore
@testable import MessengerServer

/// `requireTLS = false` (msgr server --allow-plaintext): for benchmarks on
/// loopback. STARTTLS stays on offer, SCRAM and binding work without it,
/// PLAIN never does.
@Suite struct PlaintextStreamTests {
    @Test func plaintextOffersSCRAMButNotPLAINAndOptionalSTARTTLS() async throws {
        try await withServer(configure: { $0.requireTLS = false }) { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            try await client.openStream()
            let features = try await client.features()
            let startTLS = try #require(features.child("starttls", namespace: XMLNamespace.tls))
            #expect(startTLS.child("required", namespace: XMLNamespace.tls) == nil)
            let mechanisms = features.child("mechanisms", namespace: XMLNamespace.sasl)?.elements.map(\.text)
            #expect(mechanisms == ["SCRAM-SHA-256", "SCRAM-SHA-1"])

            try await client.authenticate(user: "alice", password: "alice-pw")
            try await client.openStream()
            let afterAuth = try await client.features()
            #expect(afterAuth.child("starttls", namespace: XMLNamespace.tls) == nil)
            try await client.bind(resource: "bench")
            #expect(client.jid?.description == "alice@\(TestServer.domain)/bench")
            await client.close()
        }
    }

    @Test func plainIsRefusedWithoutTLS() async throws {
        try await withServer(configure: { $0.requireTLS = false }) { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            try await client.openStream()
            _ = try await client.features()
            await #expect(throws: TestXMPPClient.Failure.self) {
                try await client.authenticate(user: "alice", password: "alice-pw", mechanism: "PLAIN")
            }
            await client.close()
        }
    }

    @Test func stillEncryptsWhenTheClientAsks() async throws {
        try await withServer(configure: { $0.requireTLS = false }) { server in
            let client = try await TestXMPPClient.signIn(port: server.port, user: "bob", password: "bob-pw", mechanism: "PLAIN")
            #expect(client.jid?.description == "bob@\(TestServer.domain)/test")
            await client.close()
        }
    }

    // The default (TLS required first) is StreamNegotiationTests.beforeTLSOnlyStartTLSIsOffered.

    @Test(arguments: ["127.0.0.1", "127.8.9.10", "::1", "localhost"])
    func loopbackAddresses(host: String) {
        #expect(XMPPServer.Configuration.isLoopback(host))
    }

    @Test(arguments: ["0.0.0.0", "10.0.0.1", "128.0.0.1", "127.0.0", "::", "example.test"])
    func otherAddresses(host: String) {
        #expect(!XMPPServer.Configuration.isLoopback(host))
    }
}
