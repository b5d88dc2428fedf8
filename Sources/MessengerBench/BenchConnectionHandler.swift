import NIOCore
import NIOSSL
import XMPPCore

/// One bench user's connection: a small state machine from stream open to
/// "available" (STARTTLS, optional registration, SASL, bind, roster,
/// presence), then the receiving side of the measurements. No task and no
/// stream per connection: everything happens in the channel's callbacks.
final class BenchConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Stage {
        case awaitingFeatures
        case awaitingProceed
        case awaitingRegistration
        case awaitingSASL
        case awaitingBind
        case awaitingRoster
        case ready
        case closed
    }

    let shared: BenchSessionContext
    let index: Int
    let options: BenchLoginOptions
    private let ready: EventLoopPromise<Void>

    var stage = Stage.awaitingFeatures
    private var parser = XMLStreamParser()
    private var inbound = ByteBuffer()
    private var encrypted = false
    private var registrationDone = false
    private var authenticated = false
    private var offeredMechanisms: [String] = []
    private var sasl: SASLClient?
    /// Ring contacts as the roster shows them; absent ones are `none`.
    var roster: [Int: ContactSubscription] = [:]
    /// Ring contacts whose request we answered with our own (once each).
    var reciprocated: Set<Int> = []
    /// Contacts asked while provisioning paces itself, until the pair is mutual.
    var awaitingAnswer: Set<Int> = []

    init(shared: BenchSessionContext, index: Int, options: BenchLoginOptions, ready: EventLoopPromise<Void>) {
        self.shared = shared
        self.index = index
        self.options = options
        self.ready = ready
    }

    // MARK: Channel events

    func channelActive(context: ChannelHandlerContext) {
        send(BenchStanzas.streamHeader(domain: shared.domain), context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if inbound.readableBytes == 0 {
            inbound = bytes
        } else {
            inbound.writeBuffer(&bytes)
        }
        while stage != .closed {
            let event: XMLStreamEvent?
            do {
                event = try parser.next(from: &inbound)
            } catch {
                fail("unreadable XML from the server: \(error)", context)
                return
            }
            guard let event else { break }
            handle(event, context)
        }
        // Idle sessions should hold no receive buffer.
        if inbound.readableBytes == 0 { inbound = ByteBuffer() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard let command = event as? BenchConnectionCommand else {
            context.fireUserInboundEventTriggered(event)
            return
        }
        switch command {
        case .requestMissingSubscriptions:
            // Reported even when not ready (nothing sent): the runner paces by these reports.
            shared.recorder.askedForSubscriptions(stage == .ready ? requestMissingSubscriptions(retrying: false, context) : 0)
        case .retryMissingSubscriptions:
            // Re-read the roster first: pushes may have arrived out of order.
            guard stage == .ready else { return }
            send(BenchStanzas.rosterRecount, context)
        case .close:
            let wasOpen = stage != .closed
            stage = .closed
            ready.fail(BenchLoginError("closed by the bench before becoming available"))
            if wasOpen { send(BenchStanzas.streamClose, context) }
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail("connection error: \(error)", context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if stage != .closed { fail("the server closed the connection", context) }
        context.fireChannelInactive()
    }

    // MARK: Login

    private func handle(_ event: XMLStreamEvent, _ context: ChannelHandlerContext) {
        switch event {
        case .streamOpen:
            return
        case .streamClose:
            fail("the server ended the stream", context)
        case .stanza(let element):
            if element.name == "error", element.namespace == XMLNamespace.streams {
                let condition = element.elements.first { $0.namespace == XMLNamespace.streamErrors }?.name ?? "unknown"
                fail("stream error from the server: \(condition)", context)
                return
            }
            switch stage {
            case .awaitingFeatures: features(element, context)
            case .awaitingProceed: proceed(element, context)
            case .awaitingRegistration: registered(element, context)
            case .awaitingSASL: saslStep(element, context)
            case .awaitingBind: bound(element, context)
            case .awaitingRoster: rosterReceived(element, context)
            case .ready: sessionStanza(element, context)
            case .closed: return
            }
        }
    }

    private func features(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard element.name == "features", element.namespace == XMLNamespace.streams else {
            fail("expected stream features, got <\(element.name)>", context)
            return
        }
        let startTLS = element.child("starttls", namespace: XMLNamespace.tls)
        if !encrypted, shared.tls {
            guard startTLS != nil else {
                fail("the server offers no STARTTLS (run with --no-tls?)", context)
                return
            }
            send(BenchStanzas.startTLS, context)
            stage = .awaitingProceed
        } else if !encrypted, startTLS?.child("required", namespace: XMLNamespace.tls) != nil {
            fail("the server requires STARTTLS (run with --tls)", context)
        } else if !authenticated {
            offeredMechanisms = element.child("mechanisms", namespace: XMLNamespace.sasl)?
                .children("mechanism", namespace: XMLNamespace.sasl).map(\.text) ?? []
            if options.register, !registrationDone {
                send(BenchStanzas.register(username: shared.username(index), password: shared.password), context)
                stage = .awaitingRegistration
            } else {
                startSASL(context)
            }
        } else {
            send(BenchStanzas.bind, context)
            stage = .awaitingBind
        }
    }

    private func proceed(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard element.name == "proceed", element.namespace == XMLNamespace.tls, let sslContext = shared.sslContext else {
            fail("STARTTLS refused: <\(element.name)>", context)
            return
        }
        do {
            let tlsHandler = try NIOSSLClientHandler(context: sslContext, serverHostname: nil)
            try context.pipeline.syncOperations.addHandler(tlsHandler, position: .first)
        } catch {
            fail("TLS setup failed: \(error)", context)
            return
        }
        encrypted = true
        // Plaintext after <proceed/> is never part of the encrypted stream.
        inbound.clear()
        restartStream(context)
    }

    private func registered(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard element.name == "iq", element[attribute: "id"] == "register" else { return }
        let condition = element.child("error")?.elements.first?.name
        guard element[attribute: "type"] == "result" || condition == "conflict" else {
            fail("registration refused: \(condition ?? "no reason given")", context)
            return
        }
        registrationDone = true
        startSASL(context)
    }

    private func startSASL(_ context: ChannelHandlerContext) {
        let username = shared.username(index)
        guard
            let client = SASLClient(
                offered: offeredMechanisms, encrypted: encrypted, username: username, password: shared.password,
                cached: shared.saltedPasswords[username])
        else {
            fail("no usable SASL mechanism among \(offeredMechanisms) (PLAIN only with TLS)", context)
            return
        }
        sasl = client
        send(BenchStanzas.auth(mechanism: client.mechanism, payload: client.initialResponse), context)
        stage = .awaitingSASL
    }

    private func saslStep(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard element.namespace == XMLNamespace.sasl, var client = sasl else {
            fail("expected a SASL reply, got <\(element.name)>", context)
            return
        }
        do {
            switch element.name {
            case "challenge":
                let response = try client.challenge(Base64.decode(element.text) ?? [])
                sasl = client
                send(BenchStanzas.response(response), context)
            case "success":
                let salted = try client.success(Base64.decode(element.text) ?? [])
                if let salted { shared.saltedPasswords.store(salted, for: shared.username(index)) }
                sasl = nil
                authenticated = true
                restartStream(context)
            default:
                let condition = element.elements.first?.name ?? element.name
                fail("authentication failed: \(condition)", context)
            }
        } catch {
            fail("authentication failed: \(error)", context)
        }
    }

    private func bound(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard element.name == "iq", element[attribute: "id"] == "bind" else { return }
        guard element[attribute: "type"] == "result" else {
            fail("resource binding refused", context)
            return
        }
        if options.fetchRoster {
            send(BenchStanzas.rosterGet, context)
            stage = .awaitingRoster
        } else {
            becomeAvailable(context)
        }
    }

    private func rosterReceived(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard element.name == "iq", element[attribute: "id"] == "roster" else {
            // Presence or pushes may come first; the session handler knows them.
            sessionStanza(element, context)
            return
        }
        guard element[attribute: "type"] == "result" else {
            fail("roster request refused", context)
            return
        }
        for item in element.child("query", namespace: XMLNamespace.roster)?.children("item", namespace: XMLNamespace.roster) ?? [] {
            updateRoster(item)
        }
        becomeAvailable(context)
    }

    private func becomeAvailable(_ context: ChannelHandlerContext) {
        send(BenchStanzas.initialPresence, context)
        stage = .ready
        ready.succeed()
    }

    private func restartStream(_ context: ChannelHandlerContext) {
        parser.reset()
        stage = .awaitingFeatures
        send(BenchStanzas.streamHeader(domain: shared.domain), context)
    }

    // MARK: Helpers

    func send(_ text: String, _ context: ChannelHandlerContext) {
        let buffer = context.channel.allocator.buffer(string: text)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func fail(_ reason: String, _ context: ChannelHandlerContext) {
        guard stage != .closed else { return }
        if stage == .ready { shared.recorder.unexpectedClose() }
        stage = .closed
        ready.fail(BenchLoginError(reason))
        context.close(promise: nil)
    }
}
