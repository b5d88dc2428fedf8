import NIOCore
import Testing
@testable import XMPPCore

@Suite("XML stream parser")
struct XMLStreamParserTests {
    typealias Support = XMLTestSupport

    static let clientStream = """
        <?xml version='1.0' encoding='UTF-8'?>
        <stream:stream to='example.test' xmlns='jabber:client' \
        xmlns:stream="http://etherx.jabber.org/streams" version='1.0' xml:lang='en'>
          <stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>\
        <mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>
        <message from='juliet@example.test/balcony' to='romeo@example.test' type='chat' id="m&amp;1">\
        <body>Wherefore &lt;art&gt; thou &amp; &quot;why&apos; &#x263A;&#9731; é</body></message>
        \t
        <iq type='get' id='r1'><query xmlns='jabber:iq:roster'><item jid='nurse@example.test'/></query></iq>
        <iq type='set' id='p1'><ps:pubsub xmlns:ps='http://jabber.org/protocol/pubsub'>\
        <ps:publish node='n'><item xmlns:x='jabber:x:data' x:type='form'/></ps:publish></ps:pubsub></iq>
        </stream:stream>
        """

    @Test func parsesRealisticClientStream() throws {
        let events = try Support.events(Self.clientStream)
        let root = XMLElement(
            name: "stream",
            namespace: Support.streamsNamespace,
            orderedAttributes: [
                .init(name: "to", value: "example.test"),
                .init(name: "version", value: "1.0"),
                .init(name: "xml:lang", value: "en"),
            ]
        )
        let sasl = "urn:ietf:params:xml:ns:xmpp-sasl"
        let features = XMLElement(
            name: "features", namespace: Support.streamsNamespace,
            children: [.element(XMLElement(name: "mechanisms", namespace: sasl, children: [
                .element(XMLElement(name: "mechanism", namespace: sasl, text: "SCRAM-SHA-1")),
            ]))]
        )
        let message = XMLElement(
            name: "message", namespace: "jabber:client",
            orderedAttributes: [
                .init(name: "from", value: "juliet@example.test/balcony"),
                .init(name: "to", value: "romeo@example.test"),
                .init(name: "type", value: "chat"),
                .init(name: "id", value: "m&1"),
            ],
            children: [.element(XMLElement(
                name: "body", namespace: "jabber:client", text: "Wherefore <art> thou & \"why' ☺☃ é"
            ))]
        )
        let roster = XMLElement(
            name: "iq", namespace: "jabber:client",
            orderedAttributes: [.init(name: "type", value: "get"), .init(name: "id", value: "r1")],
            children: [.element(XMLElement(name: "query", namespace: "jabber:iq:roster", children: [
                .element(XMLElement(name: "item", namespace: "jabber:iq:roster", attributes: ["jid": "nurse@example.test"])),
            ]))]
        )
        let pubsubNamespace = "http://jabber.org/protocol/pubsub"
        let publish = XMLElement(
            name: "iq", namespace: "jabber:client",
            orderedAttributes: [.init(name: "type", value: "set"), .init(name: "id", value: "p1")],
            children: [.element(XMLElement(name: "pubsub", namespace: pubsubNamespace, children: [
                .element(XMLElement(name: "publish", namespace: pubsubNamespace, attributes: ["node": "n"], children: [
                    // Unprefixed, so it keeps the default namespace declared on the stream root;
                    // its prefixed attribute carries its namespace in its name.
                    .element(XMLElement(name: "item", namespace: "jabber:client", attributes: ["{jabber:x:data}type": "form"])),
                ])),
            ]))]
        )
        #expect(events == [
            .streamOpen(root), .stanza(features), .stanza(message), .stanza(roster), .stanza(publish), .streamClose,
        ])
    }

    @Test func sameEventsWhateverTheChunking() throws {
        let bytes = Array(Self.clientStream.utf8)
        let whole = try Support.events(bytes)
        #expect(whole.count == 6)
        #expect(try Support.events(bytes, chunkSizes: [1]) == whole)
        var generator = Support.SeededGenerator(state: 42)
        for _ in 0..<20 {
            let sizes = (0..<16).map { _ in Int.random(in: 1...40, using: &generator) }
            #expect(try Support.events(bytes, chunkSizes: sizes) == whole)
        }
    }

    @Test func textKeepsCDATAAndNormalizesLineEnds() throws {
        let stanzas = try Support.stanzas("<message><body>a\r\nb\rc<![CDATA[<b>&]]]]>d</body></message>")
        #expect(stanzas.first?.child("body")?.children == [.text("a\nb\nc<b>&]]d")])
    }

    @Test func attributeWhitespaceIsNormalizedButReferencesAreKept() throws {
        let stanzas = try Support.stanzas("<message id='a\tb\nc' note=\"x&#x9;y&#10;z\"/>")
        #expect(stanzas.first?[attribute: "id"] == "a b c")
        #expect(stanzas.first?[attribute: "note"] == "x\ty\nz")
    }

    @Test func namespacesArePrefixedDefaultedAndUndeclared() throws {
        let stanzas = try Support.stanzas(
            "<p:x xmlns:p='urn:p'><p:y/><z/><w xmlns='urn:w'><v xmlns=''/></w></p:x><stream:error/>"
        )
        #expect(stanzas == [
            XMLElement(name: "x", namespace: "urn:p", children: [
                .element(XMLElement(name: "y", namespace: "urn:p")),
                .element(XMLElement(name: "z", namespace: "jabber:client")),
                .element(XMLElement(name: "w", namespace: "urn:w", children: [
                    .element(XMLElement(name: "v", namespace: nil)),
                ])),
            ]),
            XMLElement(name: "error", namespace: Support.streamsNamespace),
        ])
    }

    @Test func declarationsDoNotLeakToSiblings() throws {
        let input = Support.clientHeader + "<a xmlns:p='urn:p'/><p:b/>"
        #expect(Support.error(Array(input.utf8))?.kind == .notWellFormed)
    }

    @Test func selfClosingRootOpensAndClosesTheStream() throws {
        let events = try Support.events("<stream:stream xmlns:stream='http://etherx.jabber.org/streams'/>")
        #expect(events == [.streamOpen(XMLElement(name: "stream", namespace: Support.streamsNamespace)), .streamClose])
    }

    @Test func stopsRightAfterAnEventSoARestartGetsTheRest() throws {
        let tls = "urn:ietf:params:xml:ns:xmpp-tls"
        let rest = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
        var buffer = ByteBuffer(string: Support.clientHeader + "<proceed xmlns='\(tls)'/>" + rest)
        var parser = XMLStreamParser()
        guard case .streamOpen = try parser.next(from: &buffer) else {
            Issue.record("expected the stream header")
            return
        }
        #expect(try parser.next(from: &buffer) == .stanza(XMLElement(name: "proceed", namespace: tls)))
        #expect(buffer.readableBytes == rest.utf8.count)
        parser.reset()
        #expect(try parser.next(from: &buffer) == .streamOpen(XMLElement(name: "stream", namespace: Support.streamsNamespace)))
    }

    @Test func whitespaceKeepalivesProduceNothing() throws {
        var parser = XMLStreamParser()
        var buffer = ByteBuffer(string: Support.clientHeader)
        _ = try parser.next(from: &buffer)
        for _ in 0..<1000 {
            var keepalive = ByteBuffer(string: " \n")
            #expect(try parser.next(from: &keepalive) == nil)
            #expect(keepalive.readableBytes == 0)
        }
        var presence = ByteBuffer(string: "<presence/>")
        #expect(try parser.next(from: &presence) == .stanza(XMLElement(name: "presence", namespace: "jabber:client")))
    }

    @Test func byteOrderMarkAndBareDeclarationAreAccepted() throws {
        let input = [0xEF, 0xBB, 0xBF] + Array(("<?xml version=\"1.0\"?>" + Support.clientHeader).utf8)
        guard case .streamOpen(let root) = try Support.events(input).first else {
            Issue.record("expected the stream header")
            return
        }
        #expect(root[attribute: "to"] == "example.test")
    }

    @Test func fullXMLDeclarationIsAccepted() throws {
        let events = try Support.events("<?xml version=\"1.0\" encoding=\"utf-8\" standalone='yes' ?>\n" + Support.clientHeader)
        #expect(events.count == 1)
    }

    @Test func errorIsStickyAfterTheFirstViolation() throws {
        var parser = XMLStreamParser()
        var bad = ByteBuffer(string: Support.clientHeader + "<!-- hi -->")
        _ = try parser.next(from: &bad)
        #expect(throws: XMLStreamParserError(kind: .restrictedXML, message: "comments are not allowed")) {
            try parser.next(from: &bad)
        }
        var good = ByteBuffer(string: "<presence/>")
        #expect(throws: XMLStreamParserError(kind: .restrictedXML, message: "comments are not allowed")) {
            try parser.next(from: &good)
        }
    }

    @Test func largeStanzaDripFedByteByByte() throws {
        let body = String(repeating: "0123456789abcdé", count: 16 * 1024)  // 256 KiB of UTF-8
        let stanza = "<message><body>\(body)</body></message>"
        var limits = XMLStreamLimits()
        limits.maxStanzaBytes = stanza.utf8.count
        var parser = XMLStreamParser(limits: limits)
        var header = ByteBuffer(string: Support.clientHeader)
        _ = try parser.next(from: &header)
        let all = ByteBuffer(string: stanza)
        var events: [XMLStreamEvent] = []
        for index in 0..<all.readableBytes {
            var one = try #require(all.getSlice(at: index, length: 1))
            if let event = try parser.next(from: &one) { events.append(event) }
        }
        let expected = XMLElement(name: "message", namespace: "jabber:client", children: [
            .element(XMLElement(name: "body", namespace: "jabber:client", text: body)),
        ])
        #expect(events == [.stanza(expected)])
    }
}
