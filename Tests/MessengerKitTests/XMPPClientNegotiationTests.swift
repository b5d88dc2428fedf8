import Testing
@testable import MessengerKit
import XMPPCore

@Suite("XMPPClientNegotiation")
struct XMPPClientNegotiationTests {
    @Test("a full SCRAM-SHA-256 negotiation sends the RFC 6120 sequence and ends bound")
    func fullNegotiation() throws {
        var harness = try NegotiationHarness()
        #expect(harness.sent == [
            "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.test' version='1.0' xml:lang='en'>"
        ])
        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.startTLSFeatures)
        #expect(harness.sent.last == "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        #expect(!harness.tlsStarted)

        try harness.server(NegotiationHarness.proceed)
        #expect(harness.tlsStarted)
        #expect(harness.sent.last == "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='alice@example.test' to='example.test' version='1.0' xml:lang='en'>")

        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.mechanismFeatures(["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"]))
        let auth = try #require(harness.lastSentElement)
        #expect(auth.name == "auth")
        #expect(auth[attribute: "mechanism"] == "SCRAM-SHA-256")
        #expect(String(decoding: Base64.decode(auth.text) ?? [], as: UTF8.self).hasPrefix("n,,n=alice,r="))

        var server = try ScriptedSCRAMServer(hash: .sha256, password: "secret")
        try harness.server(try server.challenge(to: auth))
        let response = try #require(harness.lastSentElement)
        #expect(response.name == "response")
        let serverFinal = try server.serverFinal(to: response)
        let sentBeforeSuccess = harness.sent.count
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\(serverFinal)</success>")
        #expect(harness.sent.count == sentBeforeSuccess + 1)
        #expect(harness.sent.last?.hasPrefix("<?xml version='1.0'?><stream:stream") == true)

        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.bindFeatures)
        #expect(harness.sent.last == "<iq id='bind-1' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desk</resource></bind></iq>")
        try harness.server("<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.test/desk</jid></bind></iq>")
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
    }

    @Test("a server without STARTTLS is refused before any credential is sent")
    func noStartTLS() throws {
        var harness = try NegotiationHarness()
        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.mechanismFeatures(["PLAIN"]))
        #expect(harness.outcome == .failed(XMPPClientError(.startTLSNotOffered, "the server does not offer STARTTLS; refusing to go on in plaintext")))
        #expect(harness.sent.count == 1)
        #expect(!harness.sent.contains { $0.contains("<auth") })
    }

    @Test("mechanism choice: SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN among those offered and allowed",
          arguments: [
            (["PLAIN", "SCRAM-SHA-1"], XMPPClientConnection.SASLMechanism.allCases, "SCRAM-SHA-1"),
            (["PLAIN"], XMPPClientConnection.SASLMechanism.allCases, "PLAIN"),
            (["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"], [.plain], "PLAIN"),
            (["SCRAM-SHA-256", "SCRAM-SHA-1"], [.scramSHA1], "SCRAM-SHA-1"),
          ] as [([String], [XMPPClientConnection.SASLMechanism], String)])
    func mechanismChoice(offered: [String], allowed: [XMPPClientConnection.SASLMechanism], expected: String) throws {
        var harness = try NegotiationHarness(mechanisms: allowed)
        try harness.throughTLS(offering: offered)
        #expect(harness.lastSentElement?[attribute: "mechanism"] == expected)
    }

    @Test("PLAIN sends NUL user NUL password in base64, and success needs no server proof")
    func plain() throws {
        var harness = try NegotiationHarness()
        try harness.throughTLS(offering: ["PLAIN"])
        #expect(harness.lastSentElement?.text == Base64.encode(Array("\0alice\0secret".utf8)))
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.bindFeatures)
        #expect(harness.lastSentElement?.name == "iq")
    }

    @Test("no allowed mechanism offered")
    func noMechanism() throws {
        var harness = try NegotiationHarness(mechanisms: [.scramSHA256])
        try harness.throughTLS(offering: ["PLAIN", "DIGEST-MD5"])
        #expect(harness.outcome == .failed(XMPPClientError(
            .noSupportedMechanism, "the server offers PLAIN, DIGEST-MD5; we allow SCRAM-SHA-256")))
    }

    @Test("a SASL failure is an authentication error carrying the condition")
    func saslFailure() throws {
        var harness = try NegotiationHarness()
        try harness.throughTLS(offering: ["PLAIN"])
        try harness.server("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>")
        guard case .failed(let error) = harness.outcome else {
            Issue.record("no failure: \(String(describing: harness.outcome))")
            return
        }
        #expect(error.code == .authenticationFailed)
        #expect(error.saslCondition == .notAuthorized)
    }

    @Test("a server that cannot prove it knows the password is refused")
    func wrongServerSignature() throws {
        var harness = try NegotiationHarness()
        try harness.throughTLS(offering: ["SCRAM-SHA-256"])
        var server = try ScriptedSCRAMServer(hash: .sha256, password: "secret")
        try harness.server(try server.challenge(to: try #require(harness.lastSentElement)))
        let forged = Base64.encode(Array("v=\(Base64.encode([UInt8](repeating: 7, count: 32)))".utf8))
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\(forged)</success>")
        #expect(harness.outcome == .failed(XMPPClientError(.serverNotVerified, "the server's SCRAM signature is wrong")))
    }

    @Test("success without server-final is refused too")
    func successWithoutSignature() throws {
        var harness = try NegotiationHarness()
        try harness.throughTLS(offering: ["SCRAM-SHA-1"])
        var server = try ScriptedSCRAMServer(hash: .sha1, password: "secret")
        try harness.server(try server.challenge(to: try #require(harness.lastSentElement)))
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
        #expect(harness.outcome == .failed(XMPPClientError(.serverNotVerified, "the server sent no SCRAM signature")))
    }

    @Test("server-final inside a challenge is verified, answered with an empty response, then success")
    func serverFinalInChallenge() throws {
        var harness = try NegotiationHarness()
        try harness.throughTLS(offering: ["SCRAM-SHA-1"])
        var server = try ScriptedSCRAMServer(hash: .sha1, password: "secret")
        try harness.server(try server.challenge(to: try #require(harness.lastSentElement)))
        let serverFinal = try server.serverFinal(to: try #require(harness.lastSentElement))
        try harness.server("<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\(serverFinal)</challenge>")
        #expect(harness.sent.last == "<response xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
        #expect(harness.outcome == nil)
        #expect(harness.sent.last?.hasPrefix("<?xml") == true)
    }

    @Test("a stream error during negotiation is reported with its condition")
    func streamError() throws {
        var harness = try NegotiationHarness()
        try harness.server(NegotiationHarness.serverHeader
            + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>")
        guard case .failed(let error) = harness.outcome else {
            Issue.record("no failure")
            return
        }
        #expect(error.code == .streamError)
        #expect(error.streamError == StreamError(.hostUnknown))
    }

    @Test("a refused STARTTLS is a TLS failure")
    func startTLSRefused() throws {
        var harness = try NegotiationHarness()
        try harness.server(NegotiationHarness.serverHeader + NegotiationHarness.startTLSFeatures)
        try harness.server("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        #expect(harness.outcome == .failed(XMPPClientError(.tlsFailure, "the server refused STARTTLS")))
    }

    @Test("a pre-1.0 server (no version) is refused")
    func noVersion() throws {
        var harness = try NegotiationHarness()
        try harness.server("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='example.test'>")
        #expect(harness.outcome?.failureCode == .protocolViolation)
    }

    @Test("a refused bind carries the stanza error; a required session is established after bind")
    func bindOutcomes() throws {
        var refused = try NegotiationHarness(jid: "alice@example.test")
        try refused.throughTLS(offering: ["PLAIN"])
        try refused.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" + NegotiationHarness.serverHeader + NegotiationHarness.bindFeatures)
        #expect(refused.sent.last == "<iq id='bind-1' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>")
        try refused.server("<iq type='error' id='bind-1'><error type='cancel'><not-allowed xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>")
        #expect(refused.outcome == .failed(XMPPClientError(
            .bindFailed, "stanza error not-allowed (cancel)", stanzaError: StanzaError(.notAllowed))))

        var legacy = try NegotiationHarness()
        try legacy.throughTLS(offering: ["PLAIN"])
        try legacy.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" + NegotiationHarness.serverHeader
            + "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></stream:features>")
        try legacy.server("<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.test/c-1</jid></bind></iq>")
        #expect(legacy.outcome == nil)
        #expect(legacy.sent.last == "<iq id='session-1' type='set'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>")
        try legacy.server("<iq type='result' id='session-1'/>")
        #expect(legacy.outcome == .bound(try JID("alice@example.test/c-1")))
    }

    @Test("a bind result for another account is a protocol violation")
    func bindForeignJID() throws {
        var harness = try NegotiationHarness()
        try harness.throughTLS(offering: ["PLAIN"])
        try harness.server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" + NegotiationHarness.serverHeader + NegotiationHarness.bindFeatures)
        try harness.server("<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>mallory@example.test/x</jid></bind></iq>")
        #expect(harness.outcome?.failureCode == .protocolViolation)
    }
}

extension NegotiationHarness.Outcome {
    var failureCode: XMPPClientError.Code? {
        if case .failed(let error) = self { error.code } else { nil }
    }
}
