import Testing
@testable import MessengerKit
import XMPPCore

/// XEP-0198 during negotiation, against hand-written server bytes: enable
/// after binding, resume instead of binding, and what a refusal hands back.
@Suite("XMPPClientNegotiation stream management")
struct StreamManagementNegotiationTests {
    static let bindResult =
        "<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><jid>alice@example.test/desk</jid></bind></iq>"
    static let bindRequest =
        "<iq id='bind-1' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>desk</resource></bind></iq>"
    static let enable = "<enable xmlns='urn:xmpp:sm:3' resume='true'/>"

    static func message(_ id: String) throws -> XMLElement {
        try WireXML.stanza("<message to='bob@example.test' type='chat' id='\(id)'><body>\(id)</body></message>")
    }

    /// A stream that dropped after the server acknowledged 10 of our stanzas; 3 were not.
    static func dropped(id: String? = "sm-1", max: Int? = 300) throws -> StreamResumption {
        StreamResumption(
            id: id, jid: try JID("alice@example.test/desk"), inboundHandled: 7, acknowledged: 10,
            unacked: [try message("m-11"), try message("m-12"), try message("m-13")],
            maxResumptionSeconds: max, endedAt: .now)
    }

    @Test("offered: <enable resume='true'/> right after binding; bound only once the server answers <enabled/>")
    func enableAfterBind() throws {
        var harness = try NegotiationHarness()
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        #expect(harness.sent.last == Self.bindRequest)
        try harness.server(Self.bindResult)
        #expect(harness.sent.last == Self.enable)
        #expect(harness.outcome == nil)
        try harness.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-77' resume='true' max='300'/>")
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.enabled?.id == "sm-77")
        #expect(harness.enabled?.max == 300)
    }

    @Test("<enabled/> without resume='true': acks only, no id to resume with")
    func enabledWithoutResumption() throws {
        var harness = try NegotiationHarness()
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server(Self.bindResult)
        try harness.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-77'/>")
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.enabled != nil)
        #expect(harness.enabled?.id == nil)
    }

    @Test("<failed/> to <enable/> is not an error: a plain stream")
    func enableRefused() throws {
        var harness = try NegotiationHarness()
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server(Self.bindResult)
        try harness.server("<failed xmlns='urn:xmpp:sm:3'><unexpected-request xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>")
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.enabled == nil)
    }

    @Test("not offered, or switched off: no <enable/>, bound at once",
          arguments: [(NegotiationHarness.bindFeatures, true), (NegotiationHarness.bindAndSMFeatures, false)])
    func noStreamManagement(features: String, wanted: Bool) throws {
        var harness = try NegotiationHarness(streamManagement: wanted)
        try harness.authenticated(features: features)
        try harness.server(Self.bindResult)
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.sent.last == Self.bindRequest)
        #expect(!harness.sent.contains { $0.contains("urn:xmpp:sm:3") })
    }

    @Test("a stanza that arrives before <enabled/> is delivered after binding, not lost")
    func stanzaBeforeEnabled() throws {
        var harness = try NegotiationHarness()
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server(Self.bindResult)
        try harness.server("<message from='bob@example.test/x' type='chat' id='early'><body>hi</body></message>")
        #expect(harness.delivered.isEmpty)
        try harness.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true'/>")
        #expect(harness.delivered.map { $0[attribute: "id"] } == ["early"])
    }

    @Test("stanzas that arrive before <enabled/> are not counted in our h: the server counts only what follows it")
    func stanzasBeforeEnabledAreNotCounted() throws {
        var harness = try NegotiationHarness()
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server(Self.bindResult)
        try harness.server("<message from='bob@example.test/x' type='chat' id='e1'><body>a</body></message>")
        try harness.server("<presence from='bob@example.test/x'/>")
        try harness.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-1' resume='true'/>")
        #expect(harness.delivered.count == 2)
        #expect(harness.deliveredCounted.isEmpty)
    }

    @Test("with a resumable stream: <resume previd h/> instead of binding; <resumed h/> binds the old JID")
    func resumeSucceeds() throws {
        var harness = try NegotiationHarness(jid: "alice@example.test", resume: try Self.dropped())
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        #expect(harness.sent.last == "<resume xmlns='urn:xmpp:sm:3' h='7' previd='sm-1'/>")
        try harness.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-1' h='11'/>")
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.resumedH == 11)
        #expect(!harness.sent.contains { $0.contains("xmpp-bind") })
        #expect(harness.handedBack == nil)
    }

    @Test("<resumed/> for another stream id is a protocol violation")
    func resumedOtherStream() throws {
        var harness = try NegotiationHarness(resume: try Self.dropped())
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server("<resumed xmlns='urn:xmpp:sm:3' previd='sm-2' h='11'/>")
        #expect(harness.outcome == .failed(.protocolViolation("<resumed/> names another stream")))
    }

    @Test("resume refused with the server's h: bind as usual, hand back only what it did not handle, enable again")
    func resumeRefused() throws {
        var harness = try NegotiationHarness(resume: try Self.dropped())
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server("<failed xmlns='urn:xmpp:sm:3' h='11'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>")
        #expect(harness.handedBack?.map { $0[attribute: "id"] } == ["m-12", "m-13"])
        #expect(harness.sent.last == Self.bindRequest)
        try harness.server(Self.bindResult)
        #expect(harness.sent.last == Self.enable)
        try harness.server("<enabled xmlns='urn:xmpp:sm:3' id='sm-2' resume='true'/>")
        #expect(harness.outcome == .bound(try JID("alice@example.test/desk")))
        #expect(harness.enabled?.id == "sm-2")
    }

    @Test("resume refused without h (or with one that does not fit): everything unacknowledged comes back",
          arguments: ["", " h='99'"])
    func resumeRefusedWithoutH(h: String) throws {
        var harness = try NegotiationHarness(resume: try Self.dropped())
        try harness.authenticated(features: NegotiationHarness.bindAndSMFeatures)
        try harness.server("<failed xmlns='urn:xmpp:sm:3'\(h)><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></failed>")
        #expect(harness.handedBack?.map { $0[attribute: "id"] } == ["m-11", "m-12", "m-13"])
    }

    @Test("nothing to resume with (no SM offered now, or no id): no <resume/>, bind, hand everything back",
          arguments: [(NegotiationHarness.bindFeatures, "sm-1"), (NegotiationHarness.bindAndSMFeatures, nil)] as [(String, String?)])
    func cannotResume(features: String, id: String?) throws {
        var harness = try NegotiationHarness(resume: try Self.dropped(id: id))
        try harness.authenticated(features: features)
        #expect(!harness.sent.contains { $0.contains("<resume") })
        #expect(harness.sent.last == Self.bindRequest)
        #expect(harness.handedBack?.count == 3)
    }
}
