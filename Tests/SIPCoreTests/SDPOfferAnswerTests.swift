import Testing
@testable import SIPCore

/// RFC 3264 §10's example descriptions, verbatim (with their empty `s=`).
enum RFC3264Examples {
    static let aliceOffer = crlf("""
        v=0
        o=alice 2890844526 2890844526 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 49170 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 51372 RTP/AVP 31
        a=rtpmap:31 H261/90000
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        """)
    static let bobAnswer = crlf("""
        v=0
        o=bob 2890844730 2890844730 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 49920 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 0 RTP/AVP 31
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        """)
    static let bobReoffer = crlf("""
        v=0
        o=bob 2890844730 2890844731 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 65422 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 0 RTP/AVP 31
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        m=audio 51434 RTP/AVP 110
        a=rtpmap:110 telephone-events/8000
        a=recvonly
        """)
    static let aliceReanswer = crlf("""
        v=0
        o=alice 2890844526 2890844527 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 49170 RTP/AVP 0
        a=rtpmap:0 PCMU/8000
        m=video 0 RTP/AVP 31
        a=rtpmap:31 H261/90000
        m=video 53000 RTP/AVP 32
        a=rtpmap:32 MPV/90000
        m=audio 53122 RTP/AVP 110
        a=rtpmap:110 telephone-events/8000
        a=sendonly
        """)
    static let inactiveOffer = crlf("""
        v=0
        o=alice 2890844526 2890844526 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 62986 RTP/AVP 0 4 18
        a=rtpmap:0 PCMU/8000
        a=rtpmap:4 G723/8000
        a=rtpmap:18 G729/8000
        a=inactive
        """)
    static let inactiveAnswer = crlf("""
        v=0
        o=bob 2890844730 2890844731 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 54344 RTP/AVP 0 4
        a=rtpmap:0 PCMU/8000
        a=rtpmap:4 G723/8000
        a=inactive
        """)
    static let lockDownOffer = crlf("""
        v=0
        o=alice 2890844526 2890844527 IN IP4 host.anywhere.com
        s=
        c=IN IP4 host.anywhere.com
        t=0 0
        m=audio 62986 RTP/AVP 4
        a=rtpmap:4 G723/8000
        a=sendrecv
        """)
    static let lockDownAnswer = crlf("""
        v=0
        o=bob 2890844730 2890844732 IN IP4 host.example.com
        s=
        c=IN IP4 host.example.com
        t=0 0
        m=audio 54344 RTP/AVP 4
        a=rtpmap:4 G723/8000
        a=sendrecv
        """)

    static let all = [aliceOffer, bobAnswer, bobReoffer, aliceReanswer, inactiveOffer, inactiveAnswer, lockDownOffer, lockDownAnswer]
}

@Suite struct SDPOfferAnswerTests {
    static let bob = SDPOfferAnswer(address: "192.0.2.20", sessionID: 2_890_844_730, sessionVersion: 2_890_844_730,
                                    username: "bob", packetTime: nil)

    @Test(arguments: RFC3264Examples.all) func rfc3264ExamplesRoundTrip(_ text: String) throws {
        #expect(try SDPSession(parsing: text).serialized() == text)
    }

    @Test func answersTheBasicExchangeRejectingVideo() throws {
        let answer = Self.bob.answer(to: try SDPSession(parsing: RFC3264Examples.aliceOffer), port: 49920)
        #expect(answer.session.serialized() == crlf("""
            v=0
            o=bob 2890844730 2890844730 IN IP4 192.0.2.20
            s=-
            c=IN IP4 192.0.2.20
            t=0 0
            m=audio 49920 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            m=video 0 RTP/AVP 31
            m=video 0 RTP/AVP 32
            """))
        #expect(answer.stream == SDPOfferAnswer.Stream(mediaIndex: 0, remoteAddress: "host.anywhere.com", remotePort: 49170,
                                                       codec: .pcmu, telephoneEventPayloadType: nil, direction: .sendrecv,
                                                       remotePacketTime: nil))
    }

    @Test func readsBobsAnswerToTheBasicExchange() throws {
        let alice = SDPOfferAnswer(address: "host.anywhere.com", sessionID: 2_890_844_526)
        let stream = try alice.stream(answer: try SDPSession(parsing: RFC3264Examples.bobAnswer),
                                      offer: try SDPSession(parsing: RFC3264Examples.aliceOffer))
        #expect(stream == SDPOfferAnswer.Stream(mediaIndex: 0, remoteAddress: "host.example.com", remotePort: 49920,
                                                codec: .pcmu, telephoneEventPayloadType: nil, direction: .sendrecv,
                                                remotePacketTime: nil))
        // The second exchange: the recvonly event stream is answered sendonly.
        let bob = SDPOfferAnswer(address: "host.example.com", sessionID: 2_890_844_730)
        let again = try bob.stream(answer: try SDPSession(parsing: RFC3264Examples.aliceReanswer),
                                   offer: try SDPSession(parsing: RFC3264Examples.bobReoffer))
        #expect(again?.remotePort == 49170)
        #expect(again?.remoteAddress == "host.anywhere.com")
    }

    @Test func answersTheReofferKeepingOnlyTheFirstAudio() throws {
        var alice = SDPOfferAnswer(address: "192.0.2.10", sessionID: 2_890_844_526, sessionVersion: 2_890_844_527,
                                   username: "alice", packetTime: nil)
        alice.codecs = [.pcmu, .telephoneEvent]
        let answer = alice.answer(to: try SDPSession(parsing: RFC3264Examples.bobReoffer), port: 49170)
        // "telephone-events" (sic, RFC 3264) is no codec we know, and alone it carries no voice.
        #expect(answer.session.serialized() == crlf("""
            v=0
            o=alice 2890844526 2890844527 IN IP4 192.0.2.10
            s=-
            c=IN IP4 192.0.2.10
            t=0 0
            m=audio 49170 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            m=video 0 RTP/AVP 31
            m=video 0 RTP/AVP 32
            m=audio 0 RTP/AVP 110
            """))
        #expect(answer.stream?.remotePort == 65422)
    }

    @Test func answersAnInactiveOfferInactive() throws {
        let answer = Self.bob.answer(to: try SDPSession(parsing: RFC3264Examples.inactiveOffer), port: 54344)
        #expect(answer.session.serialized() == crlf("""
            v=0
            o=bob 2890844730 2890844730 IN IP4 192.0.2.20
            s=-
            c=IN IP4 192.0.2.20
            t=0 0
            m=audio 54344 RTP/AVP 0
            a=rtpmap:0 PCMU/8000
            a=inactive
            """))
        #expect(answer.stream?.direction == .inactive)
        // Alice reads Bob's RFC answer: of PCMU and G723 only PCMU is ours.
        let alice = SDPOfferAnswer(address: "host.anywhere.com", sessionID: 1)
        let stream = try alice.stream(answer: try SDPSession(parsing: RFC3264Examples.inactiveAnswer),
                                      offer: try SDPSession(parsing: RFC3264Examples.inactiveOffer))
        #expect(stream?.codec == .pcmu)
        #expect(stream?.direction == .inactive)
        #expect(stream?.remotePort == 54344)
    }

    @Test func rejectsAnOfferWithoutACommonCodec() throws {
        let answer = Self.bob.answer(to: try SDPSession(parsing: RFC3264Examples.lockDownOffer), port: 54344)
        #expect(answer.session.media == [SDPSession.Media(type: "audio", port: 0, formats: ["4"])])
        #expect(answer.stream == nil)
    }

    static let caller = SDPOfferAnswer(address: "192.0.2.10", sessionID: 42, sessionVersion: 1)

    @Test func offersG711AndTelephoneEvents() {
        #expect(Self.caller.offer(port: 40000).serialized() == crlf("""
            v=0
            o=- 42 1 IN IP4 192.0.2.10
            s=-
            c=IN IP4 192.0.2.10
            t=0 0
            m=audio 40000 RTP/AVP 0 8 101
            a=rtpmap:0 PCMU/8000
            a=rtpmap:8 PCMA/8000
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=ptime:20
            a=sendrecv
            """))
    }

    @Test func answerKeepsTheOfferersDynamicNumbersOrderAndMirrorsDirection() throws {
        let offer = try SDPSession(parsing: crlf("""
            v=0
            o=- 7 7 IN IP4 198.51.100.7
            s=call
            c=IN IP4 198.51.100.7
            t=0 0
            a=sendonly
            m=audio 30000 RTP/AVP 18 8 0 96
            a=rtpmap:96 TELEPHONE-EVENT/8000
            a=fmtp:96 0-16
            a=ptime:30
            """))
        let callee = SDPOfferAnswer(address: "2001:db8::2", sessionID: 9, sessionVersion: 3)
        let answer = callee.answer(to: offer, port: 50000)
        #expect(answer.session.serialized() == crlf("""
            v=0
            o=- 9 3 IN IP6 2001:db8::2
            s=-
            c=IN IP6 2001:db8::2
            t=0 0
            m=audio 50000 RTP/AVP 8 0 96
            a=rtpmap:8 PCMA/8000
            a=rtpmap:0 PCMU/8000
            a=rtpmap:96 telephone-event/8000
            a=fmtp:96 0-15
            a=ptime:20
            a=recvonly
            """))
        var pcma = SDPOfferAnswer.Codec.pcma
        pcma.payloadType = 8
        #expect(answer.stream == SDPOfferAnswer.Stream(mediaIndex: 0, remoteAddress: "198.51.100.7", remotePort: 30000,
                                                       codec: pcma, telephoneEventPayloadType: 96, direction: .recvonly,
                                                       remotePacketTime: 30))
        // The offerer reads that answer back: it sends PCMA, events on 96.
        let offerer = SDPOfferAnswer(address: "198.51.100.7", sessionID: 7)
        let stream = try offerer.stream(answer: answer.session, offer: offer)
        #expect(stream?.codec.encodingName == "PCMA")
        #expect(stream?.telephoneEventPayloadType == 96)
        #expect(stream?.direction == .sendonly)
        #expect(stream?.remoteAddress == "2001:db8::2")
        #expect(stream?.remotePacketTime == 20)
    }

    @Test func holdAnswersOnlyWhatWeAllow() throws {
        let offer = Self.caller.offer(port: 40000)
        let answer = Self.bob.answer(to: offer, port: 6000, direction: .sendonly)
        #expect(answer.session.media[0].explicitDirection == .sendonly)
        #expect(answer.stream?.direction == .sendonly)
        #expect(try Self.caller.stream(answer: answer.session, offer: offer)?.direction == .recvonly)
    }

    @Test func answerWithoutDirectionTakesWhatTheOfferAllows() throws {
        let offer = Self.caller.offer(port: 40000, direction: .sendonly)
        let answer = try SDPSession(parsing: "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 192.0.2.30\r\nt=0 0\r\nm=audio 7000 RTP/AVP 8\r\n")
        let stream = try Self.caller.stream(answer: answer, offer: offer)
        #expect(stream?.direction == .sendonly)
        #expect(stream?.codec == .pcma)
    }

    @Test func answerMayRenumberAnOfferedCodec() throws {
        let offer = Self.caller.offer(port: 40000)
        let answer = try SDPSession(parsing: crlf("""
            v=0
            o=- 1 1 IN IP4 192.0.2.30
            s=-
            c=IN IP4 192.0.2.30
            t=0 0
            m=audio 7000 RTP/AVP 0 97
            a=rtpmap:97 telephone-event/8000
            """))
        let stream = try Self.caller.stream(answer: answer, offer: offer)
        #expect(stream?.telephoneEventPayloadType == 97)
        #expect(stream?.codec == .pcmu)
        #expect(stream?.remotePort == 7000)
    }

    struct BadAnswer: Sendable, CustomTestStringConvertible {
        let media: String
        let error: SDPError
        var testDescription: String { error.code.rawValue + " " + error.detail }
    }

    static let badAnswers: [BadAnswer] = [
        BadAnswer(media: "m=audio 7000 RTP/AVP 0\r\nm=video 0 RTP/AVP 31\r\n",
                  error: SDPError(.mediaMismatch, "2 m= lines answer 1")),
        BadAnswer(media: "m=video 7000 RTP/AVP 31\r\n", error: SDPError(.mediaMismatch, "m= line 0 is video, offered audio")),
        BadAnswer(media: "m=audio 7000 RTP/AVP 3\r\n", error: SDPError(.unknownFormat, "m= line 0: payload type 3 was not offered")),
        BadAnswer(media: "m=audio 7000 RTP/AVP 96\r\na=rtpmap:96 opus/48000/2\r\n",
                  error: SDPError(.unknownFormat, "m= line 0: 96 opus/48000/2 was not offered")),
        BadAnswer(media: "m=audio 7000 RTP/AVP 101\r\n", error: SDPError(.unknownFormat, "m= line 0 has no voice codec we offered")),
        BadAnswer(media: "m=audio 7000 RTP/AVP 0\r\na=sendonly\r\n",
                  error: SDPError(.invalidDirection, "m= line 0 answers sendonly with sendonly")),
    ]

    @Test(arguments: badAnswers) func refusesAnswersThatDoNotFitTheOffer(_ bad: BadAnswer) throws {
        let offer = Self.caller.offer(port: 40000, direction: .sendonly)
        let answer = try SDPSession(parsing: "v=0\r\no=- 1 1 IN IP4 a\r\ns=-\r\nc=IN IP4 192.0.2.30\r\nt=0 0\r\n" + bad.media)
        #expect(throws: bad.error) { try Self.caller.stream(answer: answer, offer: offer) }
    }

    @Test func refusesAPortOnAStreamOfferedWithPortZero() throws {
        var offer = Self.caller.offer(port: 40000)
        offer.media.append(SDPSession.Media(type: "video", port: 0, formats: ["31"]))
        var answer = Self.bob.answer(to: offer, port: 6000).session
        #expect(answer.media[1].port == 0)
        answer.media[1].port = 6002
        #expect(throws: SDPError(.mediaMismatch, "m= line 1 was offered with port 0")) {
            try Self.caller.stream(answer: answer, offer: offer)
        }
    }
}
