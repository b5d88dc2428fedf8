@testable import MessengerKit
import Testing
import XMPPCore

@Suite("PrivateGroupList")
struct PrivateGroupListTests {
    static let groups = "xmlns='urn:xmpp:communicator:groups:0'"

    @Test("requests on the wire")
    func requests() {
        #expect(WireXML.text(PrivateGroupList.request())
            == "<iq type='get'><query xmlns='jabber:iq:private'><groups \(Self.groups)/></query></iq>")
        #expect(WireXML.text(PrivateGroupList.store(["Work", "", "Golf & Tennis", "Work"])) == """
            <iq type='set'><query xmlns='jabber:iq:private'><groups \(Self.groups)>\
            <group name='Work'/><group name='Golf &amp; Tennis'/></groups></query></iq>
            """)
        #expect(WireXML.text(PrivateGroupList.store([]))
            == "<iq type='set'><query xmlns='jabber:iq:private'><groups \(Self.groups)/></query></iq>")
    }

    @Test("a stored list survives the wire")
    func roundTrip() throws {
        let names = ["Family", "Work", "Empty group"]
        var reply = try WireXML.roundTrip(PrivateGroupList.store(names))
        reply[attribute: "type"] = "result"
        #expect(PrivateGroupList.parse(reply) == names)
    }

    @Test("reading the stored list")
    func parsing() throws {
        let iq = try WireXML.stanza("""
            <iq type='result'><query xmlns='jabber:iq:private'><groups \(Self.groups)>\
            <group name='B'/><group name='A'/><group/><group name=''/><group name='B'/><other name='C'/><group xmlns='urn:x' name='D'/>\
            <group name='E'/></groups></query></iq>
            """)
        #expect(PrivateGroupList.parse(iq) == ["B", "A", "E"])
        // Nothing stored yet: the server echoes the empty element.
        #expect(PrivateGroupList.parse(try WireXML.stanza(
            "<iq type='result'><query xmlns='jabber:iq:private'><groups \(Self.groups)/></query></iq>")) == [])
        #expect(PrivateGroupList.parse(try WireXML.stanza("<iq type='result'><query xmlns='jabber:iq:private'/></iq>")) == nil)
        #expect(PrivateGroupList.parse(try WireXML.stanza(
            "<iq type='error'><query xmlns='jabber:iq:private'><groups \(Self.groups)/></query></iq>")) == nil)
    }

    @Test("at most 1000 names are kept")
    func limit() throws {
        let groups = (1...1200).map { "<group name='g\($0)'/>" }.joined()
        let iq = try WireXML.stanza("<iq type='result'><query xmlns='jabber:iq:private'><groups \(Self.groups)>\(groups)</groups></query></iq>")
        #expect(PrivateGroupList.parse(iq) == (1...1000).map { "g\($0)" })
    }
}
