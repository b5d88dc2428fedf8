import NIOCore
@testable import XMPPCore

/// Helpers shared by the XML stream tests.
enum XMLTestSupport {
    static let streamsNamespace = "http://etherx.jabber.org/streams"

    static let clientHeader =
        "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.test' version='1.0'>"

    /// Feeds `bytes` to a fresh parser in chunks of the given sizes (cycled), collecting every event.
    static func events(
        _ bytes: [UInt8],
        limits: XMLStreamLimits = .init(),
        chunkSizes: [Int] = [Int.max]
    ) throws(XMLStreamParserError) -> [XMLStreamEvent] {
        let result = outcome(bytes, limits: limits, chunkSizes: chunkSizes)
        if let error = result.error { throw error }
        return result.events
    }

    /// The events before the parser stopped, and the error it stopped at (nil when none).
    /// `plainRuns: false` turns off the fast path for plain ASCII runs.
    static func outcome(
        _ bytes: [UInt8],
        limits: XMLStreamLimits = .init(),
        chunkSizes: [Int] = [Int.max],
        plainRuns: Bool = true
    ) -> (events: [XMLStreamEvent], error: XMLStreamParserError?) {
        var parser = XMLStreamParser(limits: limits)
        parser.usesPlainRuns = plainRuns
        var events: [XMLStreamEvent] = []
        var offset = 0
        var chunkIndex = 0
        while offset < bytes.count {
            let size = min(chunkSizes[chunkIndex % chunkSizes.count], bytes.count - offset)
            chunkIndex += 1
            var buffer = ByteBuffer(bytes: bytes[offset..<(offset + size)])
            offset += size
            do {
                while let event = try parser.next(from: &buffer) {
                    events.append(event)
                }
            } catch {
                return (events, error)
            }
        }
        return (events, nil)
    }

    static func events(_ text: String, limits: XMLStreamLimits = .init()) throws(XMLStreamParserError) -> [XMLStreamEvent] {
        try events(Array(text.utf8), limits: limits)
    }

    /// The stanzas of a client stream whose body is `stanzas`.
    static func stanzas(_ stanzas: String) throws(XMLStreamParserError) -> [XMLElement] {
        self.stanzas(in: try events(clientHeader + stanzas))
    }

    static func stanzas(in events: [XMLStreamEvent]) -> [XMLElement] {
        events.compactMap { event in
            if case .stanza(let element) = event { element } else { nil }
        }
    }

    /// The error a parser throws for `bytes`, or nil when it throws none.
    static func error(_ bytes: [UInt8], limits: XMLStreamLimits = .init()) -> XMLStreamParserError? {
        do {
            _ = try events(bytes, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    /// A small deterministic generator so shuffled-chunk tests are repeatable.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }
}
