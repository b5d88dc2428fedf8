import NIOCore

/// `SIPStreamFramer` as a NIO decoder for stream transports (TCP, TLS),
/// for `ByteToMessageHandler`: emits one `SIPMessage` per complete message.
///
/// Every read is handed to the framer, which keeps its own bounded buffer,
/// and every message it completes is passed on at once. Errors are those
/// of the framer (`SIPParseError`); after one the connection should be
/// closed. Closing the stream in the middle of a message is `bodyTruncated`.
public struct SIPMessageDecoder: ByteToMessageDecoder {
    public typealias InboundOut = SIPMessage

    private var framer: SIPStreamFramer

    public init(limits: SIPMessageParser.Limits = .default) {
        self.framer = SIPStreamFramer(limits: limits)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        framer.append(buffer.readableBytesView)
        buffer.moveReaderIndex(to: buffer.writerIndex)
        while let message = try framer.next() {
            context.fireChannelRead(wrapInboundOut(message))
        }
        return .needMoreData
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        if seenEOF, framer.bufferedByteCount > 0 {
            throw SIPParseError(.bodyTruncated, "stream ended inside a message (\(framer.bufferedByteCount) bytes)")
        }
        return .needMoreData
    }
}
