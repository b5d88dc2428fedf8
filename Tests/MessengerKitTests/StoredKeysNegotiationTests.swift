import Foundation
import Testing
@testable import MessengerKit
import XMPPCore

@Suite("XMPPClientNegotiation with stored SCRAM keys")
struct StoredKeysNegotiationTests {
    /// Runs SASL against a scripted server up to `<success/>` and bind; returns the harness.
    private func signIn(
        _ harness: inout NegotiationHarness, server: inout ScriptedSCRAMServer, offering: [String] = ["SCRAM-SHA-256"]
    ) throws {
        try harness.throughTLS(offering: offering)
        let auth = try #require(harness.lastSentElement)
        try harness.server(try server.challenge(to: auth))
        guard harness.outcome == nil else { return }
        let response = try #require(harness.lastSentElement)
        let serverFinal = try server.serverFinal(to: response)
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\(serverFinal)</success>")
        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.bindFeatures)
        try harness.server("<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.test/desk</jid></bind></iq>")
    }

    private func learnKeys(_ hash: SCRAMHashFunction = .sha256) throws -> SCRAMStoredKeys {
        var harness = try NegotiationHarness(password: "secret")
        var server = try ScriptedSCRAMServer(hash: hash, password: "secret")
        try signIn(&harness, server: &server, offering: [hash.mechanismName])
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.learned.count == 1)
        return try #require(harness.learned.first)
    }

    @Test("a password sign-in learns the keys for the server's salt and iteration count, once")
    func passwordSigninLearnsKeys() throws {
        let keys = try learnKeys()
        #expect(keys.mechanism == "SCRAM-SHA-256")
        #expect(keys.salt == Array("pepper-salt-1234".utf8))
        #expect(keys.iterations == 4096)
        #expect(keys.saltedPassword.count == 32)
    }

    @Test("the learnt keys alone sign in again, and teach nothing new")
    func storedKeysSignIn() throws {
        let keys = try learnKeys()
        var harness = try NegotiationHarness(password: "", storedKeys: keys)
        var server = try ScriptedSCRAMServer(hash: .sha256, password: "secret")
        try signIn(&harness, server: &server, offering: ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"])
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.learned.isEmpty)
    }

    @Test("without a password only the keys' mechanism is offered: never PLAIN, never the other SCRAM")
    func onlyTheStoredMechanism() throws {
        let keys = try learnKeys(.sha1)
        #expect(keys.mechanism == "SCRAM-SHA-1")
        var chooses = try NegotiationHarness(password: "", storedKeys: keys)
        try chooses.throughTLS(offering: ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-1"])
        #expect(chooses.lastSentElement?[attribute: "mechanism"] == "SCRAM-SHA-1")

        var refuses = try NegotiationHarness(password: "", storedKeys: keys)
        try refuses.throughTLS(offering: ["PLAIN", "SCRAM-SHA-256"])
        guard case .failed(let error) = refuses.outcome else {
            Issue.record("expected a failure, got \(String(describing: refuses.outcome))")
            return
        }
        #expect(error.code == .noSupportedMechanism)
        #expect(refuses.sent.allSatisfy { !$0.contains("<auth") })
    }

    @Test("keys for another salt or iteration count are wrong credentials", arguments: [
        ("pepper-salt-1234", 8192),
        ("other-salt-56789", 4096),
    ])
    func outdatedKeys(salt: String, iterations: Int) throws {
        let keys = try learnKeys()
        var harness = try NegotiationHarness(password: "", storedKeys: keys)
        var server = try ScriptedSCRAMServer(hash: .sha256, password: "secret", salt: salt, iterations: iterations)
        try signIn(&harness, server: &server)
        guard case .failed(let error) = harness.outcome else {
            Issue.record("expected a failure, got \(String(describing: harness.outcome))")
            return
        }
        #expect(error.code == .authenticationFailed)
        #expect(error.saslCondition == .notAuthorized)
        #expect(!harness.sent.contains { $0.contains("<response") })
    }

    @Test("stored keys round-trip through JSON as base64 text")
    func codable() throws {
        let keys = SCRAMStoredKeys(mechanism: "SCRAM-SHA-256", salt: [1, 2, 3], iterations: 4096, saltedPassword: [0xFF, 0])
        let json = try JSONEncoder().encode(keys)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"salt\":\"AQID\""))
        #expect(text.contains("\"saltedPassword\":\"\\/wA=\"") || text.contains("\"saltedPassword\":\"/wA=\""))
        #expect(try JSONDecoder().decode(SCRAMStoredKeys.self, from: json) == keys)
    }
}
