import Logging
import NIOCore
import SIPCore

/// Parses each datagram; requests get `received`/`rport`, unparsable
/// requests a 400 when addressable.
final class DatagramInboundHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let continuation: AsyncStream<SIPReceivedMessage>.Continuation
    private let logger: Logger

    init(continuation: AsyncStream<SIPReceivedMessage>.Continuation, logger: Logger) {
        self.continuation = continuation
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = envelope.data.readableBytesView
        let source = SIPTransportAddress(.udp, envelope.remoteAddress)
        do {
            let message = try SIPMessageParser.parse(datagram: bytes)
            if let received = deliverable(message, source: source) { continuation.yield(received) }
        } catch {
            logger.debug("dropped an unparsable datagram", metadata: ["sip.peer": "\(source)", "sip.error": "\(error)"])
            guard let response = UnparsableRequestResponder.response(to: bytes, error: error),
                  let (host, port) = ViaRules.responseDestination(for: response),
                  let address = try? SocketAddress(ipAddress: host, port: port)
            else { return }
            let reply = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: SIPMessage.response(response).serialized()))
            context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
        }
    }
}

/// Delivers the messages `SIPMessageDecoder` frames on a TCP connection;
/// closes the connection on a framing error (the stream cannot be resynchronised).
final class StreamInboundHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = SIPMessage

    private let registry: ConnectionRegistry
    private let continuation: AsyncStream<SIPReceivedMessage>.Continuation
    private let logger: Logger

    init(registry: ConnectionRegistry, continuation: AsyncStream<SIPReceivedMessage>.Continuation, logger: Logger) {
        self.registry = registry
        self.continuation = continuation
        self.logger = logger
    }

    static func install(
        on channel: any Channel, registry: ConnectionRegistry,
        continuation: AsyncStream<SIPReceivedMessage>.Continuation, logger: Logger
    ) throws {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SIPMessageDecoder()))
        try channel.pipeline.syncOperations.addHandler(
            StreamInboundHandler(registry: registry, continuation: continuation, logger: logger))
    }

    func channelActive(context: ChannelHandlerContext) {
        registry.add(context.channel)
        context.fireChannelActive()
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { registry.add(context.channel) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        registry.remove(context.channel, remote: context.remoteAddress)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let remote = context.remoteAddress else { return }
        let source = SIPTransportAddress(.tcp, remote)
        if let received = deliverable(unwrapInboundIn(data), source: source) { continuation.yield(received) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.debug("closed a SIP stream after an error", metadata: ["sip.error": "\(error)"])
        context.close(promise: nil)
    }
}

/// Applies §18.2.1 to a request (a Via that cannot be stamped drops it).
private func deliverable(_ message: SIPMessage, source: SIPTransportAddress) -> SIPReceivedMessage? {
    guard case .request(var request) = message else { return SIPReceivedMessage(message: message, source: source) }
    do {
        try ViaRules.stampReceived(&request, source: source.address)
    } catch {
        return nil
    }
    return SIPReceivedMessage(message: .request(request), source: source)
}
