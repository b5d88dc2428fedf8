import Testing

@testable import XMPPCore

/// The parser copies runs of plain ASCII in one go. These tests hold it to
/// exactly what the per-character grammar does: the same events, the same
/// error at the same place, for valid stanzas and for thousands of damaged
/// ones, fed whole or in pieces, under the default and under tiny limits.
@Suite struct XMLStreamParserPlainRunTests {
    private static let stanzas = [
        "<message to='a@example.test/r' type='chat' id='m1'><body>Hello there, how are you? 1 > 0 ]</body></message>",
        "<presence from='b@example.test/phone'><show>away</show><status>In a meeting &amp; busy</status></presence>",
        "<iq type='result' id='roster'><query xmlns='jabber:iq:roster' ver='17'><item jid='c@example.test' subscription='both' name=\"Ann &quot;A&quot; B\"><group>Friends</group></item></query></iq>",
        "<message><body>caf\u{E9} \u{1F600} tab\there\r\nline two<![CDATA[ <raw> ]] ]]></body></message>",
        "<x:y xmlns:x='urn:x' x:a='1'\n   b = \"2\"><x:z/></x:y>",
    ]

    private static let limits = [
        XMLStreamLimits(),
        XMLStreamLimits(maxStanzaBytes: 120, maxAttributeValueBytes: 40, maxTextBytes: 12, maxNameBytes: 16),
    ]

    /// Where the fast path differs from the per-character one for `bytes`, or nil.
    private static func difference(_ bytes: [UInt8], limits: XMLStreamLimits, chunkSizes: [Int]) -> String? {
        let slow = XMLTestSupport.outcome(bytes, limits: limits, chunkSizes: [1], plainRuns: false)
        let fast = XMLTestSupport.outcome(bytes, limits: limits, chunkSizes: chunkSizes)
        guard fast.events != slow.events || fast.error != slow.error else { return nil }
        return "\(String(decoding: bytes, as: UTF8.self).debugDescription): \(String(describing: fast.error)) vs \(String(describing: slow.error))"
    }

    private static func expectSame(_ bytes: [UInt8], limits: XMLStreamLimits, chunkSizes: [Int]) {
        #expect(difference(bytes, limits: limits, chunkSizes: chunkSizes) == nil)
    }

    @Test func validStanzasGiveTheSameElements() throws {
        for limits in Self.limits {
            for stanza in Self.stanzas {
                let bytes = Array((XMLTestSupport.clientHeader + stanza + "</stream:stream>").utf8)
                for chunkSizes in [[Int.max], [1], [3, 7, 2], [64]] {
                    Self.expectSame(bytes, limits: limits, chunkSizes: chunkSizes)
                }
            }
        }
        // And the fast path really produced the stanzas (not two equal failures).
        let elements = try XMLTestSupport.stanzas(Self.stanzas[2])
        #expect(elements.first?.child("query", namespace: "jabber:iq:roster")?.child("item", namespace: "jabber:iq:roster")?[attribute: "name"] == "Ann \"A\" B")
    }

    @Test func damagedStanzasFailTheSameWay() async {
        // Bytes that matter to the grammar, and some that only look like they might.
        let alphabet: [[UInt8]] = [
            Array("<".utf8), Array(">".utf8), Array("&".utf8), Array("]".utf8), Array("'".utf8), Array("\"".utf8),
            Array("/".utf8), Array("=".utf8), Array(" ".utf8), [0x09], [0x0A], [0x0D], [0x00], [0x7F], [0xC3], [0xA9],
            Array("\u{E9}".utf8), Array("\u{1F600}".utf8), Array("a".utf8), Array(":".utf8), Array("-".utf8), Array("9".utf8),
            Array("&amp;".utf8), Array("]]>".utf8), Array("<![CDATA[".utf8), Array("</".utf8), Array("/>".utf8),
        ]
        var random = XMLTestSupport.SeededGenerator(state: 0x5EED_0F_2026)
        // Collected and checked once; yielding now and then (see JIDPlainASCIITests).
        var differences: [String] = []
        for round in 0..<2000 {
            if round % 50 == 0 { await Task.yield() }
            let stanza = Self.stanzas[round % Self.stanzas.count]
            var bytes = Array(stanza.utf8)
            for _ in 0..<(1 + round % 3) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                let insert = alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
                if Bool.random(using: &random), position < bytes.count {
                    bytes.replaceSubrange(position..<(position + 1), with: insert)
                } else {
                    bytes.insert(contentsOf: insert, at: position)
                }
            }
            let document = Array(XMLTestSupport.clientHeader.utf8) + bytes + Array("</stream:stream>".utf8)
            let chunkSizes = [Int.random(in: 1...40, using: &random), Int.max]
            if let difference = Self.difference(document, limits: Self.limits[round % 2], chunkSizes: chunkSizes) {
                differences.append(difference)
            }
        }
        #expect(differences == [])
    }

    @Test func limitsAreEnforcedAtTheSameByte() {
        let tight = Self.limits[1]
        let cases = [
            "<message><body>twelve chars</body></message>",  // exactly at maxTextBytes
            "<message><body>thirteen char</body></message>",  // one over
            "<a b='\(String(repeating: "v", count: 40))'/>",  // value at the limit
            "<a b='\(String(repeating: "v", count: 41))'/>",  // one over
            "<abcdefghijklmnop/>",  // name at the limit
            "<abcdefghijklmnopq/>",  // one over
            // More than the 120-byte stanza limit, in runs that each fit their own limit.
            "<a b='12345678'><c d='12345678'><e f='12345678'><g h='12345678'><i j='12345678'/></g></e></c></a>",
        ]
        for stanza in cases {
            let bytes = Array((XMLTestSupport.clientHeader + stanza).utf8)
            Self.expectSame(bytes, limits: tight, chunkSizes: [Int.max])
            Self.expectSame(bytes, limits: tight, chunkSizes: [5])
        }
        #expect(XMLTestSupport.outcome(Array((XMLTestSupport.clientHeader + cases[1]).utf8), limits: tight).error != nil)
        #expect(XMLTestSupport.outcome(Array((XMLTestSupport.clientHeader + cases[0]).utf8), limits: tight).error == nil)
    }
}
