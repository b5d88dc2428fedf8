@testable import MessengerKit
import Testing
import XMPPCore

@Suite("VCardProfile")
struct VCardProfileTests {
    static func vCard(_ body: String) throws -> XMLElement {
        let iq = try WireXML.stanza("<iq type='result'><vCard xmlns='vcard-temp'>\(body)</vCard></iq>")
        return try #require(VCardProfile.vCard(inResult: iq))
    }

    @Test("a vCard with every kind of TEL")
    func reading() throws {
        let vCard = try Self.vCard("""
            <FN> Robert Jones </FN><NICKNAME>Bob</NICKNAME>
            <PHOTO><TYPE>image/png</TYPE><BINVAL>AAAA</BINVAL></PHOTO>
            <EMAIL><HOME/></EMAIL>
            <EMAIL><INTERNET/><USERID>bob@mail.example</USERID></EMAIL>
            <EMAIL><INTERNET/><USERID>second@mail.example</USERID></EMAIL>
            <TEL><HOME/><VOICE/></TEL>
            <TEL><HOME/><VOICE/><NUMBER>   </NUMBER></TEL>
            <TEL><HOME/><VOICE/><NUMBER> +1 555 0100 </NUMBER></TEL>
            <TEL><WORK/><VOICE/><NUMBER>+1 555 0101</NUMBER></TEL>
            <TEL><CELL/><NUMBER>+1 555 0102</NUMBER></TEL>
            <TEL><VOICE/><NUMBER>+1 555 0103</NUMBER></TEL>
            <TEL><PAGER/><NUMBER>+1 555 0104</NUMBER></TEL>
            <TEL><HOME/><NUMBER>+1 555 0199</NUMBER></TEL>
            <TEL><FAX/><NUMBER>+1 555 0198</NUMBER></TEL>
            """)
        let profile = VCardProfile(vCard: vCard)
        #expect(profile.fullName == "Robert Jones")
        #expect(profile.nickname == "Bob")
        #expect(profile.displayName == "Bob")
        #expect(profile.email == "bob@mail.example")
        #expect(profile.phoneNumbers == [.home: "+1 555 0100", .work: "+1 555 0101", .mobile: "+1 555 0102", .custom: "+1 555 0103"])
        #expect(profile.pagerNumber == "+1 555 0104")
        #expect(profile.canPage)
    }

    @Test("which number a TEL holds", arguments: [
        ("<HOME/>", MPHONE_TYPE.home),
        ("<WORK/><VOICE/>", .work),
        ("<CELL/>", .mobile),
        ("<WORK/><CELL/>", .mobile),
        ("<HOME/><WORK/>", .work),
        ("<VOICE/>", .custom),
        ("<FAX/>", .custom),
        ("", .custom),
    ] as [(String, MPHONE_TYPE)])
    func telKind(flags: String, expected: MPHONE_TYPE) throws {
        let profile = VCardProfile(vCard: try Self.vCard("<TEL>\(flags)<NUMBER>42</NUMBER></TEL>"))
        #expect(profile.phoneNumbers == [expected: "42"])
        #expect(!profile.canPage)
    }

    @Test("a pager TEL is only a pager")
    func pager() throws {
        let profile = VCardProfile(vCard: try Self.vCard("<TEL><WORK/><PAGER/><NUMBER>7</NUMBER></TEL>"))
        #expect(profile.phoneNumbers == [:])
        #expect(profile.pagerNumber == "7")
        #expect(profile.canPage)
        // A PAGER flag without a number cannot be paged.
        #expect(!VCardProfile(vCard: try Self.vCard("<TEL><PAGER/><NUMBER/></TEL>")).canPage)
    }

    @Test("missing, empty and overlong fields")
    func emptyAndOverlong() throws {
        let empty = VCardProfile(vCard: XMLElement(name: "vCard", namespace: XMLNamespace.vcard))
        #expect(empty == VCardProfile())
        #expect(empty.displayName == nil)
        #expect(!empty.canPage)
        #expect(VCardProfile(vCard: try Self.vCard("<FN>Robert</FN><NICKNAME>  </NICKNAME>")).displayName == "Robert")

        let kept = String(repeating: "x", count: 1024)
        let dropped = String(repeating: "y", count: 1025)
        let profile = VCardProfile(vCard: try Self.vCard("""
            <FN>\(dropped)</FN><NICKNAME>\(kept)</NICKNAME>\
            <TEL><HOME/><NUMBER>\(dropped)</NUMBER></TEL><TEL><HOME/><NUMBER>1</NUMBER></TEL>
            """))
        #expect(profile.fullName == nil)
        #expect(profile.nickname == kept)
        #expect(profile.phoneNumbers == [.home: "1"])
    }

    @Test("applying a profile keeps the rest of the vCard")
    func applying() throws {
        let old = try Self.vCard("""
            <FN>Old</FN><PHOTO><BINVAL>AAAA</BINVAL></PHOTO><TEL><HOME/><NUMBER>0</NUMBER></TEL>\
            <EMAIL><USERID>old@mail.example</USERID></EMAIL><X-CUSTOM xmlns='urn:example'>keep</X-CUSTOM><ADR><CTRY>NZ</CTRY></ADR>
            """)
        var profile = VCardProfile()
        profile.fullName = "Robert Jones"
        profile.nickname = "Bob"
        profile.email = "bob@mail.example"
        profile.phoneNumbers = [.mobile: "+1 555 0102", .home: "+1 555 0100", .work: "+1 555 0101", .custom: "99", .all: "ignored"]
        profile.pagerNumber = "+1 555 0104"
        let applied = profile.applied(to: old)
        #expect(WireXML.text(applied) == """
            <vCard xmlns='vcard-temp'><PHOTO><BINVAL>AAAA</BINVAL></PHOTO><X-CUSTOM xmlns='urn:example'>keep</X-CUSTOM>\
            <ADR><CTRY>NZ</CTRY></ADR><FN>Robert Jones</FN><NICKNAME>Bob</NICKNAME>\
            <EMAIL><INTERNET/><USERID>bob@mail.example</USERID></EMAIL>\
            <TEL><HOME/><VOICE/><NUMBER>+1 555 0100</NUMBER></TEL><TEL><WORK/><VOICE/><NUMBER>+1 555 0101</NUMBER></TEL>\
            <TEL><VOICE/><CELL/><NUMBER>+1 555 0102</NUMBER></TEL><TEL><VOICE/><NUMBER>99</NUMBER></TEL>\
            <TEL><PAGER/><NUMBER>+1 555 0104</NUMBER></TEL></vCard>
            """)
        profile.phoneNumbers[.all] = nil
        #expect(VCardProfile(vCard: try WireXML.roundTrip(applied)) == profile)
    }

    @Test("clearing fields removes them")
    func clearing() throws {
        let old = try Self.vCard("<FN>Old</FN><NICKNAME>O</NICKNAME><TEL><PAGER/><NUMBER>1</NUMBER></TEL><TITLE>Boss</TITLE>")
        #expect(WireXML.text(VCardProfile().applied(to: old)) == "<vCard xmlns='vcard-temp'><TITLE>Boss</TITLE></vCard>")
        #expect(WireXML.text(VCardProfile().applied(to: nil)) == "<vCard xmlns='vcard-temp'/>")
    }

    @Test("requests and results")
    func requests() throws {
        #expect(WireXML.text(VCardProfile.request(for: try JID("bob@example.test/phone")))
            == "<iq to='bob@example.test' type='get'><vCard xmlns='vcard-temp'/></iq>")
        #expect(WireXML.text(VCardProfile.request(for: nil)) == "<iq type='get'><vCard xmlns='vcard-temp'/></iq>")
        var mine = VCardProfile()
        mine.nickname = "Al"
        #expect(WireXML.text(VCardProfile.publish(mine.applied(to: nil)))
            == "<iq type='set'><vCard xmlns='vcard-temp'><NICKNAME>Al</NICKNAME></vCard></iq>")

        #expect(VCardProfile.vCard(inResult: try WireXML.stanza("<iq type='result'/>")) == nil)
        #expect(VCardProfile.vCard(inResult: try WireXML.stanza("<iq type='error'><vCard xmlns='vcard-temp'/></iq>")) == nil)
        #expect(VCardProfile.vCard(inResult: try WireXML.stanza("<iq type='result'><vCard/></iq>")) == nil)
        #expect(VCardProfile.vCard(inResult: try WireXML.stanza("<iq type='result'><vCard xmlns='vcard-temp'/></iq>"))
            == XMLElement(name: "vCard", namespace: XMLNamespace.vcard))
    }
}
