import NIOCore
@testable import MessengerKit
import XMPPCore

/// Drives `XMPPClientNegotiation` with hand-written server bytes, doing what
/// the channel handler would do with its actions, minus the sockets.
struct NegotiationHarness {
    enum Outcome: Equatable {
        case bound(JID)
        case failed(XMPPClientError)
    }

    static let serverHeader =
        "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='example.test' id='s1' version='1.0'>"
    static let startTLSFeatures =
        "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls></stream:features>"
    static let proceed = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
    static let bindFeatures =
        "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/></session></stream:features>"
    /// Binding plus XEP-0198.
    static let bindAndSMFeatures =
        "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>"

    static func mechanismFeatures(_ names: [String]) -> String {
        "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + names.map { "<mechanism>\($0)</mechanism>" }.joined()
            + "</mechanisms></stream:features>"
    }

    var negotiation: XMPPClientNegotiation
    var parser = XMLStreamParser()
    var buffer = ByteBuffer()
    /// What the client wrote, one entry per action.
    var sent: [String] = []
    var outcome: Outcome?
    var tlsStarted = false
    /// Keys the negotiation reported as learnt.
    var learned: [SCRAMStoredKeys] = []
    /// XEP-0198 as reported: enabled (id, max), resumed (h), handed back, delivered after binding.
    var enabled: (id: String?, max: Int?)?
    var resumedH: UInt32?
    var handedBack: [XMLElement]?
    var delivered: [XMLElement] = []
    /// Of `delivered`, those the handler would count towards our inbound `h`.
    var deliveredCounted: [XMLElement] = []

    init(jid: String = "alice@example.test/desk", password: String = "secret", storedKeys: SCRAMStoredKeys? = nil,
         mechanisms: [XMPPClientConnection.SASLMechanism] = XMPPClientConnection.SASLMechanism.allCases,
         streamManagement: Bool = true, resume: StreamResumption? = nil) throws {
        negotiation = XMPPClientNegotiation(
            jid: try JID(jid), password: password, storedKeys: storedKeys, mechanisms: mechanisms,
            streamManagement: streamManagement, resume: resume)
        perform(negotiation.start())
    }

    /// Through TLS and PLAIN to the features after authentication, which are `features`.
    mutating func authenticated(features: String) throws {
        try throughTLS(offering: ["PLAIN"])
        try server("<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>")
        try server(Self.serverHeader + features)
    }

    /// The server writes `text`.
    mutating func server(_ text: String) throws {
        buffer.writeString(text)
        while outcome == nil, let event = try parser.next(from: &buffer) {
            perform(negotiation.receive(event))
        }
    }

    /// Up to SASL: header, STARTTLS, TLS, header, the given mechanisms.
    mutating func throughTLS(offering mechanisms: [String]) throws {
        try server(Self.serverHeader + Self.startTLSFeatures)
        try server(Self.proceed)
        try server(Self.serverHeader + Self.mechanismFeatures(mechanisms))
    }

    private mutating func perform(_ actions: [XMPPClientNegotiation.Action]) {
        for action in actions {
            switch action {
            case .send(let text): sent.append(text)
            case .startTLS:
                tlsStarted = true
                parser.reset()
                perform(negotiation.tlsStarted())
            case .resetParser: parser.reset()
            case .deriveSCRAMProof(let job): perform(negotiation.scramProofReady(job.run()))
            case .learned(let keys): learned.append(keys)
            case .bound(let jid): outcome = .bound(jid)
            case .fail(let error): outcome = .failed(error)
            case .streamManagementEnabled(let id, let max): enabled = (id, max)
            case .resumed(_, let h): resumedH = h
            case .resumeFailed(let stanzas): handedBack = stanzas
            case .deliver(let stanza, let countsForAcks):
                delivered.append(stanza)
                if countsForAcks { deliveredCounted.append(stanza) }
            }
        }
    }

    /// The last element the client sent, parsed.
    var lastSentElement: XMLElement? {
        sent.last.flatMap(Self.element(from:))
    }

    static func element(from text: String) -> XMLElement? {
        var parser = XMLStreamParser()
        var bytes = ByteBuffer(string: "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>" + text)
        while let event = try? parser.next(from: &bytes) {
            if case .stanza(let element) = event { return element }
        }
        return nil
    }
}

/// The server half of SCRAM for scripted tests, backed by XMPPCore's own server exchange.
struct ScriptedSCRAMServer {
    var exchange: SCRAMServerExchange
    let keys: SCRAMSaltedKeys

    init(hash: SCRAMHashFunction, password: String, salt: String = "pepper-salt-1234", iterations: Int = 4096) throws {
        exchange = SCRAMServerExchange(hash: hash)
        keys = try SCRAMSaltedKeys.derive(password: password, salt: Array(salt.utf8), iterations: iterations, hash: hash)
    }

    /// Answers the client's `<auth>` with a `<challenge>`.
    mutating func challenge(to auth: XMLElement) throws -> String {
        let clientFirst = Base64.decode(auth.text) ?? []
        let keys = self.keys
        let serverFirst = try exchange.receiveClientFirst(clientFirst) { _ in keys }
        return "<challenge xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\(Base64.encode(serverFirst))</challenge>"
    }

    /// Checks the client's `<response>`; returns server-final ("v=…"), base64.
    mutating func serverFinal(to response: XMLElement) throws -> String {
        Base64.encode(try exchange.receiveClientFinal(Base64.decode(response.text) ?? []))
    }
}
