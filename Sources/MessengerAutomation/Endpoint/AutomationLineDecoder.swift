import NIOCore

/// One input line, or the news that a line was too long and was dropped.
/// Both ends of the socket split their input this way.
enum InputLine: Sendable {
    case line(ByteBuffer)
    case oversized
}

/// Splits the byte stream at `\n`. A line longer than `maximumLength` is
/// discarded up to its newline and reported once as `.oversized`, so the
/// client gets an error and the connection stays usable (automation-rpc.md, Limits).
struct AutomationLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = InputLine

    let maximumLength: Int
    private var discarding = false
    /// How far the current buffer was already searched for a newline.
    private var scanned = 0

    init(maximumLength: Int) {
        self.maximumLength = maximumLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view[view.startIndex.advanced(by: scanned)...].firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLength || discarding {
                // Too long already: drop what we have and wait for the newline.
                if !discarding { context.fireChannelRead(wrapInboundOut(.oversized)) }
                discarding = true
                buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
                scanned = 0
                return .needMoreData
            }
            scanned = buffer.readableBytes
            return .needMoreData
        }
        let length = newline - view.startIndex
        scanned = 0
        if discarding {
            discarding = false
            buffer.moveReaderIndex(forwardBy: length + 1)
            return .continue
        }
        guard length <= maximumLength, var line = buffer.readSlice(length: length) else {
            buffer.moveReaderIndex(forwardBy: length + 1)
            context.fireChannelRead(wrapInboundOut(.oversized))
            return .continue
        }
        buffer.moveReaderIndex(forwardBy: 1)
        // Tolerate CRLF from tools that write it.
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: length - 1) ?? line }
        context.fireChannelRead(wrapInboundOut(.line(line)))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        // A last line without its newline is still a request.
        if !discarding, buffer.readableBytes > 0, buffer.readableBytes <= maximumLength, let line = buffer.readSlice(length: buffer.readableBytes) {
            context.fireChannelRead(wrapInboundOut(.line(line)))
        }
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        return .needMoreData
    }
}
