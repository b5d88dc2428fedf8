import XMPPCore

/// The client side of RFC 6120 stream negotiation, as a plain state machine
/// without I/O: stream header → features → STARTTLS → stream restart →
/// SASL → stream restart → resource binding, then XEP-0198 stream
/// management: `<enable/>` after binding, or `<resume/>` instead of binding
/// (see `XMPPClientNegotiation+StreamManagement.swift`).
///
/// Feed it the stream events the parser produces; it answers with `Action`s
/// for the transport to carry out, in order. It never authenticates before
/// TLS: a server that does not offer STARTTLS is refused.
struct XMPPClientNegotiation: Sendable {
    enum Action: Sendable {
        /// Bytes to write, as text.
        case send(String)
        /// Install TLS now. Any byte still buffered after `<proceed/>` is a
        /// protocol violation. Call `tlsStarted()` once the handler is in place.
        case startTLS
        /// A new stream begins (SASL success): reset the parser before reading on.
        case resetParser
        /// Run the SCRAM key derivation away from the event loop (PBKDF2 may be
        /// slow), then call `scramProofReady(_:)` with the job's result.
        case deriveSCRAMProof(SCRAMProofJob)
        /// A password sign-in proved both sides with SCRAM: these keys can
        /// replace the password next time.
        case learned(SCRAMStoredKeys)
        /// The server enabled stream management (before `.bound`): count from zero.
        case streamManagementEnabled(resumptionID: String?, maxResumptionSeconds: Int?)
        /// The previous stream was resumed and the server handled `h` of our
        /// stanzas (before `.bound`): continue its counters, resend the rest.
        case resumed(StreamResumption, h: UInt32)
        /// Resumption was refused or impossible: these stanzas of the previous
        /// stream were not acknowledged; they are handed back, and binding goes on.
        case resumeFailed(handedBack: [XMLElement])
        /// Negotiation is complete: the stream is bound to this JID.
        case bound(JID)
        /// A stanza that arrived while we waited for `<enabled/>`; handle it after `.bound`.
        /// `countsForAcks` is false for these: the server counts only what it
        /// sent after `<enabled/>`, so counting them would make our `h` too high.
        case deliver(XMLElement, countsForAcks: Bool)
        /// Negotiation failed; close the connection.
        case fail(XMPPClientError)
    }

    /// How far the stream got before the current header.
    enum Stage: Sendable {
        case plaintext, secured, authenticated
    }

    enum State: Sendable {
        case initial
        case awaitingHeader(Stage)
        case awaitingFeatures(Stage)
        case awaitingProceed
        case startingTLS
        case scramSentFirst(SCRAMClientExchange)
        case scramDerivingProof
        case scramSentFinal(SCRAMClientExchange)
        /// The server's signature checked out (it came in a challenge); waiting for `<success/>`.
        /// Carries the keys a password sign-in learnt.
        case scramVerified(SCRAMStoredKeys?)
        case plainSent
        case binding(BindOffer)
        case establishingSession(JID, BindOffer)
        /// Bound; `<enable/>` sent, waiting for `<enabled/>` or `<failed/>`.
        /// Stanzas arriving meanwhile are held and delivered after `.bound`.
        case enabling(JID, early: [XMLElement])
        /// `<resume/>` sent instead of binding.
        case resuming(BindOffer, StreamResumption)
        case bound(JID)
        case failed
    }

    static let bindID = "bind-1"
    static let sessionID = "session-1"

    /// What the post-authentication features offer.
    struct BindOffer: Sendable {
        var sessionRequired: Bool
        var streamManagement: Bool
    }

    let jid: JID
    private let password: String
    private let storedKeys: SCRAMStoredKeys?
    private let mechanisms: [XMPPClientConnection.SASLMechanism]
    /// Ask for XEP-0198 when the server offers it.
    let streamManagement: Bool
    /// A previous stream to resume instead of binding.
    let resume: StreamResumption?
    var state: State = .initial

    init(
        jid: JID, password: String, storedKeys: SCRAMStoredKeys? = nil,
        mechanisms: [XMPPClientConnection.SASLMechanism],
        streamManagement: Bool = true, resume: StreamResumption? = nil
    ) {
        self.jid = jid
        self.password = password
        self.storedKeys = storedKeys
        self.mechanisms = mechanisms
        self.streamManagement = streamManagement
        self.resume = resume
    }

    /// Without a password only the stored keys' own mechanism can work (never PLAIN).
    private var usableMechanisms: [XMPPClientConnection.SASLMechanism] {
        guard password.isEmpty, let storedKeys else { return mechanisms }
        return mechanisms.filter { $0 == storedKeys.scramMechanism }
    }

    // MARK: Inputs

    /// The TCP connection is up: open the first stream.
    mutating func start() -> [Action] {
        guard case .initial = state else { return [] }
        state = .awaitingHeader(.plaintext)
        return [.send(header(.plaintext))]
    }

    mutating func receive(_ event: XMLStreamEvent) -> [Action] {
        switch event {
        case .streamOpen(let header):
            return receiveHeader(header)
        case .streamClose:
            return fail(XMPPClientError(.closed, "the server ended the stream during negotiation"))
        case .stanza(let element):
            if let error = StreamError(element: element) {
                return fail(.received(error))
            }
            return receiveElement(element)
        }
    }

    /// The TLS handler is installed: open the stream again, now encrypted.
    mutating func tlsStarted() -> [Action] {
        guard case .startingTLS = state else { return unexpected("TLS started out of turn") }
        state = .awaitingHeader(.secured)
        return [.send(header(.secured))]
    }

    mutating func scramProofReady(_ result: SCRAMProofJob.Result) -> [Action] {
        guard case .scramDerivingProof = state else { return unexpected("SCRAM proof out of turn") }
        switch result.clientFinal {
        case .success(let clientFinal):
            state = .scramSentFinal(result.exchange)
            return [.send(saslElement("response", payload: clientFinal))]
        case .failure(.saltedPasswordOutdated):
            return fail(XMPPClientError(
                .authenticationFailed, "the stored keys no longer fit the server's salt or iteration count; sign in with the password",
                saslCondition: .notAuthorized))
        case .failure(let error):
            return fail(.protocolViolation("the server's SCRAM challenge is unusable: \(error)"))
        }
    }

    // MARK: Stream header and features

    private mutating func receiveHeader(_ header: XMLElement) -> [Action] {
        guard case .awaitingHeader(let stage) = state else { return unexpected("a second stream header") }
        guard header.name == "stream", header.namespace == XMLNamespace.streams else {
            return fail(.protocolViolation("the stream root is not stream:stream"))
        }
        guard let version = header[attribute: "version"], version.hasPrefix("1.") else {
            return fail(.protocolViolation("the server does not speak XMPP 1.0 (no version='1.0' in its header)"))
        }
        state = .awaitingFeatures(stage)
        return []
    }

    private mutating func receiveElement(_ element: XMLElement) -> [Action] {
        switch state {
        case .awaitingFeatures(let stage):
            guard element.name == "features", element.namespace == XMLNamespace.streams else {
                return unexpected("<\(element.name)> instead of stream features")
            }
            switch stage {
            case .plaintext: return requestTLS(element)
            case .secured: return authenticate(element)
            case .authenticated: return bindOrResume(element)
            }
        case .awaitingProceed:
            return receiveTLSReply(element)
        case .scramSentFirst, .scramSentFinal, .scramVerified, .plainSent:
            guard element.namespace == XMLNamespace.sasl else { return unexpected("<\(element.name)> during SASL") }
            return receiveSASL(element)
        case .binding, .establishingSession:
            return receiveBindReply(element)
        case .enabling:
            return receiveEnableReply(element)
        case .resuming:
            return receiveResumeReply(element)
        case .initial, .awaitingHeader, .startingTLS, .scramDerivingProof, .bound, .failed:
            return unexpected("<\(element.name)> out of turn")
        }
    }

    // MARK: STARTTLS (RFC 6120 §5)

    private mutating func requestTLS(_ features: XMLElement) -> [Action] {
        guard features.child("starttls", namespace: XMLNamespace.tls) != nil else {
            return fail(XMPPClientError(.startTLSNotOffered, "the server does not offer STARTTLS; refusing to go on in plaintext"))
        }
        state = .awaitingProceed
        return [.send(XMLElement(name: "starttls", namespace: XMLNamespace.tls).serialized(defaultNamespace: XMLNamespace.client))]
    }

    private mutating func receiveTLSReply(_ element: XMLElement) -> [Action] {
        guard element.namespace == XMLNamespace.tls else { return unexpected("<\(element.name)> instead of <proceed/>") }
        switch element.name {
        case "proceed":
            state = .startingTLS
            return [.startTLS]
        case "failure":
            return fail(XMPPClientError(.tlsFailure, "the server refused STARTTLS"))
        default:
            return unexpected("<\(element.name)> instead of <proceed/>")
        }
    }

    // MARK: SASL (RFC 6120 §6)

    private mutating func authenticate(_ features: XMLElement) -> [Action] {
        let offered = features.child("mechanisms", namespace: XMLNamespace.sasl)?
            .children("mechanism", namespace: XMLNamespace.sasl)
            .map { $0.text.trimmingWhitespace() } ?? []
        let mechanisms = usableMechanisms
        guard let mechanism = mechanisms.first(where: { offered.contains($0.rawValue) }) else {
            return fail(XMPPClientError(
                .noSupportedMechanism, "the server offers \(offered.joined(separator: ", ")); we allow \(mechanisms.map(\.rawValue).joined(separator: ", "))"))
        }
        let username = jid.localpart ?? ""
        let initial: [UInt8]
        switch mechanism {
        case .scramSHA256, .scramSHA1:
            let credential: SCRAMClientExchange.Credential =
                if password.isEmpty, let storedKeys { .saltedPassword(storedKeys.salted) } else { .password(password) }
            var exchange = SCRAMClientExchange(
                hash: mechanism == .scramSHA256 ? .sha256 : .sha1, username: username, credential: credential)
            initial = exchange.clientFirst()
            state = .scramSentFirst(exchange)
        case .plain:
            initial = SASLPlain.message(authcid: username, password: password)
            state = .plainSent
        }
        var auth = XMLElement(name: "auth", namespace: XMLNamespace.sasl, attributes: ["mechanism": mechanism.rawValue])
        auth.append(text: Base64.encode(initial))
        return [.send(auth.serialized(defaultNamespace: XMLNamespace.client))]
    }

    private mutating func receiveSASL(_ element: XMLElement) -> [Action] {
        switch (element.name, state) {
        case ("failure", _):
            let condition = element.elements.first { $0.namespace == XMLNamespace.sasl && $0.name != "text" }
            let text = element.child("text", namespace: XMLNamespace.sasl)?.text
            return fail(XMPPClientError(
                .authenticationFailed, text ?? condition?.name ?? "refused",
                saslCondition: condition.flatMap { SASLFailureCondition(rawValue: $0.name) }))
        case ("challenge", .scramSentFirst(let exchange)):
            guard let serverFirst = Base64.decode(element.text.trimmingWhitespace()) else {
                return fail(.protocolViolation("a SASL challenge that is not base64"))
            }
            state = .scramDerivingProof
            return [.deriveSCRAMProof(SCRAMProofJob(exchange: exchange, serverFirst: serverFirst))]
        case ("challenge", .scramSentFinal(var exchange)):
            // Some servers send server-final as a challenge, then an empty success.
            if let failure = verifyServerFinal(element.text, &exchange) { return failure }
            state = .scramVerified(learned(exchange))
            return [.send(XMLElement(name: "response", namespace: XMLNamespace.sasl).serialized(defaultNamespace: XMLNamespace.client))]
        case ("success", .scramSentFinal(var exchange)):
            if let failure = verifyServerFinal(element.text, &exchange) { return failure }
            let keys = learned(exchange)
            return (keys.map { [.learned($0)] } ?? []) + restartAfterSASL()
        case ("success", .scramVerified(let keys)):
            return (keys.map { [.learned($0)] } ?? []) + restartAfterSASL()
        case ("success", .plainSent):
            return restartAfterSASL()
        default:
            return unexpected("SASL <\(element.name)> out of turn")
        }
    }

    /// Checks server-final ("v=…"); returns the failure actions, or nil when the server proved itself.
    private mutating func verifyServerFinal(_ text: String, _ exchange: inout SCRAMClientExchange) -> [Action]? {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty, trimmed != "=" else {
            return fail(XMPPClientError(.serverNotVerified, "the server sent no SCRAM signature"))
        }
        guard let serverFinal = Base64.decode(trimmed) else {
            return fail(.protocolViolation("SASL data that is not base64"))
        }
        do {
            try exchange.receiveServerFinal(serverFinal)
            return nil
        } catch .serverError(let name) {
            return fail(XMPPClientError(.authenticationFailed, name, saslCondition: .notAuthorized))
        } catch .serverSignatureMismatch {
            return fail(XMPPClientError(.serverNotVerified, "the server's SCRAM signature is wrong"))
        } catch {
            return fail(.protocolViolation("unusable SCRAM server-final: \(error)"))
        }
    }

    /// The keys to keep after a verified password exchange; nil when we signed in with stored keys.
    private func learned(_ exchange: SCRAMClientExchange) -> SCRAMStoredKeys? {
        guard !password.isEmpty, let salted = exchange.verifiedSaltedPassword else { return nil }
        return SCRAMStoredKeys(mechanism: exchange.hash == .sha256 ? .scramSHA256 : .scramSHA1, salted)
    }

    private mutating func restartAfterSASL() -> [Action] {
        state = .awaitingHeader(.authenticated)
        return [.resetParser, .send(header(.authenticated))]
    }

    // MARK: Resource binding (RFC 6120 §7) and the legacy session (RFC 3921)

    /// What the features after SASL offer; fails when binding is not among them.
    static func bindOffer(in features: XMLElement) -> BindOffer? {
        guard features.child("bind", namespace: XMLNamespace.bind) != nil else { return nil }
        let session = features.child("session", namespace: XMLNamespace.session)
        return BindOffer(
            sessionRequired: session != nil && session?.child("optional", namespace: XMLNamespace.session) == nil,
            streamManagement: features.child("sm", namespace: XMLNamespace.streamManagement) != nil)
    }

    mutating func bind(_ offer: BindOffer) -> [Action] {
        var request = XMLElement(name: "bind", namespace: XMLNamespace.bind)
        if let resource = jid.resourcepart {
            request.append(XMLElement(name: "resource", namespace: XMLNamespace.bind, text: resource))
        }
        state = .binding(offer)
        return [.send(iq(id: Self.bindID, payload: request))]
    }

    private mutating func receiveBindReply(_ element: XMLElement) -> [Action] {
        let expectedID = if case .binding = state { Self.bindID } else { Self.sessionID }
        // Anything else before the bind result (there should be nothing) is ignored.
        guard element.name == "iq", element[attribute: "id"] == expectedID else { return [] }
        guard element[attribute: "type"] == "result" else {
            let stanzaError = element.child("error").flatMap(StanzaError.init(element:))
            return fail(XMPPClientError(
                .bindFailed, stanzaError?.description ?? "the server refused the resource", stanzaError: stanzaError))
        }
        switch state {
        case .binding(let offer):
            guard let text = element.child("bind", namespace: XMLNamespace.bind)?.child("jid", namespace: XMLNamespace.bind)?.text,
                let bound = try? JID(text.trimmingWhitespace()), bound.isFull, bound.bare == jid.bare
            else {
                return fail(.protocolViolation("the bind result carries no full JID of this account"))
            }
            if offer.sessionRequired {
                state = .establishingSession(bound, offer)
                return [.send(iq(id: Self.sessionID, payload: XMLElement(name: "session", namespace: XMLNamespace.session)))]
            }
            return finishBinding(bound, offer)
        case .establishingSession(let bound, let offer):
            return finishBinding(bound, offer)
        default:
            return []
        }
    }

    // MARK: Helpers

    /// Our stream header; `from` only once the stream is encrypted (RFC 6120 §4.7.1).
    private func header(_ stage: Stage) -> String {
        var attributes = [
            XMLElement.Attribute(name: "to", value: jid.domainpart),
            XMLElement.Attribute(name: "version", value: "1.0"),
            XMLElement.Attribute(name: "xml:lang", value: "en"),
        ]
        if stage != .plaintext {
            attributes.insert(XMLElement.Attribute(name: "from", value: jid.bare.description), at: 0)
        }
        return streamHeader(defaultNamespace: XMLNamespace.client, attributes: attributes)
    }

    private func saslElement(_ name: String, payload: [UInt8]) -> String {
        XMLElement(name: name, namespace: XMLNamespace.sasl, text: Base64.encode(payload))
            .serialized(defaultNamespace: XMLNamespace.client)
    }

    func iq(id: String, payload: XMLElement) -> String {
        XMLElement(
            name: "iq", namespace: XMLNamespace.client, attributes: ["type": "set", "id": id],
            children: [.element(payload)]
        ).serialized(defaultNamespace: XMLNamespace.client)
    }

    mutating func unexpected(_ what: String) -> [Action] {
        fail(.protocolViolation("unexpected \(what)"))
    }

    mutating func fail(_ error: XMPPClientError) -> [Action] {
        state = .failed
        return [.fail(error)]
    }
}

/// The slow half of a SCRAM step, made Sendable so it can run on a thread pool.
struct SCRAMProofJob: Sendable {
    struct Result: Sendable {
        var exchange: SCRAMClientExchange
        var clientFinal: Swift.Result<[UInt8], SCRAMError>
    }

    var exchange: SCRAMClientExchange
    var serverFirst: [UInt8]

    func run() -> Result {
        var exchange = exchange
        do {
            let clientFinal = try exchange.receiveServerFirst(serverFirst)
            return Result(exchange: exchange, clientFinal: .success(clientFinal))
        } catch {
            return Result(exchange: exchange, clientFinal: .failure(error))
        }
    }
}

extension String {
    /// Without leading and trailing XML whitespace (space, tab, CR, LF); no Foundation needed.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
