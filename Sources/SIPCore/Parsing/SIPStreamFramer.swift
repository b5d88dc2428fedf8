/// Cuts SIP messages out of a byte stream (TCP, TLS): each message ends
/// after the number of body bytes its Content-Length names, which stream
/// transports must send (RFC 3261 §18.3). CRLFs between messages, such as
/// the RFC 5626 keep-alive "\r\n\r\n", are skipped.
///
/// A framing error cannot be recovered from on a stream: after `next()`
/// throws, the framer stays failed and the connection should be closed.
/// Memory is bounded by `limits.maxMessageSize` plus what one `append`
/// brings, provided the caller drains with `next()` after each append.
public struct SIPStreamFramer: Sendable {
    public let limits: SIPMessageParser.Limits
    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var failure: SIPParseError?

    public init(limits: SIPMessageParser.Limits = .default) {
        self.limits = limits
    }

    /// Bytes received and not yet returned as messages.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        if readIndex > 0 && readIndex >= buffer.count / 2 {
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, nil when more bytes are needed.
    public mutating func next() throws(SIPParseError) -> SIPMessage? {
        if let failure { throw failure }
        do {
            return try extract()
        } catch {
            failure = error
            buffer = []
            readIndex = 0
            throw error
        }
    }

    private mutating func extract() throws(SIPParseError) -> SIPMessage? {
        while readIndex < buffer.count, buffer[readIndex] == SIPCharacters.cr || buffer[readIndex] == SIPCharacters.lf {
            readIndex += 1
        }
        guard readIndex < buffer.count else { return nil }
        guard let headEnd = SIPMessageParser.findHeadEnd(buffer, from: readIndex, limit: limits.maxMessageSize) else {
            if buffer.count - readIndex >= limits.maxMessageSize {
                throw SIPParseError(.messageTooLarge, "headers exceed \(limits.maxMessageSize) bytes")
            }
            return nil
        }
        let head = try SIPMessageParser.parseHead(buffer[readIndex..<headEnd], limits: limits)
        guard let length = try head.headers.contentLength(limit: limits.maxMessageSize) else {
            throw SIPParseError(.missingContentLength, "Content-Length is required on stream transports")
        }
        let bodyStart = headEnd + 4
        guard bodyStart - readIndex + length <= limits.maxMessageSize else {
            throw SIPParseError(.messageTooLarge, "message exceeds \(limits.maxMessageSize) bytes")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        let message = head.message(body: Array(buffer[bodyStart..<(bodyStart + length)]))
        readIndex = bodyStart + length
        try SIPMessageValidator.validate(message)
        return message
    }
}
