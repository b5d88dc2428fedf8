import Testing
@testable import SIPCore

/// RFC 4475 §3.2 (transaction layer), §3.3 (application layer) and §3.4
/// (backward compatibility).
@Suite struct TortureSemanticsTests {
    func parse(_ bytes: [UInt8]) throws -> SIPMessage { try SIPMessageParser.parse(datagram: bytes) }

    @Test func cookieWithoutIdentifierParsesButIsNotAnRFC3261Branch() throws {
        let via = try #require(try parse(TortureMessages.badbranch).headers.vias().first)
        #expect(via.branch == "z9hG4bK")
        #expect(via.hasRFC3261Branch == false)
    }

    @Test func missingRequiredHeadersAreRefused() {
        #expect(throws: SIPParseError(.missingHeader, "missing To")) { try parse(TortureMessages.insuf) }
    }

    @Test func unknownRequestURISchemeParses() throws {
        let request = try #require(try parse(TortureMessages.unkscm).request)
        #expect(request.uri == .other(scheme: "nobodyknowsthisscheme", text: "nobodyKnowsThisScheme:totallyopaquecontent"))
    }

    @Test func atypicalRequestURISchemeParses() throws {
        let request = try #require(try parse(TortureMessages.novelsc).request)
        #expect(request.uri.scheme == "soap.beep")
    }

    @Test func unknownSchemesInAddressHeadersParse() throws {
        let headers = try parse(TortureMessages.unksm2).headers
        #expect(try headers.to()?.uri.description == "isbn:2983792873")
        #expect(try headers.from()?.uri.scheme == "http")
        #expect(try headers.contacts().first?.address?.uri.description == "name:John_Smith")
    }

    @Test func requireAndProxyRequireListTheirOptions() throws {
        let headers = try parse(TortureMessages.bext01).headers
        #expect(try headers.values(named: "Require") == ["nothingSupportsThis", "nothingSupportsThisEither"])
        #expect(try headers.values(named: "Proxy-Require") == ["noProxiesSupportThis", "norDoAnyProxiesSupportThis"])
    }

    @Test func unknownContentTypeParses() throws {
        let message = try parse(TortureMessages.invut)
        #expect(try message.headers.contentType()?.mediaType == "application/unknownformat")
        #expect(message.body == Array("<audio>\r\n <pcmu port=\"443\"/>\r\n</audio>\r\n".utf8))
    }

    @Test func unknownAuthorizationSchemeParses() throws {
        #expect(try parse(TortureMessages.regaut01).headers["Authorization"] == "NoOneKnowsThisScheme opaque-data=here")
    }

    @Test func repeatedSingleValueHeadersAreRefused() {
        #expect(throws: SIPParseError(.duplicateHeader, "To appears 2 times")) { try parse(TortureMessages.multi01) }
    }

    @Test func multipleContentLengthsAreRefused() {
        #expect(throws: SIPParseError(.duplicateHeader, "Content-Length appears 2 times")) { try parse(TortureMessages.mcl01) }
    }

    @Test func broadcastViaParses() throws {
        #expect(try parse(TortureMessages.bcast).headers.vias().map(\.host) == ["192.0.2.198", "255.255.255.255"])
    }

    @Test func zeroMaxForwardsParses() throws {
        #expect(try parse(TortureMessages.zeromf).headers.maxForwards() == 0)
    }

    @Test func addrSpecContactParameterBelongsToTheContact() throws {
        let contact = try #require(try parse(TortureMessages.cparam01).headers.contacts().first?.address)
        #expect(contact.parameters.items == [SIPParameter("unknownparam")])
        #expect(contact.uri.sipURI?.parameters.isEmpty == true)
        #expect(contact.uri.sipURI?.user == "+19725552222")
    }

    @Test func bracketedContactParameterBelongsToTheURI() throws {
        let contact = try #require(try parse(TortureMessages.cparam02).headers.contacts().first?.address)
        #expect(contact.parameters.isEmpty)
        #expect(contact.uri.sipURI?.parameters.items == [SIPParameter("unknownparam")])
    }

    @Test func escapedHeaderInContactURIIsKept() throws {
        let contact = try #require(try parse(TortureMessages.regescrt).headers.contacts().first?.address?.uri.sipURI)
        #expect(contact.headers == [SIPParameter("Route", "<sip:sip.example.com>")])
        #expect(contact.description == "sip:user@example.com?Route=%3Csip:sip.example.com%3E")
    }

    @Test func acceptWithoutSDPParses() throws {
        #expect(try parse(TortureMessages.sdp01).headers.values(named: "Accept") == ["text/nobodyKnowsThis"])
    }

    @Test func rfc2543InviteIsAcceptedOverUDP() throws {
        let request = try #require(try parse(TortureMessages.inv2543).request)
        let via = try #require(try request.headers.vias().first)
        #expect(via.branch == nil)
        #expect(try request.headers.from()?.tag == nil)
        #expect(try request.headers.maxForwards() == nil)
        #expect(request.body.count == 105)
        #expect(try request.headers.to()?.parameters["user"] == "phone")
    }

    @Test func rfc2543InviteWithoutContentLengthIsRefusedOnAStream() {
        var framer = SIPStreamFramer()
        framer.append(TortureMessages.inv2543)
        #expect(throws: SIPParseError(.missingContentLength, "Content-Length is required on stream transports")) {
            try framer.next()
        }
    }
}
