import Testing
@testable import XMPPCore

/// One hostile input and the exact error kind it must produce.
struct HostileInput: Sendable, CustomTestStringConvertible {
    var label: String
    var bytes: [UInt8]
    var limits: XMLStreamLimits = .init()
    var expected: XMLStreamParserError.Kind

    var testDescription: String { label }

    init(_ label: String, _ text: String, limits: XMLStreamLimits = .init(), _ expected: XMLStreamParserError.Kind) {
        self.init(label, Array(text.utf8), limits: limits, expected)
    }

    init(_ label: String, _ bytes: [UInt8], limits: XMLStreamLimits = .init(), _ expected: XMLStreamParserError.Kind) {
        self.label = label
        self.bytes = bytes
        self.limits = limits
        self.expected = expected
    }

    /// Input that opens a valid client stream first.
    static func inStream(_ label: String, _ body: String, limits: XMLStreamLimits = .init(), _ expected: XMLStreamParserError.Kind) -> Self {
        Self(label, XMLTestSupport.clientHeader + body, limits: limits, expected)
    }

    static func inStream(_ label: String, bytes: [UInt8], _ expected: XMLStreamParserError.Kind) -> Self {
        Self(label, Array(XMLTestSupport.clientHeader.utf8) + bytes, expected)
    }
}

@Suite("XML stream parser: hostile input")
struct XMLStreamParserHostileInputTests {
    static let smallLimits = XMLStreamLimits(
        maxStanzaBytes: 100, maxDepth: 4, maxAttributesPerElement: 4, maxAttributeValueBytes: 40,
        maxTextBytes: 20, maxNameBytes: 16, maxStreamHeaderBytes: 200
    )

    static let nested64 = String(repeating: "<a>", count: 64) + String(repeating: "</a>", count: 64)
    static let nested63 = "<message>" + String(repeating: "<a>", count: 62) + String(repeating: "</a>", count: 62) + "</message>"
    static let attributes65 = "<presence " + (0..<65).map { "a\($0)='x'" }.joined(separator: " ") + "/>"
    static let longAttribute = "<presence id='" + String(repeating: "x", count: 64 * 1024 + 1) + "'/>"
    static let hugeStanza = "<message><body>" + String(repeating: "x", count: 256 * 1024) + "</body></message>"

    /// The client header fits these small limits, so each small-limit case fails for its own reason.
    static let atSmallLimits = XMLTestSupport.clientHeader
        + "<message><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/><b/></message>"
        + "<a b='1' c='2' d='3' e='\(String(repeating: "v", count: 40))'/>"
        + "<a><b><c>\(String(repeating: "y", count: 20))</c></b></a>"
        + "<abcdefghijklmnop/>"

    static let cases: [HostileInput] = [
        // RFC 6120 §11.1 restricted XML.
        HostileInput("DOCTYPE before the root", "<?xml version='1.0'?><!DOCTYPE stream>" + XMLTestSupport.clientHeader, .restrictedXML),
        .inStream("ENTITY declaration", "<!ENTITY lol 'lol'>", .restrictedXML),
        HostileInput(
            "billion laughs DTD",
            "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'><!ENTITY lol2 '&lol;&lol;'>]><lolz>&lol2;</lolz>",
            .restrictedXML
        ),
        .inStream("billion laughs reference without a DTD", "<message><body>&lol9;</body></message>", .restrictedXML),
        .inStream("undefined entity", "<message><body>&foo;</body></message>", .restrictedXML),
        .inStream("undefined entity in an attribute", "<message id='&nbsp;'/>", .restrictedXML),
        .inStream("comment between stanzas", "<!-- hi -->", .restrictedXML),
        .inStream("comment inside a stanza", "<message><!-- hi --></message>", .restrictedXML),
        .inStream("processing instruction", "<?php echo 1; ?>", .restrictedXML),
        HostileInput("processing instruction before the root", "<?xml-stylesheet href='a'?>" + XMLTestSupport.clientHeader, .restrictedXML),
        .inStream("XML declaration inside the stream", "<?xml version='1.0'?>", .restrictedXML),

        // Well-formedness.
        .inStream("mismatched end tag", "<message><body></message></body>", .notWellFormed),
        .inStream("end tag with another prefix", "<p:x xmlns:p='u' xmlns:q='u'></q:x>", .notWellFormed),
        .inStream("duplicate attribute", "<message id='1' id='2'/>", .notWellFormed),
        .inStream("duplicate attribute through two prefixes", "<x xmlns:a='u' xmlns:b='u' a:k='1' b:k='2'/>", .notWellFormed),
        .inStream("unbound element prefix", "<foo:message/>", .notWellFormed),
        .inStream("unbound attribute prefix", "<message foo:id='1'/>", .notWellFormed),
        .inStream("'<' in an attribute value", "<message id='a<b'/>", .notWellFormed),
        .inStream("unquoted attribute value", "<message id=1/>", .notWellFormed),
        .inStream("attributes without whitespace between", "<message a='1'b='2'/>", .notWellFormed),
        .inStream("NUL character reference", "<message><body>&#0;</body></message>", .notWellFormed),
        .inStream("control character reference", "<message id='&#x1B;'/>", .notWellFormed),
        .inStream("raw control character", "<message><body>\u{01}</body></message>", .notWellFormed),
        .inStream("unterminated character reference", "<message><body>&#12 </body></message>", .notWellFormed),
        .inStream("character reference with no digits", "<message><body>&#x;</body></message>", .notWellFormed),
        .inStream("character reference beyond Unicode", "<message><body>&#x110000;</body></message>", .notWellFormed),
        .inStream("bare ampersand", "<message><body>a & b</body></message>", .notWellFormed),
        .inStream("']]>' in text", "<message><body>a]]>b</body></message>", .notWellFormed),
        .inStream("bad character in an element name", "<mess@ge/>", .notWellFormed),
        .inStream("two colons in a name", "<a:b:c xmlns:a='u'/>", .notWellFormed),
        .inStream("name starting with a digit", "<1message/>", .notWellFormed),
        .inStream("binding a prefix to nothing", "<x xmlns:p=''/>", .notWellFormed),
        .inStream("rebinding xml", "<x xmlns:xml='urn:other'/>", .notWellFormed),
        .inStream("second root after the stream ends", "</stream:stream><stream:stream>", .notWellFormed),
        .inStream("text after the stream ends", "</stream:stream>junk", .notWellFormed),
        HostileInput("text before the root", "hello" + XMLTestSupport.clientHeader, .notWellFormed),
        HostileInput("end tag before the root", "</stream:stream>", .notWellFormed),
        .inStream("invalid UTF-8", bytes: Array("<message><body>".utf8) + [0xC3, 0x28], .notWellFormed),
        .inStream("overlong UTF-8", bytes: Array("<message><body>".utf8) + [0xC0, 0xBC], .notWellFormed),
        .inStream("UTF-8 surrogate", bytes: Array("<message><body>".utf8) + [0xED, 0xA0, 0x80], .notWellFormed),
        .inStream("stray UTF-8 continuation byte", bytes: Array("<message id='".utf8) + [0x80], .notWellFormed),
        .inStream("U+FFFE", bytes: Array("<message><body>".utf8) + [0xEF, 0xBF, 0xBE], .notWellFormed),

        // Not an XMPP stream.
        HostileInput("root in the wrong namespace", "<stream:stream xmlns:stream='urn:not-streams'>", .invalidNamespace),
        HostileInput("root without a namespace", "<stream>", .invalidNamespace),
        HostileInput("root that is not stream", "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>", .badFormat),
        .inStream("text between stanzas", "<presence/>hello", .badFormat),
        HostileInput("XML declaration without a version", "<?xml encoding='UTF-8'?>", .notWellFormed),
        HostileInput("XML declaration with junk", "<?xml version='1.0' a='1' b='2' c='3'?>", .notWellFormed),
        HostileInput("two XML declarations", "<?xml version='1.0'?><?xml version='1.0'?>", .restrictedXML),
        HostileInput("encoding other than UTF-8", "<?xml version='1.0' encoding='ISO-8859-1'?>", .badFormat),

        // Limits.
        .inStream("oversized stanza, small limit", "<message>" + String(repeating: "<b/>", count: 25) + "</message>",
                  limits: smallLimits, .policyViolation),
        .inStream("oversized stanza, default limit", hugeStanza, .policyViolation),
        .inStream("too deep, default limit", nested64, .policyViolation),
        .inStream("too deep, small limit", "<a><b><c><d/></c></b></a>", limits: smallLimits, .policyViolation),
        .inStream("too many attributes, default limit", attributes65, .policyViolation),
        .inStream("too many attributes, small limit", "<a b='1' c='2' d='3' e='4' f='5'/>", limits: smallLimits, .policyViolation),
        .inStream("attribute too long, default limit", longAttribute, .policyViolation),
        .inStream("attribute too long, small limit", "<a b='\(String(repeating: "v", count: 41))'/>", limits: smallLimits, .policyViolation),
        .inStream("text run too long", "<a>" + String(repeating: "y", count: 21) + "</a>", limits: smallLimits, .policyViolation),
        .inStream("name too long", "<abcdefghijklmnopq/>", limits: smallLimits, .policyViolation),
        HostileInput("stream header too long", "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='"
            + String(repeating: "h", count: 17 * 1024) + "'>", .policyViolation),
    ]

    @Test(arguments: cases)
    func rejectsWithTheExactKind(_ input: HostileInput) {
        #expect(XMLTestSupport.error(input.bytes, limits: input.limits)?.kind == input.expected)
    }

    @Test(arguments: [
        XMLTestSupport.clientHeader + nested63,
        XMLTestSupport.clientHeader + "<presence " + (0..<64).map { "a\($0)='x'" }.joined(separator: " ") + "/>",
        XMLTestSupport.clientHeader + "<presence id='" + String(repeating: "x", count: 64 * 1024) + "'/>",
    ])
    func acceptsInputRightAtTheDefaultLimits(_ input: String) throws {
        let events = try XMLTestSupport.events(input)
        #expect(events.count == 2)
    }

    @Test func acceptsInputRightAtTheSmallLimits() throws {
        let events = try XMLTestSupport.events(Self.atSmallLimits, limits: Self.smallLimits)
        #expect(events.count == 5)
    }

    @Test func messageSaysWhatWasWrong() {
        let input = XMLTestSupport.clientHeader + "<message><body>&foo;</body></message>"
        let error = XMLTestSupport.error(Array(input.utf8))
        #expect(error?.description == "restricted-xml: undefined entity '&foo;' (only &lt; &gt; &amp; &quot; &apos; are allowed)")
    }
}
