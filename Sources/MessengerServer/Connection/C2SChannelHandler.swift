import NIOCore
import NIOSSL
import XMPPCore

/// The transport half of a client stream, confined to its event loop:
/// bytes → XML events, STARTTLS, stream restarts, backpressure, timeouts.
/// The protocol half (`C2SStream`) gets the events strictly in order through
/// a `C2SEventDriver`.
///
/// Before the session is bound, exactly one event is parsed at a time and
/// parsing waits for the task to finish it: a stream restart (after TLS or
/// SASL success) must reset the parser before the next byte is read. After
/// binding, stanzas are parsed ahead up to a bounded queue.
final class C2SChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let context: ServerContext
    private let sslContext: NIOSSLContext
    private let connections: ConnectionTracker
    private let executors: EventLoopTaskExecutors?
    private var parser: XMLStreamParser
    private var buffer: ByteBuffer = ByteBuffer()
    private var driver: C2SEventDriver?
    private var inFlight = 0
    private var bound = false
    private var closing = false
    private var streamHeaderSent = false
    private var readPaused = false
    private var handshakeTimeout: Scheduled<Void>?
    private var channelContext: ChannelHandlerContext?
    private var rateLimiter: ConnectionRateLimiter
    private static let noBytes = ByteBuffer()

    init(context: ServerContext, sslContext: NIOSSLContext, connections: ConnectionTracker, executors: EventLoopTaskExecutors? = nil) {
        self.context = context
        self.sslContext = sslContext
        self.connections = connections
        self.executors = executors
        self.parser = XMLStreamParser(limits: context.configuration.xmlLimits)
        self.rateLimiter = ConnectionRateLimiter(
            limits: context.configuration.rateLimits, nowNanoseconds: NIODeadline.now().uptimeNanoseconds)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channelContext = context
    }

    /// The context holds this handler: keeping it after removal is a cycle
    /// that kept every closed connection's handler, parser and buffers alive.
    func handlerRemoved(context: ChannelHandlerContext) {
        channelContext = nil
        handshakeTimeout?.cancel()
        handshakeTimeout = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        connections.add(context.channel)
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let bridge = C2SBridge(handler: handler, channel: context.channel)
        driver = C2SEventDriver(
            stream: C2SStream(context: self.context, bridge: bridge), executor: executors?.executor(for: context.eventLoop))
        let seconds = self.context.configuration.handshakeTimeoutSeconds
        handshakeTimeout = context.eventLoop.scheduleTask(in: .seconds(seconds)) {
            handler.value.fail(StreamError(.connectionTimeout, text: "authentication took too long"))
        }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshakeTimeout?.cancel()
        connections.remove(context.channel)
        // The driver reaches back to this handler: let go of it here.
        driver?.connectionClosed()
        driver = nil
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        guard !closing else { return }
        if let violation = rateLimiter.received(bytes: bytes.readableBytes, nowNanoseconds: NIODeadline.now().uptimeNanoseconds) {
            fail(violation)
            return
        }
        if buffer.readableBytes == 0 {
            buffer = bytes  // the usual case: no copy
        } else {
            buffer.writeBuffer(&bytes)
        }
        parseAvailable()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            fail(StreamError(.connectionTimeout, text: "no traffic"))
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // TLS failures and resets end the connection; nothing to tell the peer.
        self.context.logger.debug("c2s connection error", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    // MARK: Parsing

    private func parseAvailable() {
        let limit = bound ? context.configuration.maxQueuedStanzasPerConnection : 1
        while !closing, inFlight < limit, let driver {
            let event: XMLStreamEvent?
            do {
                event = try parser.next(from: &buffer)
            } catch {
                fail(StreamError(parserError: error))
                return
            }
            guard let event else { break }
            if bound, case .stanza = event,
                let violation = rateLimiter.receivedStanza(nowNanoseconds: NIODeadline.now().uptimeNanoseconds)
            {
                fail(violation)
                return
            }
            inFlight += 1
            driver.deliver(event)
        }
        if buffer.readableBytes == 0 {
            // An idle session keeps no read buffer: at 19,000 sessions the
            // largest read each one ever had would add up to tens of MiB.
            buffer = Self.noBytes
        } else {
            buffer.discardReadBytes()
        }
        // Stop reading from the socket while a full stanza's worth is waiting.
        let shouldPause = buffer.readableBytes > context.configuration.xmlLimits.maxStanzaBytes
        if shouldPause != readPaused, let channel = channelContext?.channel {
            readPaused = shouldPause
            channel.setOption(ChannelOptions.autoRead, value: !shouldPause).whenFailure { _ in }
        }
    }

    // MARK: Called by the stream task (through C2SBridge, on the event loop)

    /// The task finished one event. `restart` begins a new stream (SASL success).
    func eventDone(restart: Bool) {
        inFlight -= 1
        if restart {
            parser.reset()
            streamHeaderSent = false
        }
        parseAvailable()
    }

    func headerSent() { streamHeaderSent = true }

    /// RFC 6120 §5.4.3.3: `<proceed/>`, then TLS from the very next byte.
    func startTLS() throws {
        guard let channelContext else { return }
        guard buffer.readableBytes == 0 else {
            throw StreamError(.policyViolation, text: "data sent after <starttls/> before <proceed/>")
        }
        let proceed = XMLElement(name: "proceed", namespace: XMLNamespace.tls)
        channelContext.writeAndFlush(wrapOutboundOut(channelContext.channel.allocator.buffer(string: proceed.serialized())), promise: nil)
        channelContext.triggerUserOutboundEvent(FlushCoalescer.FlushNow(), promise: nil)
        let tls = NIOSSLServerHandler(context: sslContext)
        try channelContext.pipeline.syncOperations.addHandler(tls, position: .first)
        parser.reset()
        streamHeaderSent = false
        inFlight -= 1
        parseAvailable()
    }

    func sessionBound() {
        bound = true
        rateLimiter.sessionBound(nowNanoseconds: NIODeadline.now().uptimeNanoseconds)
        handshakeTimeout?.cancel()
        handshakeTimeout = nil
    }

    /// Ends the stream with an error: header first if none was sent yet (RFC 6120 §4.9.1.1).
    func fail(_ error: StreamError) {
        guard !closing, let channelContext else { return }
        closing = true
        var text = ""
        if !streamHeaderSent {
            text += C2SStream.header(domain: context.domain.description, to: nil)
        }
        text += error.element.serialized(defaultNamespace: XMLNamespace.client) + "</stream:stream>"
        context.logger.debug("closing c2s stream", metadata: ["xmpp.condition": "\(error.condition.rawValue)"])
        let channel = channelContext.channel
        // Stop reading, then give the client a moment to read the error before
        // closing: closing with its unread flood in our socket sends a TCP reset,
        // which can discard the error it has not read yet.
        channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in }
        channelContext.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(string: text)), promise: nil)
        // Timed from here, not from the write's completion: a client that
        // never reads keeps that write pending forever, and with reading off
        // nothing else would ever close its socket.
        channel.eventLoop.scheduleTask(in: Self.lingerAfterStreamError) { channel.close(promise: nil) }
    }

    /// How long a stream ended by an error stays open, not reading, before it is closed.
    static let lingerAfterStreamError: TimeAmount = .seconds(1)

    /// The client closed its stream: close ours (RFC 6120 §4.4).
    func finish() {
        guard !closing, let channelContext else { return }
        closing = true
        let channel = channelContext.channel
        channelContext.writeAndFlush(wrapOutboundOut(channel.allocator.buffer(string: "</stream:stream>"))).whenComplete { _ in
            channel.close(promise: nil)
        }
    }
}
