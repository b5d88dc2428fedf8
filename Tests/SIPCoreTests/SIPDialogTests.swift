import SIPCore
import Testing

@Suite struct SIPDialogTests {
    static func parse(_ text: String) throws -> SIPMessage {
        try SIPMessageParser.parse(datagram: Array(text.utf8))
    }

    // RFC 3261 §24.2's INVITE, as it reaches Bob through two record-routing proxies.
    static let invite = """
        INVITE sip:bob@192.0.2.4 SIP/2.0\r
        Via: SIP/2.0/UDP server10.biloxi.com;branch=z9hG4bK4b43c2ff8.1\r
        Via: SIP/2.0/UDP bigbox3.site3.atlanta.com;branch=z9hG4bK77ef4c2312983.1\r
        Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8\r
        Max-Forwards: 68\r
        Record-Route: <sip:server10.biloxi.com;lr>, <sip:bigbox3.site3.atlanta.com;lr>\r
        To: Bob <sip:bob@biloxi.com>\r
        From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
        Call-ID: a84b4c76e66710@pc33.atlanta.com\r
        CSeq: 314159 INVITE\r
        Contact: <sip:alice@pc33.atlanta.com>\r
        Content-Length: 0\r
        \r

        """

    static let ok = """
        SIP/2.0 200 OK\r
        Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8;received=192.0.2.1\r
        Record-Route: <sip:server10.biloxi.com;lr>, <sip:bigbox3.site3.atlanta.com;lr>\r
        To: Bob <sip:bob@biloxi.com>;tag=a6c85cf\r
        From: Alice <sip:alice@atlanta.com>;tag=1928301774\r
        Call-ID: a84b4c76e66710@pc33.atlanta.com\r
        CSeq: 314159 INVITE\r
        Contact: <sip:bob@192.0.2.4>\r
        Content-Length: 0\r
        \r

        """

    static func aliceInvite() throws -> SIPRequest {
        // Alice's own copy: one Via, no Record-Route.
        var request = try #require(try parse(invite).request)
        request.headers.remove("Via")
        request.headers.remove("Record-Route")
        request.headers.append("Via", "SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds8")
        request.uri = try SIPAnyURI(parsing: "sip:bob@biloxi.com")
        return request
    }

    func text(_ request: SIPRequest) -> String { String(decoding: SIPMessage.request(request).serialized(), as: UTF8.self) }

    @Test func uacDialogFrom2xxReversesRecordRouteAndSendsBye() throws {
        let response = try #require(try Self.parse(Self.ok).response)
        var dialog = try SIPDialog(uacRequest: try Self.aliceInvite(), response: response)
        #expect(dialog.id == SIPDialog.ID(callID: "a84b4c76e66710@pc33.atlanta.com", localTag: "1928301774", remoteTag: "a6c85cf"))
        #expect(dialog.state == .confirmed)
        #expect(dialog.localSequence == 314159)
        #expect(dialog.remoteSequence == nil)
        #expect(dialog.remoteTarget.description == "sip:bob@192.0.2.4")
        #expect(dialog.routeSet.map(\.description) == ["<sip:bigbox3.site3.atlanta.com;lr>", "<sip:server10.biloxi.com;lr>"])

        let ack = dialog.makeACK(inviteSequence: 314159, via: SIPVia(transport: "UDP", host: "pc33.atlanta.com", parameters: [SIPParameter("branch", "z9hG4bKnashds9")]))
        #expect(text(ack) == """
            ACK sip:bob@192.0.2.4 SIP/2.0\r
            Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bKnashds9\r
            Max-Forwards: 70\r
            Route: <sip:bigbox3.site3.atlanta.com;lr>\r
            Route: <sip:server10.biloxi.com;lr>\r
            From: "Alice" <sip:alice@atlanta.com>;tag=1928301774\r
            To: "Bob" <sip:bob@biloxi.com>;tag=a6c85cf\r
            Call-ID: a84b4c76e66710@pc33.atlanta.com\r
            CSeq: 314159 ACK\r
            Content-Length: 0\r
            \r

            """)
        #expect(dialog.localSequence == 314159)

        let bye = dialog.makeRequest(method: "BYE", via: SIPVia(transport: "UDP", host: "pc33.atlanta.com", parameters: [SIPParameter("branch", "z9hG4bKnashds10")]))
        #expect(bye.uri.description == "sip:bob@192.0.2.4")
        #expect(bye.headers["CSeq"] == "314160 BYE")
        #expect(dialog.localSequence == 314160)
        let reinvite = dialog.makeRequest(method: "INVITE", via: SIPVia(transport: "UDP", host: "pc33.atlanta.com"), contact: SIPNameAddress(uri: try SIPAnyURI(parsing: "sip:alice@pc33.atlanta.com")))
        #expect(reinvite.headers["CSeq"] == "314161 INVITE")
        #expect(reinvite.headers["Contact"] == "<sip:alice@pc33.atlanta.com>")
    }

    @Test func earlyDialogFrom1xxIsConfirmedBy2xxWithNewRoutesAndTarget() throws {
        var ringing = try #require(try Self.parse(Self.ok).response)
        ringing.statusCode = 180
        ringing.reasonPhrase = "Ringing"
        ringing.headers.set("Contact", "<sip:bob@192.0.2.99>")
        ringing.headers.remove("Record-Route")
        var dialog = try SIPDialog(uacRequest: try Self.aliceInvite(), response: ringing)
        #expect(dialog.state == .early)
        #expect(dialog.routeSet.isEmpty)
        #expect(dialog.remoteTarget.description == "sip:bob@192.0.2.99")
        try dialog.update(with: try #require(try Self.parse(Self.ok).response))
        #expect(dialog.state == .confirmed)
        #expect(dialog.remoteTarget.description == "sip:bob@192.0.2.4")
        #expect(dialog.routeSet.map(\.description) == ["<sip:bigbox3.site3.atlanta.com;lr>", "<sip:server10.biloxi.com;lr>"])
    }

    @Test func responsesThatCannotMakeADialog() throws {
        var noTag = try #require(try Self.parse(Self.ok).response)
        noTag.headers.set("To", "Bob <sip:bob@biloxi.com>")
        #expect(throws: SIPDialogError(.missingTag, "response without To tag")) {
            try SIPDialog(uacRequest: try Self.aliceInvite(), response: noTag)
        }
        var trying = try #require(try Self.parse(Self.ok).response)
        trying.statusCode = 100
        #expect(throws: SIPDialogError(.notDialogCreating, "status 100")) {
            try SIPDialog(uacRequest: try Self.aliceInvite(), response: trying)
        }
    }

    @Test func uasDialogKeepsRecordRouteOrderAndChecksCSeq() throws {
        let request = try #require(try Self.parse(Self.invite).request)
        var dialog = try SIPDialog(uasRequest: request, localTag: "a6c85cf")
        #expect(dialog.id == SIPDialog.ID(callID: "a84b4c76e66710@pc33.atlanta.com", localTag: "a6c85cf", remoteTag: "1928301774"))
        #expect(dialog.remoteSequence == 314159)
        #expect(dialog.localSequence == nil)
        #expect(dialog.remoteTarget.description == "sip:alice@pc33.atlanta.com")
        #expect(dialog.routeSet.map(\.description) == ["<sip:server10.biloxi.com;lr>", "<sip:bigbox3.site3.atlanta.com;lr>"])

        let bye = dialog.makeRequest(method: "BYE", via: SIPVia(transport: "UDP", host: "192.0.2.4", parameters: [SIPParameter("branch", "z9hG4bK392kf")]))
        #expect(text(bye) == """
            BYE sip:alice@pc33.atlanta.com SIP/2.0\r
            Via: SIP/2.0/UDP 192.0.2.4;branch=z9hG4bK392kf\r
            Max-Forwards: 70\r
            Route: <sip:server10.biloxi.com;lr>\r
            Route: <sip:bigbox3.site3.atlanta.com;lr>\r
            From: "Bob" <sip:bob@biloxi.com>;tag=a6c85cf\r
            To: "Alice" <sip:alice@atlanta.com>;tag=1928301774\r
            Call-ID: a84b4c76e66710@pc33.atlanta.com\r
            CSeq: 1 BYE\r
            Content-Length: 0\r
            \r

            """)

        // The peer's re-INVITE moves the target; an older CSeq is out of order (500).
        var reinvite = request
        reinvite.headers.set("To", "Bob <sip:bob@biloxi.com>;tag=a6c85cf")
        reinvite.headers.set("CSeq", "314160 INVITE")
        reinvite.headers.set("Contact", "<sip:alice@192.0.2.101>")
        try dialog.receive(reinvite)
        #expect(dialog.remoteSequence == 314160)
        #expect(dialog.remoteTarget.description == "sip:alice@192.0.2.101")
        var stale = reinvite
        stale.method = "BYE"
        stale.headers.set("CSeq", "314150 BYE")
        #expect(throws: SIPDialogError(.outOfOrder, "CSeq 314150 < 314160")) { try dialog.receive(stale) }
        #expect(SIPDialogError(.outOfOrder, "").statusCode == 500)
        var ack = reinvite
        ack.method = "ACK"
        ack.headers.set("CSeq", "314160 ACK")
        try dialog.receive(ack)
        #expect(SIPDialog.ID(incoming: ack) == dialog.id)
        var foreign = reinvite
        foreign.headers.set("Call-ID", "other@host")
        #expect(throws: SIPDialogError(.dialogMismatch, "request of another dialog")) { try dialog.receive(foreign) }
    }

    @Test func strictRouteBecomesTheRequestURI() throws {
        var request = try #require(try Self.parse(Self.invite).request)
        request.headers.set("Record-Route", "<sip:strict.biloxi.com>, <sip:loose.atlanta.com;lr>")
        var dialog = try SIPDialog(uasRequest: request, localTag: "t")
        let bye = dialog.makeRequest(method: "BYE", via: SIPVia(transport: "TCP", host: "192.0.2.4"))
        #expect(bye.uri.description == "sip:strict.biloxi.com")
        #expect(bye.headers.fields(named: "Route").map(\.value) == ["<sip:loose.atlanta.com;lr>", "<sip:alice@pc33.atlanta.com>"])
    }
}
