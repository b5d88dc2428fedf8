import SIPCore
@testable import SIPUserAgent
import Testing

/// The registrar's `expires` comes off the wire: it may shorten our
/// registration but never lengthen it, and no value can stop the process.
@Suite struct GrantedExpiryTests {
    static let ours = SIPNameAddress(uri: .sip(SIPURI(user: "alice", host: "127.0.0.1", port: 5070)))

    static func ok(contactExpires: String) throws -> SIPResponse {
        let text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\nFrom: <sip:alice@example.test>;tag=1\r\n"
            + "To: <sip:alice@example.test>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: <sip:alice@127.0.0.1:5070>;expires=\(contactExpires)\r\nContent-Length: 0\r\n\r\n"
        guard case .response(let response) = try SIPMessageParser.parse(datagram: Array(text.utf8)) else {
            throw SIPParseError(.invalidStartLine, "not a response")
        }
        return response
    }

    @Test(arguments: [("300", 300), ("600", 600), ("7200", 600), ("99999999999999999999", 600), ("-5", 1), ("0", 1)])
    func theGrantedTimeStaysWithinWhatWeAskedFor(_ row: (String, Int)) throws {
        let response = try Self.ok(contactExpires: row.0)
        #expect(SIPUserAgent.grantedExpiry(in: response, contact: Self.ours, requested: 600) == row.1)
    }
}
