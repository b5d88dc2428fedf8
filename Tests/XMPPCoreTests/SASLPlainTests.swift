import Testing
@testable import XMPPCore

@Suite("SASL PLAIN (RFC 4616)")
struct SASLPlainTests {
    struct Parsed: Equatable, CustomStringConvertible {
        var authzid: String?
        var authcid: String
        var password: String
        var description: String { "\(authzid ?? "nil")/\(authcid)/\(password)" }
    }

    @Test(arguments: [
        (saslBytes("\0user\0pencil"), Parsed(authzid: nil, authcid: "user", password: "pencil")),
        (saslBytes("admin@example.test\0user\0pencil"), Parsed(authzid: "admin@example.test", authcid: "user", password: "pencil")),
        (saslBytes("\0I\u{AD}X\0pen cil"), Parsed(authzid: nil, authcid: "IX", password: "pen cil")),
        (saslBytes("\0r\u{E9}my\0p\u{E9}"), Parsed(authzid: nil, authcid: "r\u{E9}my", password: "p\u{E9}")),
    ])
    func parsesValidMessages(message: [UInt8], expected: Parsed) throws {
        let result = try SASLPlain.parse(message)
        #expect(Parsed(authzid: result.authzid, authcid: result.authcid, password: result.password) == expected)
    }

    @Test(arguments: [
        (saslBytes("user\0pencil"), SASLPlain.ParseError.malformed),
        (saslBytes("userpencil"), .malformed),
        (saslBytes(""), .malformed),
        (saslBytes("\0user\0pen\0cil"), .malformed),
        (saslBytes("\0\0pencil"), .emptyAuthcid),
        (saslBytes("\0user\0"), .emptyPassword),
        ([0, 0x75, 0xFF, 0, 0x70], .notUTF8),
        (saslBytes("\0us\u{7}er\0pencil"), .saslprepFailed),
        (saslBytes("\0user\0") + [UInt8](repeating: 0x61, count: 1019), .tooLong),
    ])
    func rejectsBadMessages(message: [UInt8], expected: SASLPlain.ParseError) {
        #expect(throws: expected) { try SASLPlain.parse(message) }
    }

    @Test func longestAcceptedMessage() throws {
        let message = saslBytes("\0user\0") + [UInt8](repeating: 0x61, count: 1018)
        #expect(message.count == 1024)
        #expect(try SASLPlain.parse(message).password.count == 1018)
    }

    @Test func failureConditions() {
        #expect(SASLPlain.ParseError.notUTF8.failureCondition == .incorrectEncoding)
        #expect(SASLPlain.ParseError.malformed.failureCondition == .malformedRequest)
        #expect(SASLPlain.ParseError.saslprepFailed.failureCondition == .notAuthorized)
    }

    @Test func clientMessageParsesBack() throws {
        let message = SASLPlain.message(authzid: "a@b.test", authcid: "juliet", password: "r0meo")
        #expect(message == saslBytes("a@b.test\0juliet\0r0meo"))
        let parsed = try SASLPlain.parse(message)
        #expect(parsed.authzid == "a@b.test" && parsed.authcid == "juliet" && parsed.password == "r0meo")
        #expect(SASLPlain.message(authcid: "juliet", password: "r0meo") == saslBytes("\0juliet\0r0meo"))
    }
}
