import NIOCore
import NIOEmbedded
import NIOTestUtils
import Testing
@testable import SIPCore

@Suite struct SIPMessageDecoderTests {
    static let options = TortureMessages.wire("""
        OPTIONS sip:bob@example.test SIP/2.0
        Via: SIP/2.0/TCP host.example.test;branch=z9hG4bK1
        From: <sip:alice@example.test>;tag=1
        To: <sip:bob@example.test>
        Call-ID: one@host
        CSeq: 1 OPTIONS
        Content-Length: 0


        """)
    static let message = TortureMessages.wire("""
        MESSAGE sip:bob@example.test SIP/2.0
        Via: SIP/2.0/TCP host.example.test;branch=z9hG4bK2
        From: <sip:alice@example.test>;tag=2
        To: <sip:bob@example.test>
        Call-ID: two@host
        CSeq: 2 MESSAGE
        Content-Type: text/plain
        Content-Length: 11

        héllo, Bob
        """)

    @Test func survivesDripFeedingAndShuffling() throws {
        let options = try SIPMessageParser.parse(datagram: Self.options)
        let message = try SIPMessageParser.parse(datagram: Self.message)
        #expect(message.body == Array("héllo, Bob".utf8))
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (ByteBuffer(bytes: Self.options), [options]),
                (ByteBuffer(string: "\r\n\r\n"), []),  // RFC 5626 keep-alive
                (ByteBuffer(bytes: Self.message + Self.options), [message, options]),
            ],
            decoderFactory: { SIPMessageDecoder() }
        )
    }

    @Test func endOfStreamInsideAMessageIsAnError() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SIPMessageDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: Self.options + Self.message.dropLast(3)))
        #expect(try channel.readInbound(as: SIPMessage.self)?.headers.callID() == "one@host")
        #expect(try channel.readInbound(as: SIPMessage.self) == nil)
        #expect(throws: SIPParseError(.bodyTruncated, "stream ended inside a message (\(Self.message.count - 3) bytes)")) {
            try channel.finish()
        }
    }

    @Test func endOfStreamAfterKeepAlivesIsClean() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SIPMessageDecoder()))
        try channel.writeInbound(ByteBuffer(bytes: Self.options + Array("\r\n\r\n".utf8)))
        #expect(try channel.readInbound(as: SIPMessage.self)?.headers.callID() == "one@host")
        #expect(try channel.finish().isClean)
    }

    @Test func framingErrorsReachThePipeline() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SIPMessageDecoder()))
        let noLength = TortureMessages.wire("""
            OPTIONS sip:bob@example.test SIP/2.0
            Via: SIP/2.0/TCP host.example.test;branch=z9hG4bK1
            From: <sip:alice@example.test>;tag=1
            To: <sip:bob@example.test>
            Call-ID: one@host
            CSeq: 1 OPTIONS


            """)
        #expect(throws: SIPParseError(.missingContentLength, "Content-Length is required on stream transports")) {
            try channel.writeInbound(ByteBuffer(bytes: noLength))
        }
        _ = try? channel.finish()
    }
}
