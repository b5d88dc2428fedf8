import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Hostile input gets the right stream error and spares other sessions")
struct HostileInputTests {
    @Test(arguments: [
        ("<!DOCTYPE x [<!ENTITY a 'b'>]>", "restricted-xml"),
        ("<message><body>&lol;</body></message>", "restricted-xml"),
        ("<!-- hello -->", "restricted-xml"),
        ("<message><body></message>", "not-well-formed"),
    ])
    func hostileXMLEndsOnlyThatStream(payload: String, condition: String) async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            let attacker = try await TestXMPPClient.connect(port: server.port)
            try await attacker.openStream()
            _ = try await attacker.features()
            try await attacker.send(payload)
            #expect(try await attacker.streamEnd() == condition)

            try await alice.send("<message to='bob@example.test' type='chat' id='m1'><body>still here</body></message>")
            let message = try await bob.next { $0.name == "message" }
            #expect(message.child("body")?.text == "still here")
            await alice.close()
            await bob.close()
        }
    }

    @Test func oversizedStanzaIsAPolicyViolation() async throws {
        try await withServer(configure: { $0.xmlLimits.maxStanzaBytes = 64 * 1024 }) { server in
            let alice = try await server.signIn("alice")
            let big = String(repeating: "x", count: 70 * 1024)
            try await alice.send("<message to='bob@example.test'><body>\(big)</body></message>")
            #expect(try await alice.streamEnd() == "policy-violation")
        }
    }

    @Test func stanzasBeforeAuthenticationAreRefused() async throws {
        try await withServer { server in
            let (client, _) = try await TestXMPPClient.connectWithTLS(port: server.port)
            try await client.send("<message to='bob@example.test'><body>hi</body></message>")
            #expect(try await client.streamEnd() == "not-authorized")
        }
    }
}
