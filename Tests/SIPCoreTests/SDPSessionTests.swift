import Testing
@testable import SIPCore

/// Terminates every line of a multi-line literal with CRLF.
func crlf(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\r\n" }.joined()
}

@Suite struct SDPSessionTests {
    // RFC 4566 §5's example, with b=, r=, k= and media attributes added.
    static let seminar = crlf("""
        v=0
        o=jdoe 2890844526 2890842807 IN IP4 10.47.16.5
        s=SDP Seminar
        i=A Seminar on the session description protocol
        u=http://www.example.com/seminars/sdp.pdf
        e=j.doe@example.com (Jane Doe)
        c=IN IP4 224.2.17.12/127
        b=CT:128
        t=2873397496 2873404696
        r=7d 1h 0 25h
        a=recvonly
        m=audio 49170 RTP/AVP 0 101
        b=AS:64
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-15
        a=ptime:20
        m=video 51372/2 RTP/AVP 99
        i=Slides
        c=IN IP6 ff15::101/3
        k=prompt
        a=rtpmap:99 h263-1998/90000
        a=sendonly
        """)

    @Test func parsesEveryFieldOfTheSeminarExample() throws {
        let session = try SDPSession(parsing: Self.seminar)
        #expect(session.origin == SDPSession.Origin(username: "jdoe", sessionID: 2_890_844_526, sessionVersion: 2_890_842_807,
                                                    address: SDPSession.Address(addressType: "IP4", address: "10.47.16.5")))
        #expect(session.name == "SDP Seminar")
        #expect(session.information == "A Seminar on the session description protocol")
        #expect(session.otherFields == [SDPSession.Field(type: "u", value: "http://www.example.com/seminars/sdp.pdf"),
                                        SDPSession.Field(type: "e", value: "j.doe@example.com (Jane Doe)")])
        #expect(session.connection?.address == "224.2.17.12/127")
        #expect(session.bandwidths == [SDPSession.Bandwidth(type: "CT", value: 128)])
        #expect(session.timings == [SDPSession.Timing(start: 2_873_397_496, stop: 2_873_404_696, repeats: ["7d 1h 0 25h"])])
        #expect(session.defaultDirection == .recvonly)
        #expect(session.media.count == 2)
        let audio = session.media[0]
        #expect(audio.type == "audio" && audio.port == 49170 && audio.portCount == nil && audio.transport == "RTP/AVP")
        #expect(audio.payloadTypes == [0, 101])
        #expect(audio.rtpMaps == [101: SDPSession.RTPMap(payloadType: 101, encodingName: "telephone-event", clockRate: 8000)])
        #expect(audio.formatParameters(for: 101) == "0-15")
        #expect(audio.formatParameters(for: 0) == nil)
        #expect(audio.packetTime == 20)
        #expect(audio.explicitDirection == nil)
        #expect(audio.bandwidths == [SDPSession.Bandwidth(type: "AS", value: 64)])
        let video = session.media[1]
        #expect(video.port == 51372 && video.portCount == 2)
        #expect(video.information == "Slides")
        #expect(video.connection == SDPSession.Address(addressType: "IP6", address: "ff15::101/3"))
        #expect(video.otherFields == [SDPSession.Field(type: "k", value: "prompt")])
        #expect(video.explicitDirection == .sendonly)
    }

    @Test func serializesBackToTheSameText() throws {
        let session = try SDPSession(parsing: Self.seminar)
        #expect(session.serialized() == Self.seminar)
        #expect(try SDPSession(parsing: session.serialized()) == session)
    }

    @Test func acceptsLineFeedsAndWritesCRLF() throws {
        let lf = Self.seminar.replacing("\r\n", with: "\n")
        let session = try SDPSession(parsing: lf)
        #expect(session == (try SDPSession(parsing: Self.seminar)))
        #expect(session.serialized() == Self.seminar)
    }

    @Test func writesFieldsInRFC4566Order() {
        var session = SDPSession(origin: SDPSession.Origin(username: "-", sessionID: 1, sessionVersion: 2,
                                                           address: SDPSession.Address(host: "2001:db8::1")))
        session.otherFields = [SDPSession.Field(type: "k", value: "clear:x"), SDPSession.Field(type: "p", value: "+1 555 0100")]
        session.attributes = [SDPSession.Attribute("tool", "msgr")]
        session.connection = SDPSession.Address(host: "2001:db8::1")
        session.media = [SDPSession.Media(type: "audio", port: 0, formats: ["0"])]
        #expect(session.serialized() == crlf("""
            v=0
            o=- 1 2 IN IP6 2001:db8::1
            s=-
            p=+1 555 0100
            c=IN IP6 2001:db8::1
            t=0 0
            k=clear:x
            a=tool:msgr
            m=audio 0 RTP/AVP 0
            """))
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let code: SDPError.Code
        let testDescription: String

        init(_ text: String, _ code: SDPError.Code, _ name: String) {
            self.text = text
            self.code = code
            self.testDescription = name
        }
    }

    static let head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"

    static let bad: [Bad] = [
        Bad("", .invalidLine, "empty"),
        Bad(head + "m=audio 4000 RTP/AVP 0", .invalidLine, "last line unterminated"),
        Bad(head + "\r\nm=audio 4000 RTP/AVP 0\r\n", .invalidLine, "blank line"),
        Bad(head + "a =sendrecv\r\n", .invalidLine, "space before ="),
        Bad(head + "A=sendrecv\r\n", .invalidLine, "uppercase type"),
        Bad(head + "a=x\ry\r\n", .invalidLine, "bare CR"),
        Bad(head + "a=x\u{0}\r\n", .invalidLine, "NUL"),
        Bad(head + "x=foo\r\n", .unknownType, "unknown type"),
        Bad("v=1\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n", .invalidVersion, "version 1"),
        Bad("o=- 1 1 IN IP4 a\r\nv=0\r\ns=-\r\nt=0 0\r\n", .missingLine, "v= not first"),
        Bad("v=0\r\ns=-\r\nt=0 0\r\n", .missingLine, "no o="),
        Bad("v=0\r\no=- 1 1 IN IP4 a\r\nt=0 0\r\n", .missingLine, "no s="),
        Bad("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\n", .missingLine, "no t="),
        Bad("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n", .missingLine, "no c="),
        Bad(head + "s=again\r\n", .duplicateLine, "two s="),
        Bad(head + "c=IN IP4 192.0.2.2\r\n", .duplicateLine, "two session c="),
        Bad(head + "v=0\r\n", .duplicateLine, "two v="),
        Bad("v=0\r\no=- 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n", .invalidOrigin, "o= with five fields"),
        Bad("v=0\r\no=-  1 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n", .invalidOrigin, "o= with two spaces"),
        Bad("v=0\r\no=- x 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n", .invalidOrigin, "o= session id not a number"),
        Bad("v=0\r\no=- 99999999999999999999 1 IN IP4 a\r\ns=-\r\nt=0 0\r\n", .invalidOrigin, "o= session id over 64 bits"),
        Bad("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\n", .invalidConnection, "c= with two fields"),
        Bad("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=now 0\r\n", .invalidTiming, "t= not a number"),
        Bad("v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nt=0 0 \r\n", .invalidTiming, "t= trailing space"),
        Bad(head + "b=AS64\r\n", .invalidBandwidth, "b= without colon"),
        Bad(head + "m=audio 70000 RTP/AVP 0\r\n", .invalidMedia, "port over 65535"),
        Bad(head + "m=audio 4000 RTP/AVP\r\n", .invalidMedia, "no format"),
        Bad(head + "m=audio 4000 RTP/AVP 128\r\n", .invalidMedia, "payload type 128"),
        Bad(head + "m=audio 4000/0 RTP/AVP 0\r\n", .invalidMedia, "port count 0"),
        Bad(head + "m=audio 4000 RTP/AVP 0\r\no=- 1 1 IN IP4 a\r\n", .misplacedLine, "o= after m="),
        Bad(head + "m=audio 4000 RTP/AVP 0\r\nt=0 0\r\n", .misplacedLine, "t= after m="),
        Bad(head + "a=sendrecv\r\nr=1d 1h 0\r\n", .misplacedLine, "r= not after t="),
        Bad(head + "m=audio 4000 RTP/AVP 0\r\nc=IN IP4 a\r\nc=IN IP4 b\r\n", .duplicateLine, "two media c="),
        Bad(head + "a=rtpmap:0 PCMU\r\n", .invalidAttribute, "rtpmap without clock rate"),
        Bad(head + "a=rtpmap:200 PCMU/8000\r\n", .invalidAttribute, "rtpmap payload type 200"),
        Bad(head + "a=fmtp:101\r\n", .invalidAttribute, "fmtp without parameters"),
        Bad(head + "a=ptime:0\r\n", .invalidAttribute, "ptime 0"),
        Bad(head + "a=:x\r\n", .invalidAttribute, "attribute without name"),
        Bad(head + "a=ptime:\r\n", .invalidAttribute, "attribute with empty value"),
        Bad(head + "i=\r\n", .invalidLine, "empty i="),
    ]

    @Test(arguments: bad) func refusesMalformedDescriptions(_ bad: Bad) {
        #expect(Self.failure(bad.text) == bad.code)
    }

    static func failure(_ text: String) -> SDPError.Code? {
        do {
            _ = try SDPSession(parsing: text)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func refusesNonUTF8() {
        let bytes = Array(Self.head.utf8) + [UInt8(ascii: "i"), UInt8(ascii: "="), 0xC3, 0x28, 0x0D, 0x0A]
        #expect(throws: SDPError(.invalidEncoding, "not UTF-8")) { try SDPSession(parsing: bytes) }
    }

    @Test func enforcesTheBounds() {
        let large = Self.head + String(repeating: "a=x-filler:0123456789012345678901234567890123456789\r\n", count: 1_300)
        #expect(throws: SDPError(.tooLarge, "\(large.utf8.count) bytes, at most 65536")) { try SDPSession(parsing: large) }
        let manyLines = Self.head + String(repeating: "a=x\r\n", count: 1_020)
        #expect(throws: SDPError(.tooManyLines, "more than 1024 lines")) { try SDPSession(parsing: manyLines) }
        let manyMedia = Self.head + String(repeating: "m=audio 0 RTP/AVP 0\r\n", count: 65)
        #expect(throws: SDPError(.tooManyMediaSections, "more than 64 m= lines")) { try SDPSession(parsing: manyMedia) }
        let justEnough = Self.head + String(repeating: "m=audio 0 RTP/AVP 0\r\n", count: 64)
        #expect((try? SDPSession(parsing: justEnough))?.media.count == 64)
    }

    @Test func directionsMirror() {
        #expect(SDPSession.Direction.allCases.map(\.mirrored) == [.sendrecv, .recvonly, .sendonly, .inactive])
    }
}
