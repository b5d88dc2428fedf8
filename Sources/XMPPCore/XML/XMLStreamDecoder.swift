import NIOCore

/// `XMLStreamParser` as a NIO decoder, for `ByteToMessageHandler`.
public struct XMLStreamDecoder: NIOSingleStepByteToMessageDecoder {
    public typealias InboundOut = XMLStreamEvent

    public var parser: XMLStreamParser

    public init(limits: XMLStreamLimits = .init()) {
        self.parser = XMLStreamParser(limits: limits)
    }

    public init(parser: XMLStreamParser) {
        self.parser = parser
    }

    public mutating func decode(buffer: inout ByteBuffer) throws -> XMLStreamEvent? {
        try parser.next(from: &buffer)
    }

    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> XMLStreamEvent? {
        try parser.next(from: &buffer)
    }
}
