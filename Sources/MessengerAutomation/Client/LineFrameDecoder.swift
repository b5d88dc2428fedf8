import NIOCore

/// Splits the byte stream into `\n`-terminated lines (without the `\n`),
/// refusing any line longer than `maxLineLength` so a broken peer cannot
/// make us buffer without end. A partial line at end of stream is dropped.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    struct LineTooLong: Error, CustomStringConvertible {
        let maxLineLength: Int
        var description: String { "a line longer than \(maxLineLength) bytes" }
    }

    let maxLineLength: Int
    /// Bytes of the current partial line already searched for `\n`, so a
    /// long line arriving in many reads is scanned once.
    private var scanned = 0

    init(maxLineLength: Int) {
        self.maxLineLength = maxLineLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let bytes = buffer.readableBytesView
        let searchFrom = bytes.index(bytes.startIndex, offsetBy: min(scanned, bytes.count))
        guard let newline = bytes[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) else {
            scanned = bytes.count
            if scanned > maxLineLength { throw LineTooLong(maxLineLength: maxLineLength) }
            return .needMoreData
        }
        let length = newline - bytes.startIndex
        scanned = 0
        if length > maxLineLength { throw LineTooLong(maxLineLength: maxLineLength) }
        guard let line = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
