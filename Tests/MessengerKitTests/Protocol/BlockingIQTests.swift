@testable import MessengerKit
import Testing
import XMPPCore

@Suite("BlockingIQ")
struct BlockingIQTests {
    static let account = "alice@example.test/desk"
    static let ns = "xmlns='urn:xmpp:blocking'"

    @Test("requests on the wire")
    func requests() throws {
        let jids = [try JID("bob@example.test"), try JID("spam.test")]
        #expect(WireXML.text(BlockingIQ.get()) == "<iq type='get'><blocklist \(Self.ns)/></iq>")
        #expect(WireXML.text(BlockingIQ.block(jids))
            == "<iq type='set'><block \(Self.ns)><item jid='bob@example.test'/><item jid='spam.test'/></block></iq>")
        #expect(WireXML.text(BlockingIQ.unblock(jids))
            == "<iq type='set'><unblock \(Self.ns)><item jid='bob@example.test'/><item jid='spam.test'/></unblock></iq>")
        #expect(WireXML.text(BlockingIQ.unblock([])) == "<iq type='set'><unblock \(Self.ns)/></iq>")
    }

    @Test("the block list")
    func blocklist() throws {
        let iq = try WireXML.stanza("""
            <iq type='result'><blocklist \(Self.ns)><item jid='Bob@example.test'/><item jid='bob@example.test'/>\
            <item/><item jid='x@'/><item jid='spam.test'/></blocklist></iq>
            """)
        #expect(BlockingIQ.parseBlocklist(iq) == [try JID("bob@example.test"), try JID("spam.test")])
        #expect(BlockingIQ.parseBlocklist(try WireXML.stanza("<iq type='result'><blocklist \(Self.ns)/></iq>")) == [])
        #expect(BlockingIQ.parseBlocklist(try WireXML.stanza("<iq type='result'/>")) == nil)
        #expect(BlockingIQ.parseBlocklist(try WireXML.stanza("<iq type='error'><blocklist \(Self.ns)/></iq>")) == nil)
    }

    @Test("pushes", arguments: [
        ("<iq type='set'><block \(ns)><item jid='bob@example.test'/></block></iq>", BlockingIQ.BlockingPush.blocked([try JID("bob@example.test")])),
        ("<iq type='set' from='alice@example.test'><unblock \(ns)><item jid='bob@example.test'/><item jid='??@'/></unblock></iq>",
         .unblocked([try JID("bob@example.test")])),
        ("<iq type='set'><unblock \(ns)/></iq>", .unblockedAll),
        // Never "unblock everyone" because the items were unreadable.
        ("<iq type='set'><unblock \(ns)><item jid='x@'/></unblock></iq>", nil),
        ("<iq type='set'><unblock \(ns)><item/></unblock></iq>", nil),
        ("<iq type='set'><block \(ns)/></iq>", nil),
        ("<iq type='set' from='mallory@example.test'><unblock \(ns)/></iq>", nil),
        ("<iq type='set' from='alice@example.test/desk'><unblock \(ns)/></iq>", nil),
        ("<iq type='result'><unblock \(ns)/></iq>", nil),
        ("<iq type='set'><unblock/></iq>", nil),
        ("<iq type='set'><query xmlns='jabber:iq:roster'/></iq>", nil),
    ] as [(String, BlockingIQ.BlockingPush?)])
    func push(xml: String, expected: BlockingIQ.BlockingPush?) throws {
        #expect(BlockingIQ.parsePush(try WireXML.stanza(xml), account: try JID(Self.account)) == expected)
    }
}
