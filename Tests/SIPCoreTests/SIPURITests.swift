import Testing
@testable import SIPCore

@Suite struct SIPURITests {
    @Test func parsesEveryPart() throws {
        let uri = try SIPURI(parsing: "sips:al%69ce:se%63ret@[2001:db8::1]:5061;transport=tcp;lr?subject=hi%20there&priority=urgent")
        #expect(uri.isSecure)
        #expect(uri.user == "alice")
        #expect(uri.password == "secret")
        #expect(uri.host == "[2001:db8::1]")
        #expect(uri.port == 5061)
        #expect(uri.parameters.items == [SIPParameter("transport", "tcp"), SIPParameter("lr")])
        #expect(uri.headers == [SIPParameter("subject", "hi there"), SIPParameter("priority", "urgent")])
        #expect(uri.description == "sips:alice:secret@[2001:db8::1]:5061;transport=tcp;lr?subject=hi%20there&priority=urgent")
    }

    /// The equivalent and non-equivalent pairs of RFC 3261 §19.1.4.
    @Test(arguments: [
        ("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp", true),
        ("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5", true),
        ("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;newparam=5", true),
        ("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
         "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com", true),
        ("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
         "sip:alice@atlanta.com?priority=urgent&subject=project%20x", true),
        ("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP", false),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060", false),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp", false),
        ("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp", false),
        ("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting", false),
        ("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4", false),
    ])
    func equivalence(_ a: String, _ b: String, _ equivalent: Bool) throws {
        #expect(try SIPURI(parsing: a).isEquivalent(to: SIPURI(parsing: b)) == equivalent)
        #expect(try SIPURI(parsing: b).isEquivalent(to: SIPURI(parsing: a)) == equivalent)
    }

    @Test func telURIsNormalizeForRouting() throws {
        let global = try TelURI(parsing: "tel:+1-201-555-0123")
        #expect(global.isGlobal)
        #expect(global.normalizedNumber == "+12015550123")
        let local = try TelURI(parsing: "tel:7042;phone-context=example.com")
        #expect(local.normalizedNumber == "7042")
        #expect(local.parameters["phone-context"] == "example.com")
        #expect(throws: SIPParseError(.invalidURI, "local number without phone-context in tel:7042")) {
            try TelURI(parsing: "tel:7042")
        }
        #expect(TelURI.normalize(" +44 (20) 7946-0018 ") == "+442079460018")
        #expect(try SIPAnyURI(parsing: "tel:+1.555.0100").telURI?.normalizedNumber == "+15550100")
    }

    @Test(arguments: ["sip:", "sip:a@", "sip:a b@c", "sip:@host", "sip:host:0x50", "sip:h%zzost", "sip:a@-host", "mailto:"])
    func refusesMalformedURIs(_ text: String) {
        #expect(throws: SIPParseError.self) { try SIPAnyURI(parsing: text) }
    }
}
