import Testing
@testable import SIPCore

/// RFC 4475 §3.1.2: messages an element should refuse (400, or 505 for the
/// version), each refused with the error that names the problem.
@Suite struct TortureInvalidTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let code: SIPParseError.Code
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "3.1.2.1 badinv01", bytes: TortureMessages.badinv01, code: .invalidHeaderValue),
        Case(name: "3.1.2.2 clerr", bytes: TortureMessages.clerr, code: .bodyTruncated),
        Case(name: "3.1.2.3 ncl", bytes: TortureMessages.ncl, code: .invalidContentLength),
        Case(name: "3.1.2.4 scalar02", bytes: TortureMessages.scalar02, code: .invalidCSeq),
        Case(name: "3.1.2.5 scalarlg", bytes: TortureMessages.scalarlg, code: .invalidCSeq),
        Case(name: "3.1.2.6 quotbal", bytes: TortureMessages.quotbal, code: .invalidAddress),
        Case(name: "3.1.2.7 ltgtruri", bytes: TortureMessages.ltgtruri, code: .invalidRequestURI),
        Case(name: "3.1.2.8 lwsruri", bytes: TortureMessages.lwsruri, code: .invalidStartLine),
        Case(name: "3.1.2.9 lwsstart", bytes: TortureMessages.lwsstart, code: .invalidStartLine),
        Case(name: "3.1.2.10 trws", bytes: TortureMessages.trws, code: .invalidStartLine),
        Case(name: "3.1.2.11 escruri", bytes: TortureMessages.escruri, code: .invalidRequestURI),
        Case(name: "3.1.2.13 regbadct", bytes: TortureMessages.regbadct, code: .invalidAddress),
        Case(name: "3.1.2.14 badaspec", bytes: TortureMessages.badaspec, code: .invalidAddress),
        Case(name: "3.1.2.15 baddn", bytes: TortureMessages.baddn, code: .invalidAddress),
        Case(name: "3.1.2.16 badvers", bytes: TortureMessages.badvers, code: .unsupportedVersion),
        Case(name: "3.1.2.17 mismatch01", bytes: TortureMessages.mismatch01, code: .methodMismatch),
        Case(name: "3.1.2.18 mismatch02", bytes: TortureMessages.mismatch02, code: .methodMismatch),
        Case(name: "3.1.2.19 bigcode", bytes: TortureMessages.bigcode, code: .invalidStatusCode),
    ]

    @Test(arguments: cases) func refused(_ testCase: Case) {
        #expect {
            _ = try SIPMessageParser.parse(datagram: testCase.bytes)
        } throws: { error in
            (error as? SIPParseError)?.code == testCase.code
        }
    }

    @Test func versionErrorAnswers505() throws {
        let error = try #require(throws: SIPParseError.self) { try SIPMessageParser.parse(datagram: TortureMessages.badvers) }
        #expect(error.statusCode == 505)
        #expect(error.reasonPhrase == "Version Not Supported (SIP version 7.0)")
    }

    @Test func badinv01ReasonNamesTheHeader() throws {
        let error = try #require(throws: SIPParseError.self) { try SIPMessageParser.parse(datagram: TortureMessages.badinv01) }
        #expect(error.statusCode == 400)
        #expect(error.reasonPhrase == "Bad Request (Via: empty list element)")
    }

    /// §3.1.2.12: a non-GMT Date is only worth a 400 to an element that uses
    /// the Date; the parser does not, so it accepts and keeps the text.
    @Test func nonGMTDateIsKeptAsText() throws {
        let message = try SIPMessageParser.parse(datagram: TortureMessages.baddate)
        #expect(message.headers["Date"] == "Fri, 01 Jan 2010 16:00:00 EST")
    }

    /// §3.1.2.2 over a stream: the framer waits for the rest of the body.
    @Test func contentLengthBeyondDataWaitsOnAStream() throws {
        var framer = SIPStreamFramer()
        framer.append(TortureMessages.clerr)
        #expect(try framer.next() == nil)
    }
}
