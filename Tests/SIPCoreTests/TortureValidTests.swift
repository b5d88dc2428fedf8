import Testing
@testable import SIPCore

/// RFC 4475 §3.1.1: messages a parser must accept, with the field values
/// the RFC's notes call out.
@Suite struct TortureValidTests {
    func request(_ bytes: [UInt8]) throws -> SIPRequest {
        let message = try SIPMessageParser.parse(datagram: bytes)
        return try #require(message.request)
    }

    func response(_ bytes: [UInt8]) throws -> SIPResponse {
        let message = try SIPMessageParser.parse(datagram: bytes)
        return try #require(message.response)
    }

    @Test func shortTortuousInvite() throws {
        let r = try request(TortureMessages.wsinv)
        #expect(r.method == "INVITE")
        #expect(r.uri.sipURI?.user == "vivekg")
        #expect(r.uri.sipURI?.parameters.contains("unknownparam") == true)
        let to = try #require(try r.headers.to())
        #expect(to.displayName == nil)
        #expect(to.uri.description == "sip:vivekg@chair-dnrc.example.com")
        #expect(to.tag == "1918181833n")
        let from = try #require(try r.headers.from())
        #expect(from.displayName == "J Rosenberg \\\"")
        #expect(from.tag == "98asjd8")
        #expect(try r.headers.maxForwards() == 68)
        #expect(try r.headers.cseq() == SIPCSeq(sequence: 9, method: "INVITE"))
        #expect(try r.headers.callID() == "wsinv.ndaksdj@192.0.2.1")
        let vias = try r.headers.vias()
        #expect(vias.map(\.transport) == ["UDP", "TCP", "UDP"])
        #expect(vias.map(\.host) == ["192.0.2.2", "spindle.example.com", "192.168.255.111"])
        #expect(vias.map(\.branch) == ["390skdjuw", "z9hG4bK9ikj8", "z9hG4bK30239"])
        #expect(r.headers["Subject"] == "")
        #expect(r.headers["NewFangledHeader"] == "newfangled value continued newfangled value")
        #expect(r.headers["UnknownHeaderWithUnusualValue"] == ";;,,;;,;")
        #expect(try r.headers.routes().map(\.uri.description) == ["sip:services.example.com;lr;unknownwith=value;unknown-no-value"])
        let contact = try #require(try r.headers.contacts().first?.address)
        #expect(contact.displayName == "Quoted string \"\"")
        #expect(contact.parameters.items == [SIPParameter("newparam", "newvalue"), SIPParameter("secondparam"), SIPParameter("q", "0.33")])
        #expect(r.headers.count == 14)
        #expect(r.body.count == 150)
    }

    @Test func wideRangeOfValidCharacters() throws {
        let r = try request(TortureMessages.intmeth)
        #expect(r.method == "!interesting-Method0123456789_*+`.%indeed'~")
        let uri = try #require(r.uri.sipURI)
        #expect(uri.user == "1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*")
        #expect(uri.password == "&it+has=1,weird!*pas$wo~d_too.(doesn't-it)")
        #expect(uri.host == "example.com")
        #expect(try r.headers.vias().first?.branch == "z9hG4bK-.!%66*_+`'~")
        #expect(try r.headers.to()?.displayName == "BEL:\u{07} NUL:\u{00} DEL:\u{7F}")
        let from = try #require(try r.headers.from())
        #expect(from.displayName == "token1~` token2'+_ token3*%!.-")
        #expect(from.parameters["fromParam''~+*_!.-%"] == "\"работающий\"")
        #expect(from.tag == "_token~1'+`*%!-.")
        #expect(try r.headers.callID() == "intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{")
        #expect(try r.headers.cseq()?.method == r.method)
        #expect(try r.headers.maxForwards() == 255)
        #expect(r.headers["extensionHeader-!.%*+_`'~"] == "\u{FEFF}大停電")
    }

    @Test func validPercentEscapes() throws {
        let r = try request(TortureMessages.esc01)
        #expect(r.uri.sipURI?.user == "sips:user@example.com")
        #expect(try r.headers.to()?.uri.sipURI?.user == "user")
        #expect(try r.headers.from()?.uri.sipURI?.user == "I have spaces")
        let contact = try #require(try r.headers.contacts().first?.address?.uri.sipURI)
        #expect(contact.user == "caller")
        // %25%34%31 decodes once to "%41", never recursively to "A".
        #expect(contact.parameters.items == [SIPParameter("lr"), SIPParameter("name", "value%41")])
        #expect(try r.headers.contentType()?.mediaType == "application/sdp")
    }

    @Test func escapedNullsInURIs() throws {
        let r = try request(TortureMessages.escnull)
        #expect(try r.headers.to()?.uri.sipURI?.user == "null-\u{0}-null")
        let users = try r.headers.contacts().map { $0.address?.uri.sipURI?.user }
        #expect(users == ["\u{0}", "\u{0}\u{0}"])
    }

    @Test func percentThatIsNotAnEscape() throws {
        let r = try request(TortureMessages.esc02)
        #expect(r.method == "RE%47IST%45R")
        #expect(try r.headers.to()?.displayName == "%Z%45")
        #expect(try r.headers.vias().first?.branch == "z9hG4bK209%fzsnel234")
        #expect(try r.headers.contacts().compactMap { $0.address?.uri.sipURI?.user } == ["alias1", "alias3"])
        #expect(r.headers["C%6Fntact"] == "<sip:alias2@host2.example.com>")
    }

    @Test func noLWSBetweenDisplayNameAndAngle() throws {
        let r = try request(TortureMessages.lwsdisp)
        let from = try #require(try r.headers.from())
        #expect(from.displayName == "caller")
        #expect(from.tag == "323")
    }

    @Test func longValues() throws {
        let r = try request(TortureMessages.longreq)
        let vias = try r.headers.vias()
        #expect(vias.count == 34)
        #expect(vias.prefix(33).map(\.host) == (1...33).reversed().map { "sip\($0).example.com" })
        #expect(vias.last?.received == "192.0.2.5")
        #expect(vias.last?.branch == "very" + String(repeating: "long", count: 50) + "branchvalue")
        let to = try #require(try r.headers.to())
        #expect(to.uri.sipURI?.port == 6000)
        #expect(to.uri.sipURI?.parameters.count == 3)
        #expect(try r.headers.from()?.tag == "12" + String(repeating: "982", count: 50) + "424")
        #expect(try r.headers.callID() == "longreq.one" + String(repeating: "really", count: 20) + "longcallid")
    }

    @Test func extraTrailingOctetsInDatagram() throws {
        let r = try request(TortureMessages.dblreq)
        #expect(r.method == "REGISTER")
        #expect(r.body.isEmpty)
        #expect(try r.headers.callID() == "dblreq.0ha0isndaksdj99sdfafnl3lk233412")
    }

    @Test func semicolonInUserPart() throws {
        let r = try request(TortureMessages.semiuri)
        #expect(r.uri.sipURI?.user == "user;par=u@example.net")
        #expect(r.uri.sipURI?.parameters.isEmpty == true)
        #expect(try r.headers.values(named: "Accept") == [
            "application/sdp", "application/pkcs7-mime", "multipart/mixed",
            "multipart/signed", "message/sip", "message/sipfrag",
        ])
    }

    @Test func allTransports() throws {
        let r = try request(TortureMessages.transports)
        #expect(try r.headers.vias().map(\.transport) == ["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"])
        #expect(try r.headers.callID() == "transports.kijh4akdnaqjkwendsasfdj")
    }

    @Test func multipartBodyWithNulls() throws {
        let r = try request(TortureMessages.mpart01)
        #expect(r.method == "MESSAGE")
        #expect(r.body.count == 553)
        #expect(r.body.contains(0))
        #expect(r.body.suffix(22) == Array("--7a9cbec02ceef655--\r\n".utf8))
        let via = try #require(try r.headers.vias().first)
        #expect(via.port == 5070)
        #expect(via.rport == .some(nil))
        #expect(try r.headers.contentType()?.parameters["boundary"] == "7a9cbec02ceef655")
    }

    @Test func unusualReasonPhrase() throws {
        let r = try response(TortureMessages.unreason)
        #expect(r.statusCode == 200)
        #expect(r.reasonPhrase == "= 2**3 * 5**2 но сто девяносто девять - простое")
    }

    @Test func emptyReasonPhrase() throws {
        let r = try response(TortureMessages.noreason)
        #expect(r.statusCode == 100)
        #expect(r.reasonPhrase == "")
    }
}
