import NIOCore
import NIOTestUtils
import Testing
@testable import XMPPCore

@Suite("XML stream decoder (NIO)")
struct XMLStreamDecoderTests {
    /// A decoder that has already read the stream header, so the verifier can feed stanzas in any order.
    static func decoderAfterHeader() throws -> XMLStreamDecoder {
        var decoder = XMLStreamDecoder()
        var header = ByteBuffer(string: XMLTestSupport.clientHeader)
        let opened = try decoder.decode(buffer: &header)
        guard case .streamOpen = opened else { throw VerifierSetupError() }
        return decoder
    }

    struct VerifierSetupError: Error {}

    @Test func survivesDripFeedingAndShuffling() throws {
        let decoder = try Self.decoderAfterHeader()
        let message = XMLElement(
            name: "message", namespace: "jabber:client", attributes: ["to": "romeo@example.test"],
            children: [.element(XMLElement(name: "body", namespace: "jabber:client", text: "héllo ☃ 𝄞 & <bye>"))]
        )
        let presence = XMLElement(name: "presence", namespace: "jabber:client")
        let ping = XMLElement(
            name: "iq", namespace: "jabber:client", orderedAttributes: [.init(name: "type", value: "get")],
            children: [.element(XMLElement(name: "ping", namespace: "urn:xmpp:ping"))]
        )
        try ByteToMessageDecoderVerifier.verifyDecoder(
            stringInputOutputPairs: [
                ("<message to='romeo@example.test'><body>héllo ☃ 𝄞 &amp; &lt;bye&gt;</body></message>", [.stanza(message)]),
                (" \n ", []),
                ("<presence/>", [.stanza(presence)]),
                ("<iq type=\"get\"><ping xmlns='urn:xmpp:ping'/></iq>\r\n<presence></presence>", [.stanza(ping), .stanza(presence)]),
            ],
            decoderFactory: { decoder }
        )
    }

    @Test func decodeLastDeliversWhatIsCompleteThenReportsViolations() throws {
        var decoder = XMLStreamDecoder()
        var buffer = ByteBuffer(string: XMLTestSupport.clientHeader + "<presence/><!-- x -->")
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == .streamOpen(XMLElement(
            name: "stream", namespace: XMLTestSupport.streamsNamespace,
            orderedAttributes: [.init(name: "to", value: "example.test"), .init(name: "version", value: "1.0")]
        )))
        #expect(try decoder.decodeLast(buffer: &buffer, seenEOF: true) == .stanza(XMLElement(name: "presence", namespace: "jabber:client")))
        #expect(throws: XMLStreamParserError(kind: .restrictedXML, message: "comments are not allowed")) {
            try decoder.decodeLast(buffer: &buffer, seenEOF: true)
        }
    }
}
