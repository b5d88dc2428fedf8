import Testing
@testable import SIPCore

@Suite struct SIPMessageTests {
    static let accepted: [[UInt8]] = [
        TortureMessages.wsinv, TortureMessages.intmeth, TortureMessages.esc01, TortureMessages.escnull,
        TortureMessages.esc02, TortureMessages.lwsdisp, TortureMessages.longreq, TortureMessages.dblreq,
        TortureMessages.semiuri, TortureMessages.transports, TortureMessages.mpart01, TortureMessages.unreason,
        TortureMessages.noreason, TortureMessages.badbranch, TortureMessages.unkscm, TortureMessages.novelsc,
        TortureMessages.unksm2, TortureMessages.bext01, TortureMessages.invut, TortureMessages.regaut01,
        TortureMessages.bcast, TortureMessages.zeromf, TortureMessages.cparam01, TortureMessages.cparam02,
        TortureMessages.regescrt, TortureMessages.sdp01, TortureMessages.inv2543, TortureMessages.baddate,
    ]

    @Test(arguments: accepted) func parseSerializeParseRoundTrips(_ bytes: [UInt8]) throws {
        let once = try SIPMessageParser.parse(datagram: bytes)
        let wire = once.serialized()
        let twice = try SIPMessageParser.parse(datagram: wire)
        #expect(twice.body == once.body)
        #expect(twice.headers.filter { $0.name.lowercased() != "content-length" && $0.name.lowercased() != "l" }
            == once.headers.filter { $0.name.lowercased() != "content-length" && $0.name.lowercased() != "l" })
        #expect(twice.serialized() == wire)
        // The framer cuts the same message out of a stream.
        var framer = SIPStreamFramer()
        framer.append(wire)
        #expect(try framer.next() == twice)
    }

    @Test func serializerWritesCanonicalLines() throws {
        let message = try SIPMessageParser.parse(datagram: TortureMessages.wsinv)
        let text = String(decoding: message.serialized(), as: UTF8.self)
        #expect(text.hasPrefix("INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0\r\nTO: sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n\r\n"))
        #expect(text.contains("\r\ncseq: 0009 INVITE\r\n"))
        #expect(text.contains("\r\nContent-Length: 150\r\n"))
    }

    @Test func compactFormsEqualLongForms() throws {
        let bytes = TortureMessages.wire("""
            OPTIONS sip:bob@example.test SIP/2.0
            v: SIP/2.0/UDP host.example.test:5070;branch=z9hG4bKabc;rport
            f: <sip:alice@example.test>;tag=1
            t: Bob <sip:bob@example.test>
            i: abc@host
            CSeq: 1 OPTIONS
            m: *
            c: text/plain
            l: 2

            hi
            """)
        let message = try SIPMessageParser.parse(datagram: bytes)
        #expect(message.headers["Via"] == "SIP/2.0/UDP host.example.test:5070;branch=z9hG4bKabc;rport")
        #expect(try message.headers.to()?.displayName == "Bob")
        #expect(try message.headers.callID() == "abc@host")
        #expect(try message.headers.contacts() == [.all])
        #expect(try message.headers.contentType() == SIPContentType(type: "text", subtype: "plain"))
        #expect(message.body == Array("hi".utf8))
    }

    @Test func commasInsideQuotesAndAnglesDoNotSplit() throws {
        let headers: SIPHeaders = [("Contact", "\"Doe, John\" <sip:j,k@a.test;x=1>, <sip:k@b.test>;expires=60")]
        let contacts = try headers.contacts()
        #expect(contacts.count == 2)
        #expect(contacts[0].address?.displayName == "Doe, John")
        #expect(contacts[0].address?.uri.sipURI?.user == "j,k")
        #expect(contacts[1].expires == 60)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let code: SIPParseError.Code
        var testDescription: String { "\(code)" }
    }

    static let bad: [Bad] = [
        Bad(text: "INVITE sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\n bad\rline\n\n", code: .bareLineBreak),
        Bad(text: "INVITE sip:a@b SIP/2.0\nVia SIP/2.0/UDP h\n\n", code: .invalidHeaderName),
        Bad(text: "INV(ITE sip:a@b SIP/2.0\n\n", code: .invalidMethod),
        Bad(text: "INVITE sip:a@b SIP/2.0\n", code: .incompleteHeaders),
        Bad(text: "INVITE sip:a@[::1 SIP/2.0\n\n", code: .invalidRequestURI),
        Bad(text: "INVITE sip:a@b:99999 SIP/2.0\n\n", code: .invalidRequestURI),
        Bad(text: "SIP/2.0 20 OK\n\n", code: .invalidStatusCode),
        Bad(text: "SIP/2.0 200 OK\nMax-Forwards: 256\nVia: SIP/2.0/UDP h\nTo: <sip:a@b>\nFrom: <sip:a@b>;tag=1\nCall-ID: x\nCSeq: 1 INVITE\n\n", code: .invalidMaxForwards),
        Bad(text: "SIP/2.0 200 OK\nVia: SIP/2.0/UDP h\nTo: <sip:a@b>\nFrom: <sip:a@b>;tag=1\nCall-ID: x y\nCSeq: 1 INVITE\n\n", code: .invalidCallID),
        Bad(text: "SIP/2.0 200 OK\nVia: HTTP/1.1/TCP h\nTo: <sip:a@b>\nFrom: <sip:a@b>;tag=1\nCall-ID: x\nCSeq: 1 INVITE\n\n", code: .invalidVia),
        Bad(text: "SIP/2.0 200 OK\nVia: SIP/2.0/UDP h\nTo: <sip:a@b>\nFrom: <sip:a@b>;tag=1\nCall-ID: x\nCSeq: 1 INVITE\nContent-Type: text\n\n", code: .invalidContentType),
        Bad(text: "SIP/2.0 200 OK\nVia: SIP/2.0/UDP h\nTo: <sip:a@b>\nFrom: <sip:a@b>;tag=1\nCall-ID: x\nCSeq: 1 INVITE\nContact: *, <sip:c@d>\n\n", code: .invalidAddress),
    ]

    @Test(arguments: bad) func malformedMessagesNameTheProblem(_ bad: Bad) {
        #expect {
            _ = try SIPMessageParser.parse(datagram: TortureMessages.wire(bad.text))
        } throws: { ($0 as? SIPParseError)?.code == bad.code }
    }

    @Test func boundsAreEnforced() throws {
        let big = TortureMessages.wire("OPTIONS sip:a@b SIP/2.0\nX: " + String(repeating: "a", count: 70_000) + "\n\n")
        #expect(throws: SIPParseError(.messageTooLarge, "\(big.count) bytes")) { try SIPMessageParser.parse(datagram: big) }
        let longLine = TortureMessages.wire("OPTIONS sip:a@b SIP/2.0\nX: " + String(repeating: "a", count: 8_200) + "\n\n")
        #expect(throws: SIPParseError(.headerLineTooLong, "X longer than 8192 bytes")) { try SIPMessageParser.parse(datagram: longLine) }
        let many = TortureMessages.wire("OPTIONS sip:a@b SIP/2.0\n" + String(repeating: "X: 1\n", count: 201) + "\n")
        #expect(throws: SIPParseError(.tooManyHeaders, "more than 200 headers")) { try SIPMessageParser.parse(datagram: many) }
    }

    @Test func framerSkipsKeepAlivesAndSplitsBackToBackMessages() throws {
        let one = try SIPMessageParser.parse(datagram: TortureMessages.zeromf).serialized()
        let two = try SIPMessageParser.parse(datagram: TortureMessages.invut).serialized()
        let stream = Array("\r\n\r\n".utf8) + one + Array("\r\n\r\n".utf8) + two
        var framer = SIPStreamFramer()
        var messages: [SIPMessage] = []
        for byte in stream {
            framer.append([byte])
            while let message = try framer.next() { messages.append(message) }
        }
        #expect(messages.map { $0.request?.method } == ["OPTIONS", "INVITE"])
        #expect(messages.last?.body.count == 40)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func framerFailsForGoodAfterAnError() throws {
        var framer = SIPStreamFramer()
        framer.append(TortureMessages.ncl)
        #expect(throws: SIPParseError.self) { try framer.next() }
        framer.append(TortureMessages.zeromf)
        #expect(throws: SIPParseError.self) { try framer.next() }
    }

    @Test func framerRefusesHeadersThatNeverEnd() throws {
        var framer = SIPStreamFramer()
        framer.append(Array("OPTIONS sip:a@b SIP/2.0\r\n".utf8))
        for _ in 0..<700 {
            framer.append(Array("X-Filler: \(String(repeating: "z", count: 90))\r\n".utf8))
            if (try? framer.next()) == nil, framer.bufferedByteCount == 0 { break }
        }
        #expect(throws: SIPParseError.self) { try framer.next() }
        #expect(framer.bufferedByteCount == 0)
    }
}
