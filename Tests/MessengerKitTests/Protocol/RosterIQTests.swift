@testable import MessengerKit
import Testing
import XMPPCore

@Suite("RosterIQ")
struct RosterIQTests {
    static let account = "alice@example.test/desk"

    @Test("requests on the wire")
    func requests() throws {
        let bob = try JID("bob@example.test")
        #expect(WireXML.text(RosterIQ.get(version: nil)) == "<iq type='get'><query xmlns='jabber:iq:roster'/></iq>")
        #expect(WireXML.text(RosterIQ.get(version: "v7")) == "<iq type='get'><query xmlns='jabber:iq:roster' ver='v7'/></iq>")
        #expect(WireXML.text(RosterIQ.get(version: "")) == "<iq type='get'><query xmlns='jabber:iq:roster' ver=''/></iq>")

        let entry = RosterEntry(jid: bob, name: "Bob & co", subscription: .both, isPendingOut: true, groups: ["Work", "Friends"])
        #expect(WireXML.text(RosterIQ.set(entry)) == """
            <iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@example.test' name='Bob &amp; co'>\
            <group>Work</group><group>Friends</group></item></query></iq>
            """)
        #expect(WireXML.text(RosterIQ.set(RosterEntry(jid: bob))) == """
            <iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@example.test'/></query></iq>
            """)
        #expect(WireXML.text(RosterIQ.remove(bob)) == """
            <iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@example.test' subscription='remove'/></query></iq>
            """)
    }

    @Test("an entry survives the wire")
    func entryRoundTrip() throws {
        let entry = RosterEntry(jid: try JID("carol@example.test"), name: "Carol", groups: ["A", "B"])
        let received = try WireXML.roundTrip(RosterIQ.set(entry))
        let item = try #require(received.child("query", namespace: XMLNamespace.roster)?.child("item"))
        #expect(RosterEntry(element: item) == entry)
    }

    @Test("a roster result")
    func result() throws {
        let longName = String(repeating: "n", count: 1024)
        let iq = try WireXML.stanza("""
            <iq type='result' id='r1'><query xmlns='jabber:iq:roster' ver='v3'>
            <item jid='Bob@Example.test' name='Bob' subscription='both'><group>Work</group><group>Work</group><group/><group>Golf</group></item>
            <item name='no jid' subscription='both'/>
            <item jid='a@b@c' subscription='both'/>
            <item jid='carol@example.test' subscription='none' ask='subscribe'/>
            <item jid='dave@example.test' subscription='sideways' ask='unsubscribe' name=''/>
            <item jid='bob@example.test' name='Bob again'/>
            <item jid='eve@example.test' subscription='remove'/>
            <item jid='frank@example.test' subscription='from' name='\(longName)'/>
            </query></iq>
            """)
        let snapshot = try #require(RosterIQ.parseResult(iq))
        #expect(snapshot.version == "v3")
        #expect(snapshot.entries == [
            RosterEntry(jid: try JID("bob@example.test"), name: "Bob", subscription: .both, groups: ["Work", "Golf"]),
            RosterEntry(jid: try JID("carol@example.test"), isPendingOut: true),
            RosterEntry(jid: try JID("dave@example.test")),
            RosterEntry(jid: try JID("frank@example.test"), subscription: .from),
        ])
    }

    @Test("a name of 1023 characters is kept, groups stop at 64")
    func bounds() throws {
        let name = String(repeating: "é", count: 1023)
        let groups = (1...100).map { "<group>g\($0)</group>" }.joined()
        let item = try WireXML.stanza("<iq><query xmlns='jabber:iq:roster'><item jid='bob@example.test' name='\(name)'>\(groups)</item></query></iq>")
            .child("query", namespace: XMLNamespace.roster)?.child("item", namespace: XMLNamespace.roster)
        let element = try #require(item)
        let entry = try #require(RosterEntry(element: element))
        #expect(entry.name == name)
        #expect(entry.groups == (1...64).map { "g\($0)" })
    }

    @Test("unchanged, empty and foreign results")
    func otherResults() throws {
        // XEP-0237: an empty result means the cached roster is current.
        #expect(RosterIQ.parseResult(try WireXML.stanza("<iq type='result' id='r1'/>")) == RosterSnapshot(entries: nil, version: nil))
        #expect(RosterIQ.parseResult(try WireXML.stanza("<iq type='result'><query xmlns='jabber:iq:roster' ver='v9'/></iq>"))
            == RosterSnapshot(entries: [], version: "v9"))
        #expect(RosterIQ.parseResult(try WireXML.stanza("<iq type='error'><query xmlns='jabber:iq:roster'/></iq>")) == nil)
        #expect(RosterIQ.parseResult(try WireXML.stanza("<iq type='set'><query xmlns='jabber:iq:roster'/></iq>")) == nil)
        #expect(RosterIQ.parseResult(try WireXML.stanza("<message type='result'/>")) == nil)
    }

    @Test("who may push", arguments: [
        (nil, true),
        ("alice@example.test", true),
        ("ALICE@Example.test", true),
        ("alice@example.test/desk", false),
        ("example.test", false),
        ("mallory@example.test", false),
        ("mallory@evil.test/alice@example.test", false),
        ("not a jid@", false),
    ] as [(String?, Bool)])
    func pushSender(from: String?, accepted: Bool) throws {
        let fromAttribute = from.map { " from='\($0)'" } ?? ""
        let iq = try WireXML.stanza("""
            <iq type='set' id='p1'\(fromAttribute)><query xmlns='jabber:iq:roster' ver='v4'>\
            <item jid='bob@example.test' subscription='to'><group>Work</group></item></query></iq>
            """)
        let push = RosterIQ.parsePush(iq, account: try JID(Self.account))
        #expect((push != nil) == accepted)
        if accepted {
            #expect(push?.entry == RosterEntry(jid: try JID("bob@example.test"), subscription: .to, groups: ["Work"]))
            #expect(push?.version == "v4")
        }
    }

    @Test("a removal push")
    func removalPush() throws {
        let iq = try WireXML.stanza("<iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@example.test' subscription='remove'/></query></iq>")
        let push = try #require(RosterIQ.parsePush(iq, account: try JID(Self.account)))
        #expect(push.entry.subscription == .remove)
        #expect(push.version == nil)
    }

    @Test("malformed pushes", arguments: [
        "<iq type='set'><query xmlns='jabber:iq:roster'/></iq>",
        "<iq type='set'><query xmlns='jabber:iq:roster'><item jid='bob@example.test'/><item jid='carol@example.test'/></query></iq>",
        "<iq type='set'><query xmlns='jabber:iq:roster'><item name='Bob'/></query></iq>",
        "<iq type='set'><query xmlns='jabber:iq:roster'><item jid='@example.test'/></query></iq>",
        "<iq type='get'><query xmlns='jabber:iq:roster'><item jid='bob@example.test'/></query></iq>",
        "<iq type='result'><query xmlns='jabber:iq:roster'><item jid='bob@example.test'/></query></iq>",
        "<iq type='set'><query xmlns='jabber:iq:private'><item jid='bob@example.test'/></query></iq>",
        "<iq type='set'><query xmlns='jabber:iq:roster'><item xmlns='urn:other' jid='bob@example.test'/></query></iq>",
    ])
    func malformedPush(xml: String) throws {
        #expect(RosterIQ.parsePush(try WireXML.stanza(xml), account: try JID(Self.account)) == nil)
    }
}
