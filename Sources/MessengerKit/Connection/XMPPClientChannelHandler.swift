import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import XMPPCore

/// The event-loop half of a client connection: bytes → XML events, stream
/// negotiation (driving `XMPPClientNegotiation`), STARTTLS, then stanza
/// routing: replies to pending requests, automatic answers, delivery of the
/// rest. Every method runs on the channel's event loop; `XMPPClientConnection`
/// reaches it through `NIOLoopBound`.
final class XMPPClientChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Where the results go; all Sendable, shared with the connection object.
    struct Outlets: Sendable {
        let stanzas: AsyncStream<XMLElement>.Continuation
        let states: AsyncStream<XMPPClientConnection.State>.Continuation
        let state: StateBox
        /// The keys a password sign-in learnt, for `XMPPClientConnection.learnedKeys`.
        let learnedKeys: NIOLockedValueBox<SCRAMStoredKeys?>
        /// What stream management did, for `XMPPClientConnection.resumption` and friends.
        let streamManagement: NIOLockedValueBox<StreamManagementReport>
    }

    /// XEP-0198 outcomes the connection object reports.
    struct StreamManagementReport: Sendable {
        var enabled = false
        var resumed = false
        var handedBack: [XMLElement] = []
        var resumption: StreamResumption?
    }

    enum Phase {
        case idle
        case negotiating
        case bound(JID)
        /// We sent `</stream:stream>` and wait for the server's.
        case closing
        case closed
    }

    private struct PendingRequest {
        let to: String?
        let promise: EventLoopPromise<XMLElement>
        let timeout: Scheduled<Void>
    }

    let configuration: XMPPClientConnection.Configuration
    private let sslContext: NIOSSLContext
    let outlets: Outlets
    let logger: Logger
    private var negotiation: XMPPClientNegotiation
    private var parser: XMLStreamParser
    private var buffer = ByteBuffer()
    private(set) var phase = Phase.idle
    private(set) var context: ChannelHandlerContext?
    /// XEP-0198 counters and unacknowledged stanzas, once the server enabled it.
    var ledger: StreamManagementLedger?
    /// Asks for an ack when sending has been quiet for a while.
    var idleAckRequest: Scheduled<Void>?
    /// The JID this stream was bound to, kept after it closed for the resumption snapshot.
    private(set) var boundJID: JID?
    private var connectPromise: EventLoopPromise<JID>?
    private var negotiationTimeout: Scheduled<Void>?
    private var closeTimeout: Scheduled<Void>?
    private var disconnectPromises: [EventLoopPromise<Void>] = []
    /// True while the SCRAM proof is computed off the loop: nothing is parsed meanwhile.
    private var derivingProof = false
    private var pending: [String: PendingRequest] = [:]

    /// How long to wait for the server's `</stream:stream>` after ours.
    static let closeGrace = TimeAmount.seconds(2)

    init(configuration: XMPPClientConnection.Configuration, sslContext: NIOSSLContext, outlets: Outlets, logger: Logger) {
        self.configuration = configuration
        self.sslContext = sslContext
        self.outlets = outlets
        self.logger = logger
        self.negotiation = XMPPClientNegotiation(
            jid: configuration.jid, password: configuration.password, storedKeys: configuration.storedKeys,
            mechanisms: configuration.mechanisms, streamManagement: configuration.streamManagement,
            resume: configuration.resume)
        self.parser = XMLStreamParser(limits: configuration.xmlLimits)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    /// The context holds this handler: dropping it on removal breaks the cycle.
    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    // MARK: Commands from XMPPClientConnection

    /// Opens the stream; `promise` completes with the bound JID or the reason negotiation failed.
    func start(promise: EventLoopPromise<JID>) {
        guard case .idle = phase, let context else {
            promise.fail(XMPPClientError(.closed, "the connection closed before negotiation began"))
            return
        }
        phase = .negotiating
        connectPromise = promise
        let timeout = configuration.negotiationTimeout
        negotiationTimeout = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) {
            self.fail(XMPPClientError(.negotiationTimeout, "no bound stream after \(timeout)"))
        }
        perform(negotiation.start())
        parseAvailable()
    }

    func send(_ stanza: XMLElement, promise: EventLoopPromise<Void>?) {
        guard case .bound = phase else {
            if case .closed = phase, keepForResumption(stanza) {
                promise?.succeed()
            } else {
                promise?.fail(XMPPClientError(.notConnected))
            }
            return
        }
        writeStanza(stanza, promise: promise)
    }

    func request(_ iq: XMLElement, timeout: TimeAmount, promise: EventLoopPromise<XMLElement>) {
        guard case .bound = phase, let context else {
            promise.fail(XMPPClientError(.notConnected))
            return
        }
        guard iq.name == "iq", iq[attribute: "type"] == "get" || iq[attribute: "type"] == "set" else {
            promise.fail(XMPPClientError(.invalidStanza, "a request must be an iq of type get or set"))
            return
        }
        guard let id = iq[attribute: "id"] else {
            promise.fail(XMPPClientError(.invalidStanza, "a request needs an id"))
            return
        }
        guard pending[id] == nil else {
            promise.fail(XMPPClientError(.invalidStanza, "a request with id \(id) is already waiting for its reply"))
            return
        }
        let timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            guard let expired = self.pending.removeValue(forKey: id) else { return }
            expired.promise.fail(XMPPClientError(.requestTimeout, "no reply to iq \(id) within \(timeout)"))
        }
        pending[id] = PendingRequest(to: iq[attribute: "to"], promise: promise, timeout: timer)
        writeStanza(iq, promise: nil)
    }

    /// The caller stopped waiting (task cancelled).
    func cancelRequest(id: String) {
        guard let request = pending.removeValue(forKey: id) else { return }
        request.timeout.cancel()
        request.promise.fail(CancellationError())
    }

    /// Ends the stream politely: `</stream:stream>`, then close once the server
    /// answers in kind or after a short grace period.
    func disconnect(promise: EventLoopPromise<Void>) {
        switch phase {
        case .closed:
            promise.succeed()
        case .closing:
            disconnectPromises.append(promise)
        case .idle, .negotiating, .bound:
            guard let context else {
                promise.succeed()
                return
            }
            disconnectPromises.append(promise)
            let wasNegotiating = if case .negotiating = phase { true } else { false }
            phase = .closing
            negotiationTimeout?.cancel()
            if wasNegotiating {
                connectPromise?.fail(XMPPClientError(.closed, "disconnect() was called during negotiation"))
                connectPromise = nil
            }
            failPending(XMPPClientError(.closed, "disconnect() was called"))
            // XEP-0198 §7: a last ack, so the server knows what we handled before we go.
            let lastAck = ledger.map { $0.ackElement.serialized(defaultNamespace: XMLNamespace.client) } ?? ""
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: lastAck + "</stream:stream>")), promise: nil)
            closeTimeout = context.eventLoop.assumeIsolated().scheduleTask(in: Self.closeGrace) {
                self.context?.close(promise: nil)
            }
        }
    }

    // MARK: Channel events

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        parseAvailable()
    }

    func channelInactive(context: ChannelHandlerContext) {
        switch phase {
        case .closing:
            finishClosed(reason: nil)
        case .closed:
            break
        case .idle, .negotiating, .bound:
            fail(XMPPClientError(.closed, "the connection was lost"))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A TLS error while negotiating is a failed handshake; once bound it is
        // a dropped connection (an unclean shutdown, say).
        let isTLSError = error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
        if isTLSError, case .negotiating = phase {
            fail(XMPPClientError(.tlsFailure, "\(error)"))
        } else {
            fail(XMPPClientError(.closed, "\(error)"))
        }
    }

    // MARK: Inbound

    private func parseAvailable() {
        while !derivingProof {
            switch phase {
            case .negotiating, .bound, .closing: break
            case .idle, .closed: return
            }
            let event: XMLStreamEvent?
            do throws(XMLStreamParserError) {
                event = try parser.next(from: &buffer)
            } catch {
                fail(.protocolViolation("\(error)"), telling: StreamError(parserError: error))
                return
            }
            guard let event else { break }
            switch phase {
            case .negotiating: perform(negotiation.receive(event))
            case .bound: route(event)
            case .closing: if case .streamClose = event { context?.close(promise: nil) }
            case .idle, .closed: return
            }
        }
        buffer.discardReadBytes()
        // While the SCRAM proof is computed the server has no reason to talk: bound what we hold.
        if derivingProof, buffer.readableBytes > configuration.xmlLimits.maxStanzaBytes {
            fail(.protocolViolation("the server flooded us during authentication"))
        }
    }

    private func perform(_ actions: [XMPPClientNegotiation.Action]) {
        for action in actions {
            if case .deliver(let stanza, let countsForAcks) = action {
                if case .bound = phase { routeStanza(stanza, countsForAcks: countsForAcks) }
                continue
            }
            guard case .negotiating = phase, let context else { return }
            switch action {
            case .send(let text):
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
            case .startTLS:
                startTLS(context)
            case .resetParser:
                parser.reset()
            case .deriveSCRAMProof(let job):
                deriveProof(job, context)
            case .learned(let keys):
                outlets.learnedKeys.withLockedValue { $0 = keys }
            case .bound(let jid):
                negotiationTimeout?.cancel()
                phase = .bound(jid)
                boundJID = jid
                outlets.state.value = .connected(jid)
                outlets.states.yield(.connected(jid))
                logger.debug("xmpp stream bound", metadata: ["xmpp.jid": "\(jid)"])
                connectPromise?.succeed(jid)
                connectPromise = nil
            case .streamManagementEnabled(let id, let maxSeconds):
                ledger = StreamManagementLedger(resumptionID: id, maxResumptionSeconds: maxSeconds)
                outlets.streamManagement.withLockedValue { $0.enabled = true }
            case .resumed(let previous, let h):
                resumeLedger(previous, serverHandled: h)
            case .resumeFailed(let handedBack):
                outlets.streamManagement.withLockedValue { $0.handedBack = handedBack }
            case .deliver:
                break
            case .fail(let error):
                fail(error)
            }
        }
    }

    /// RFC 6120 §5.4.3.3: TLS starts with the very next byte; plaintext the
    /// server sent after `<proceed/>` would be injected data.
    private func startTLS(_ context: ChannelHandlerContext) {
        guard buffer.readableBytes == 0 else {
            fail(.protocolViolation("data after <proceed/> before TLS"))
            return
        }
        do {
            let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: configuration.tlsServerName)
            try context.pipeline.syncOperations.addHandler(handler, position: .first)
        } catch {
            fail(XMPPClientError(.tlsFailure, "cannot start TLS: \(error)"))
            return
        }
        parser.reset()
        perform(negotiation.tlsStarted())
    }

    private func deriveProof(_ job: SCRAMProofJob, _ context: ChannelHandlerContext) {
        derivingProof = true
        NIOThreadPool.singleton.runIfActive(eventLoop: context.eventLoop) { job.run() }
            .assumeIsolated()
            .whenComplete { result in
                self.derivingProof = false
                guard case .negotiating = self.phase else { return }
                switch result {
                case .success(let proof): self.perform(self.negotiation.scramProofReady(proof))
                case .failure(let error): self.fail(XMPPClientError(.closed, "cannot compute the SCRAM proof: \(error)"))
                }
                self.parseAvailable()
            }
    }

    func route(_ event: XMLStreamEvent) {
        let stanza: XMLElement
        switch event {
        case .streamClose:
            fail(XMPPClientError(.closed, "the server ended the stream"))
            return
        case .streamOpen:
            fail(.protocolViolation("a second stream header"))
            return
        case .stanza(let element):
            stanza = element
        }
        if let error = StreamError(element: stanza) {
            fail(.received(error))
            return
        }
        if stanza.namespace == XMLNamespace.streamManagement {
            receiveStreamManagement(stanza)
            return
        }
        routeStanza(stanza)
    }

    /// One stanza: a reply, an automatic answer, or for the reader. Counted
    /// as handled for XEP-0198 only once it is answered or queued for the reader,
    /// and only when `countsForAcks` (not for stanzas that preceded `<enabled/>`).
    private func routeStanza(_ stanza: XMLElement, countsForAcks: Bool = true) {
        if stanza.name == "iq", stanza.namespace == XMLNamespace.client, routeIQ(stanza) {
            if countsForAcks { countHandled(stanza) }
            return
        }
        switch outlets.stanzas.yield(stanza) {
        case .enqueued:
            if countsForAcks { countHandled(stanza) }
        case .terminated:
            break
        case .dropped:
            fail(XMPPClientError(.inboundQueueFull, "more than \(configuration.maxQueuedStanzas) stanzas unread"))
        @unknown default:
            break
        }
    }

    /// Handles replies to our requests and the requests we answer ourselves; true when consumed.
    private func routeIQ(_ iq: XMLElement) -> Bool {
        guard case .bound(let account) = phase else { return false }
        switch iq[attribute: "type"] {
        case "result", "error":
            guard let id = iq[attribute: "id"], let request = pending[id],
                IQReplyMatching.isReply(from: iq[attribute: "from"], toRequestAddressedTo: request.to, account: account)
            else { return false }
            pending[id] = nil
            request.timeout.cancel()
            if iq[attribute: "type"] == "result" {
                request.promise.succeed(iq)
            } else {
                let error = iq.child("error").flatMap(StanzaError.init(element:)) ?? StanzaError(.undefinedCondition)
                request.promise.fail(error)
            }
            return true
        case "get", "set":
            let payload = iq.elements.first
            if configuration.answersPing, iq[attribute: "type"] == "get", payload?.name == "ping",
                payload?.namespace == XMLNamespace.ping
            {
                reply(iq.resultReply())
                return true
            }
            if case .deliver(let namespaces) = configuration.iqRequests,
                !namespaces.contains(payload?.namespace ?? "")
            {
                reply(iq.errorReply(StanzaError(.serviceUnavailable)))
                return true
            }
            return false
        default:
            return false
        }
    }

    private func reply(_ stanza: XMLElement) {
        writeStanza(stanza, promise: nil)
    }

    // MARK: Ending

    /// Ends the connection with an error: told to every waiter, then the socket closes.
    /// `telling` is sent to the server first when the fault is in its data.
    func fail(_ error: XMPPClientError, telling streamError: StreamError? = nil) {
        switch phase {
        case .closed: return
        case .closing:
            // We were leaving anyway; the stream is over.
            finishClosed(reason: nil)
            context?.close(promise: nil)
            return
        case .idle, .negotiating, .bound: break
        }
        logger.debug("xmpp connection failed", metadata: ["xmpp.error": "\(error.code.rawValue)"])
        if let context, context.channel.isActive {
            var goodbye = ""
            if let streamError { goodbye += streamError.element.serialized(defaultNamespace: XMLNamespace.client) }
            goodbye += "</stream:stream>"
            context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: goodbye)), promise: nil)
        }
        connectPromise?.fail(error)
        connectPromise = nil
        finishClosed(reason: error)
        context?.close(promise: nil)
    }

    /// The final bookkeeping, once: waiters answered, streams finished.
    /// `reason` nil means we asked to close.
    func finishClosed(reason: XMPPClientError?) {
        if case .closed = phase { return }
        phase = .closed
        negotiationTimeout?.cancel()
        closeTimeout?.cancel()
        // Before the state says disconnected, so whoever sees that also sees the snapshot.
        keepResumption(closedOnPurpose: reason == nil)
        failPending(reason ?? XMPPClientError(.closed, "disconnect() was called"))
        let final = XMPPClientConnection.State.disconnected(reason: reason)
        outlets.state.value = final
        outlets.states.yield(final)
        outlets.states.finish()
        outlets.stanzas.finish()
        for promise in disconnectPromises { promise.succeed() }
        disconnectPromises = []
    }

    private func failPending(_ error: XMPPClientError) {
        let waiting = pending
        pending = [:]
        for request in waiting.values {
            request.timeout.cancel()
            request.promise.fail(error)
        }
    }

    func encode(_ stanza: XMLElement) -> ByteBuffer {
        let text = stanza.serialized(defaultNamespace: XMLNamespace.client)
        return context?.channel.allocator.buffer(string: text) ?? ByteBuffer(string: text)
    }
}

extension XMLElement {
    /// An empty iq result to this request: same id, addresses swapped.
    func resultReply() -> XMLElement {
        var attributes: [Attribute] = []
        if let id = self[attribute: "id"] { attributes.append(Attribute(name: "id", value: id)) }
        if let to = self[attribute: "to"] { attributes.append(Attribute(name: "from", value: to)) }
        if let from = self[attribute: "from"] { attributes.append(Attribute(name: "to", value: from)) }
        attributes.append(Attribute(name: "type", value: "result"))
        return XMLElement(name: "iq", namespace: namespace, orderedAttributes: attributes)
    }
}
