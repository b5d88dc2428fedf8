import Foundation
@testable import MessengerKit
import Testing
import XMPPCore

@Suite("ChatMessage")
struct ChatMessageTests {
    @Test("message types", arguments: [
        ("", ChatMessage.Kind.normal),
        (" type='chat'", .chat),
        (" type='normal'", .normal),
        (" type='headline'", .headline),
        (" type='groupchat'", .groupchat),
        (" type='error'", .error),
        (" type='shout'", .normal),
    ])
    func kind(attribute: String, expected: ChatMessage.Kind) throws {
        let message = try #require(ChatMessage(element: try WireXML.stanza("<message\(attribute)><body>hi</body></message>")))
        #expect(message.kind == expected)
    }

    @Test("an inbound chat")
    func inbound() throws {
        let element = try WireXML.stanza("""
            <message from='Bob@example.test/phone' to='alice@example.test' type='chat'>\
            <body>one &lt;two&gt;</body><body xml:lang='fr'>un</body><thread>t-1</thread>\
            <page xmlns='urn:xmpp:communicator:page:0'/></message>
            """)
        let message = try #require(ChatMessage(element: element))
        #expect(message.from == (try JID("bob@example.test/phone")))
        #expect(message.to == (try JID("alice@example.test")))
        #expect(message.body == "one <two>")
        #expect(message.thread == "t-1")
        #expect(message.delayedUntil == nil)
        // Only a headline is a page.
        #expect(!message.isPage)
    }

    @Test("what is not a message")
    func rejected() throws {
        #expect(ChatMessage(element: try WireXML.stanza("<presence/>")) == nil)
        #expect(ChatMessage(element: try WireXML.stanza("<message from='@example.test'><body>x</body></message>")) == nil)
        #expect(ChatMessage(element: try WireXML.stanza("<message to='a@b@c'><body>x</body></message>")) == nil)
        #expect(ChatMessage(element: XMLElement(name: "message", namespace: "urn:other")) == nil)
        let bare = try #require(ChatMessage(element: try WireXML.stanza("<message/>")))
        #expect(bare.from == nil && bare.body == nil && bare.thread == nil)
    }

    @Test("a chat survives the wire")
    func chatRoundTrip() throws {
        let bob = try JID("bob@example.test")
        let stanza = ChatMessage.chat(to: bob, body: "a < b & c", thread: "t-9", id: "m1-7")
        #expect(WireXML.text(stanza)
            == "<message to='bob@example.test' type='chat' id='m1-7'><body>a &lt; b &amp; c</body><thread>t-9</thread></message>")
        #expect(WireXML.text(ChatMessage.chat(to: bob, body: "hi", thread: nil, id: "m1-8"))
            == "<message to='bob@example.test' type='chat' id='m1-8'><body>hi</body></message>")
        let message = try #require(ChatMessage(element: try WireXML.roundTrip(stanza)))
        var expected = ChatMessage(to: bob, kind: .chat, body: "a < b & c", thread: "t-9")
        expected.id = "m1-7"
        #expect(message == expected)
    }

    @Test("a page survives the wire")
    func pageRoundTrip() throws {
        let stanza = ChatMessage.page(to: try JID("bob@example.test"), body: "Call me", id: "page-1")
        #expect(WireXML.text(stanza) == """
            <message to='bob@example.test' type='headline' id='page-1'><body>Call me</body><page xmlns='urn:xmpp:communicator:page:0'/></message>
            """)
        let message = try #require(ChatMessage(element: try WireXML.roundTrip(stanza)))
        #expect(message.isPage)
        #expect(message.kind == .headline)
        #expect(message.body == "Call me")
        // A headline without our element is an ordinary headline.
        #expect(ChatMessage(element: try WireXML.stanza("<message type='headline'><body>News</body></message>"))?.isPage == false)
    }

    @Test("a delayed message")
    func delayed() throws {
        let element = try WireXML.stanza("""
            <message from='bob@example.test' type='chat'><body>late</body>\
            <delay xmlns='urn:xmpp:delay' from='example.test' stamp='2002-09-10T23:08:25.5Z'/></message>
            """)
        #expect(ChatMessage(element: element)?.delayedUntil == Date(timeIntervalSince1970: 1_031_699_305.5))
        let garbage = try WireXML.stanza("<message><delay xmlns='urn:xmpp:delay' stamp='yesterday'/></message>")
        #expect(ChatMessage(element: garbage)?.delayedUntil == nil)
        // The legacy XEP-0091 element is not read.
        let legacy = try WireXML.stanza("<message><delay stamp='2002-09-10T23:08:25Z'/></message>")
        #expect(ChatMessage(element: legacy)?.delayedUntil == nil)
    }

    @Test("the stamps our server writes are read back to the millisecond")
    func serverStamps() throws {
        let sent = Date(timeIntervalSince1970: 1_700_000_123.456)
        let stamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true).format(sent)
        let read = try #require(XMPPDateTime.date(from: stamp))
        #expect(abs(read.timeIntervalSince(sent)) < 0.001)
    }
}
