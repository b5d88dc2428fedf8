import NIOCore

/// An incremental, bounded parser for the restricted XML of an XMPP stream (RFC 6120 §11).
///
/// Feed it bytes as they arrive; it consumes every byte it has looked at and keeps its
/// position in the grammar between calls, so drip-fed input costs the same as one big read.
/// Only the open depth-1 element (the stanza being received) is held in memory.
///
/// Unbound namespace prefixes are reported as `notWellFormed` (they break Namespaces in XML,
/// which RFC 6120 §4.9.3.13 files under not-well-formed); `invalidNamespace` is kept for a
/// stream root outside `http://etherx.jabber.org/streams`.
///
/// Attributes keep their names as written (`type`, `xml:lang`), except those with a prefix other
/// than `xml`, which are named `{namespace}localName` (see `XMLNamespaces.clarkName`) so that a
/// forwarded element still serializes to namespace-well-formed XML.
public struct XMLStreamParser: Sendable {
    public let limits: XMLStreamLimits

    // Byte layer.
    var utf8 = UTF8ScalarDecoder()
    var previousWasCarriageReturn = false
    var sawFirstScalar = false
    /// Bytes of the unit being read: the stream header, then each depth-1 element in turn.
    var unitBytes = 0

    // Markup layer.
    var state: State = .content
    var name: [UInt8] = []
    var attributeValue: [UInt8] = []
    var attributeQuote: UInt32 = 0
    var reference: [UInt8] = []
    var text: [UInt8] = []
    var closingBracketsInText = 0
    var declarationBody: [UInt8] = []
    var declarationAllowed = true

    // Start tag being read.
    var tagName: [UInt8] = []
    var tagAttributes: [PendingAttribute] = []

    // Document structure.
    var openElements: [OpenElement] = []
    var namespaceScopes: [String: [String]] = [XMLNamespaces.xmlPrefix: [XMLNamespaces.xml]]
    var rootOpened = false
    var rootClosed = false

    var pendingEvents: [XMLStreamEvent] = []
    /// Off only in tests that check the fast path against the per-character one.
    var usesPlainRuns = true
    var failure: XMLStreamParserError?

    public init(limits: XMLStreamLimits = .init()) {
        self.limits = limits
    }

    /// Returns the next complete event, or nil when more bytes are needed.
    /// Consumes processed bytes from `buffer`; bytes after a returned event stay in it
    /// (so that a stream restart can hand them to a fresh parser).
    /// Throws `XMLStreamParserError` on any violation, and keeps throwing it afterwards.
    public mutating func next(from buffer: inout ByteBuffer) throws(XMLStreamParserError) -> XMLStreamEvent? {
        if let failure { throw failure }
        if !pendingEvents.isEmpty { return pendingEvents.removeFirst() }
        let (consumed, error) = buffer.withUnsafeReadableBytes { bytes in self.consume(bytes) }
        buffer.moveReaderIndex(forwardBy: consumed)
        if let error {
            failure = error
            throw error
        }
        return pendingEvents.isEmpty ? nil : pendingEvents.removeFirst()
    }

    /// Forget everything (used at XMPP stream restarts after STARTTLS and SASL).
    public mutating func reset() {
        self = XMLStreamParser(limits: limits)
    }

    /// Reads bytes until one event is ready or the bytes run out; never throws so that
    /// the caller can move the reader index past exactly what was read.
    private mutating func consume(_ bytes: UnsafeRawBufferPointer) -> (consumed: Int, error: XMLStreamParserError?) {
        var index = 0
        while index < bytes.count {
            if let target = plainRunTarget {
                let run = Self.plainRunLength(bytes, from: index, into: target, limit: plainRunRoom(for: target))
                if run > 0 {
                    appendPlainRun(UnsafeRawBufferPointer(rebasing: bytes[index..<(index + run)]), into: target)
                    index += run
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            do throws(XMLStreamParserError) {
                try feed(byte)
            } catch {
                return (index, error)
            }
            if !pendingEvents.isEmpty { break }
        }
        return (index, nil)
    }

    private mutating func feed(_ byte: UInt8) throws(XMLStreamParserError) {
        try countByte()
        switch utf8.decode(byte) {
        case .needMore:
            return
        case .invalid:
            throw .notWellFormed("invalid UTF-8")
        case .scalar(let scalar):
            guard XMLCharacters.isAllowed(scalar) else {
                throw .notWellFormed("character \(XMLCharacters.describe(scalar)) is not allowed in XML")
            }
            if !sawFirstScalar {
                sawFirstScalar = true
                if scalar == 0xFEFF { return }  // a byte order mark
            }
            // XML 1.0 §2.11: CR LF and lone CR both become LF.
            if scalar == XMLCharacters.carriageReturn {
                previousWasCarriageReturn = true
                try dispatch(XMLCharacters.lineFeed)
                return
            }
            if scalar == XMLCharacters.lineFeed && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                return
            }
            previousWasCarriageReturn = false
            try dispatch(scalar)
        }
    }

    /// Counts a byte against the header or stanza budget; whitespace between stanzas is free.
    private mutating func countByte() throws(XMLStreamParserError) {
        if case .content = state, openElements.count == 1 || (openElements.isEmpty && rootClosed) {
            unitBytes = 0
        }
        unitBytes += 1
        if rootOpened {
            guard unitBytes <= limits.maxStanzaBytes else {
                throw .policyViolation("stanza larger than \(limits.maxStanzaBytes) bytes")
            }
        } else {
            guard unitBytes <= limits.maxStreamHeaderBytes else {
                throw .policyViolation("stream header larger than \(limits.maxStreamHeaderBytes) bytes")
            }
        }
    }
}

extension XMLStreamParser {
    struct PendingAttribute: Sendable {
        var name: String
        var value: String
    }

    struct OpenElement: Sendable {
        /// The name as written, prefix included, to match the end tag against.
        var qualifiedName: [UInt8]
        var element: XMLElement
        /// Prefixes this element bound ("" for the default namespace), to unbind at its end.
        var declaredPrefixes: [String]
    }
}
