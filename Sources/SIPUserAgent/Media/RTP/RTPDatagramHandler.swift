import NIOCore

/// Passes each datagram's bytes to the session's receive loop, dropping
/// oversized ones here. The loop does the parsing and file writing, off the
/// event loop; the session ends it when it stops.
final class RTPDatagramHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    /// Big enough that a datagram over the limit is seen whole rather than
    /// cut to a size that passes.
    static let receiveBufferSize = 2_048

    private let continuation: AsyncStream<RTPAudioSession.Event>.Continuation

    init(continuation: AsyncStream<RTPAudioSession.Event>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.data.readableBytes <= RTPAudioReceiver.maximumDatagramSize else { return }
        continuation.yield(.datagram(Array(envelope.data.readableBytesView)))
    }

    /// ICMP errors surface as read errors on UDP; they do not end the call.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {}
}
