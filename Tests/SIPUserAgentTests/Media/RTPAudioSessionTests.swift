import Foundation
import NIOCore
import NIOPosix
import SIPCore
import SIPUserAgent
import Testing

/// Two sessions on loopback, started through a real offer/answer, so the
/// streams are what the user agent would hand them.
@Suite struct RTPAudioSessionTests {
    /// Streams for an offerer and an answerer, each toward the other's port.
    static func streams(offerer: RTPAudioSession, answerer: RTPAudioSession, codecs: [SDPOfferAnswer.Codec],
                        offeredDirection: SDPSession.Direction = .sendrecv) throws -> (SDPOfferAnswer.Stream, SDPOfferAnswer.Stream) {
        let a = SDPOfferAnswer(address: "127.0.0.1", sessionID: 1, codecs: codecs)
        let b = SDPOfferAnswer(address: "127.0.0.1", sessionID: 2, codecs: codecs)
        let offer = a.offer(port: offerer.localPort, direction: offeredDirection)
        let answer = b.answer(to: offer, port: answerer.localPort)
        let answererStream = try #require(answer.stream)
        let offererStream = try #require(try a.stream(answer: answer.session, offer: offer))
        return (offererStream, answererStream)
    }

    @Test(arguments: [SDPOfferAnswer.Codec.pcmu, .pcma])
    func tonesFlowBothWaysAndAreRecorded(codec: SDPOfferAnswer.Codec) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let alice = try await RTPAudioSession.open(source: .tone(frequency: 440), recording: folder.file("alice.wav"))
        let bob = try await RTPAudioSession.open(source: .tone(frequency: 1_000), recording: folder.file("bob.wav"))
        #expect(alice.localPort != 0 && bob.localPort != 0 && alice.localPort != bob.localPort)
        let (aliceStream, bobStream) = try Self.streams(offerer: alice, answerer: bob, codecs: [codec, .telephoneEvent])
        #expect(aliceStream.codec.encodingName == codec.encodingName)
        let clock = ContinuousClock()
        let started = clock.now
        try await alice.start(aliceStream)
        try await bob.start(bobStream)
        // At least 0.3 s each way; waited for rather than slept, because the
        // whole suite shares two cores and pacing may lag far behind the clock.
        let wanted = 2_400
        let deadline = clock.now + .seconds(30)
        while clock.now < deadline, alice.statistics.samplesReceived < wanted || bob.statistics.samplesReceived < wanted {
            try await Task.sleep(for: .milliseconds(50))
        }
        let aliceTotals = await alice.stop()
        let bobTotals = await bob.stop()
        let elapsed = clock.now - started
        // More audio than time passed would be a bug (gap filling gone wrong), whatever the load.
        let mostSamples = elapsed / .seconds(1) * 8_000 * 1.5

        // Alice hears Bob's 1 kHz tone, Bob hears Alice's 440 Hz.
        for (recording, totals, frequency) in [(folder.file("alice.wav"), aliceTotals, 1_000.0),
                                               (folder.file("bob.wav"), bobTotals, 440.0)] {
            let heard = try WAVAudio(contentsOf: recording)
            #expect(heard.samples.count >= wanted && Double(heard.samples.count) < mostSamples,
                    "\(heard.samples.count) samples in \(elapsed)")
            #expect(abs(AudioAnalysis.rms(heard.samples) - 5_657) < 5_657 * 0.15)
            #expect(abs(AudioAnalysis.frequency(heard.samples) - frequency) < frequency * 0.1)
            #expect(abs(totals.receivedRMS - 5_657) < 5_657 * 0.15)
            #expect(totals.samplesReceived == totals.packetsReceived * 160)
            #expect(totals.packetsSent > 0 && totals.packetsReceived > 0)
        }
        #expect(aliceTotals.packetsReceived <= bobTotals.packetsSent && bobTotals.packetsReceived <= aliceTotals.packetsSent)
    }

    @Test func recvonlySideSendsNothing() async throws {
        let talker = try await RTPAudioSession.open(source: .tone(frequency: 440))
        let listener = try await RTPAudioSession.open(source: .tone(frequency: 1_000))
        let (talkerStream, listenerStream) = try Self.streams(offerer: talker, answerer: listener, codecs: [.pcmu],
                                                              offeredDirection: .sendonly)
        #expect(listenerStream.direction == .recvonly)
        try await talker.start(talkerStream)
        try await listener.start(listenerStream)
        try await Self.waitUntil { listener.statistics.packetsReceived >= 10 }
        let listenerTotals = await listener.stop()
        let talkerTotals = await talker.stop()
        #expect(listenerTotals.packetsSent == 0 && talkerTotals.packetsReceived == 0)
        #expect(listenerTotals.packetsReceived >= 10 && talkerTotals.packetsSent >= 10)
    }

    @Test func garbageAndWrongPayloadTypesAreNotRecorded() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let session = try await RTPAudioSession.open(source: .silence, recording: folder.file("in.wav"))
        let peer = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let peerPort = try #require(peer.localAddress?.port)
        // The session sends its silence to the peer, which ignores it.
        let a = SDPOfferAnswer(address: "127.0.0.1", sessionID: 1, codecs: [.pcma, .telephoneEvent])
        let offer = a.offer(port: session.localPort)
        let answer = SDPOfferAnswer(address: "127.0.0.1", sessionID: 2, codecs: [.pcma, .telephoneEvent])
            .answer(to: offer, port: UInt16(peerPort))
        try await session.start(try #require(try a.stream(answer: answer.session, offer: offer)))

        let destination = try SocketAddress(ipAddress: "127.0.0.1", port: Int(session.localPort))
        func send(_ bytes: [UInt8]) async throws {
            try await peer.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: ByteBuffer(bytes: bytes)))
        }
        func packet(_ sequenceNumber: UInt16, payloadType: UInt8 = 8, payload: [UInt8]) throws -> [UInt8] {
            try RTPPacket(payloadType: payloadType, sequenceNumber: sequenceNumber, timestamp: 0, ssrc: 5, payload: payload).serialized()
        }
        let voice = G711.Law.aLaw.encode([Int16](repeating: 2_000, count: 160))
        try await send(Array("REGISTER sip:x SIP/2.0\r\n\r\n".utf8))
        try await send([0x80, 0x08])
        try await send(try packet(1, payloadType: 0, payload: voice))     // PCMU: not what was agreed
        try await send(try packet(1, payloadType: 96, payload: voice))
        try await send(try packet(1, payload: voice) + [UInt8](repeating: 0, count: 1_400))  // over 1,500 bytes
        try await send(try packet(1, payloadType: 101, payload: TelephoneEvent(event: 1, duration: 80).serialized()))
        try await send(try packet(1, payload: voice))
        try await send(try packet(2, payload: voice))
        try await send(try packet(4, payload: voice))   // 3 is lost: 160 samples of silence
        try await Self.waitUntil { session.statistics.packetsReceived >= 4 }
        let totals = await session.stop()
        #expect(await session.stop() == totals)
        try await peer.close()

        #expect(totals.packetsReceived == 4)  // the telephone event and three voice packets
        #expect(totals.samplesReceived == 480)
        let recorded = try WAVAudio(contentsOf: folder.file("in.wav")).samples
        let level = G711.Law.aLaw.decode(G711.Law.aLaw.encode(Int16(2_000)))
        #expect(recorded == [Int16](repeating: level, count: 320) + [Int16](repeating: 0, count: 160)
            + [Int16](repeating: level, count: 160))
    }

    @Test func stopWithoutStartAndTwiceIsFine() async throws {
        let session = try await RTPAudioSession.open(source: .silence)
        #expect(await session.stop() == CallMediaStatistics())
        #expect(await session.stop() == CallMediaStatistics())
        let (stream, _) = try Self.streams(offerer: session, answerer: session, codecs: [.pcmu])
        let error = await #expect(throws: RTPAudioSessionError.self) { try await session.start(stream) }
        #expect(error?.code == .stopped)
    }

    @Test func startingTwiceIsRefused() async throws {
        let session = try await RTPAudioSession.open(source: .silence)
        let (stream, _) = try Self.streams(offerer: session, answerer: session, codecs: [.pcmu])
        try await session.start(stream)
        let error = await #expect(throws: RTPAudioSessionError.self) { try await session.start(stream) }
        #expect(error?.code == .alreadyStarted)
        _ = await session.stop()
    }

    @Test func unreadableWAVSourceFailsToOpen() async throws {
        let error = await #expect(throws: WAVError.self) {
            _ = try await RTPAudioSession.open(source: .wav(URL(fileURLWithPath: "/nonexistent/x.wav")))
        }
        #expect(error?.code == .fileAccess)
    }

    /// Polls `condition` every 20 ms for up to 30 s (the machine may be loaded).
    static func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within 30 s")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
