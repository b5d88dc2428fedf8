import SIPCore
@testable import SIPUserAgent
import Testing

@Suite struct RTPAudioReceiverTests {
    static func packet(_ sequenceNumber: UInt16, payloadType: UInt8 = 0, ssrc: UInt32 = 7,
                       payload: [UInt8] = G711.Law.muLaw.encode([Int16](repeating: 1_000, count: 160))) -> [UInt8] {
        (try? RTPPacket(payloadType: payloadType, sequenceNumber: sequenceNumber, timestamp: UInt32(sequenceNumber) * 160,
                        ssrc: ssrc, payload: payload).serialized()) ?? []
    }

    static func receiver() -> RTPAudioReceiver {
        RTPAudioReceiver(payloadType: 0, law: .muLaw, telephoneEventPayloadType: 101)
    }

    @Test func decodesInOrderPackets() {
        var receiver = Self.receiver()
        let audio = receiver.receive(Self.packet(10)) + receiver.receive(Self.packet(11))
        #expect(audio == [Int16](repeating: G711.Law.muLaw.decode(G711.Law.muLaw.encode(1_000)), count: 320))
        #expect(receiver.packetsReceived == 2 && receiver.samplesReceived == 320)
    }

    @Test func fillsAGapWithSilenceAcrossTheWrap() {
        var receiver = Self.receiver()
        _ = receiver.receive(Self.packet(65_535))
        let audio = receiver.receive(Self.packet(2))  // 0 and 1 lost
        #expect(audio.count == 3 * 160)
        #expect(audio.prefix(320).allSatisfy { $0 == 0 } && audio.suffix(160).allSatisfy { $0 != 0 })
    }

    @Test func longGapIsFilledWithAtMostOneSecond() {
        var receiver = Self.receiver()
        _ = receiver.receive(Self.packet(1))
        #expect(receiver.receive(Self.packet(1_001)).count == 8_000 + 160)
    }

    @Test func duplicateAndLatePacketsAddNothing() {
        var receiver = Self.receiver()
        _ = receiver.receive(Self.packet(1))
        _ = receiver.receive(Self.packet(3))
        #expect(receiver.receive(Self.packet(2)).isEmpty)
        #expect(receiver.receive(Self.packet(3)).isEmpty)
        #expect(receiver.packetsReceived == 4 && receiver.samplesReceived == 320)
    }

    @Test func newSourceStartsWithoutAGap() {
        var receiver = Self.receiver()
        _ = receiver.receive(Self.packet(1))
        #expect(receiver.receive(Self.packet(40_000, ssrc: 8)).count == 160)
    }

    @Test func telephoneEventsAreCountedNotDecoded() throws {
        var receiver = Self.receiver()
        let event = try TelephoneEvent(event: 5, duration: 160).serialized()
        #expect(receiver.receive(Self.packet(1, payloadType: 101, payload: event)).isEmpty)
        #expect(receiver.packetsReceived == 1 && receiver.samplesReceived == 0 && receiver.telephoneEventsReceived == 1)
    }

    @Test func otherPayloadsAndGarbageAreDropped() {
        var receiver = Self.receiver()
        let datagrams: [[UInt8]] = [
            [], [0x80], Array("not rtp at all, really".utf8),
            Self.packet(1, payloadType: 8),                      // PCMA when PCMU was agreed
            Self.packet(2, payloadType: 13, payload: [40]),      // comfort noise
            Self.packet(3, payloadType: 101, payload: [1, 2]),   // a broken telephone event
            Self.packet(4, payload: []),
            Self.packet(5) + [UInt8](repeating: 0xFF, count: 1_500),  // over 1,500 bytes
        ]
        for datagram in datagrams { #expect(receiver.receive(datagram).isEmpty) }
        #expect(receiver.packetsReceived == 0 && receiver.receivedRMS == 0)
    }

    @Test func rmsOfAFullScaleToneSurvivesCompanding() {
        var receiver = Self.receiver()
        let tone = AudioAnalysis.sine(frequency: 1_000, amplitude: 8_000, sampleRate: 8_000, count: 8_000)
        for (index, start) in stride(from: 0, to: 8_000, by: 160).enumerated() {
            _ = receiver.receive(Self.packet(UInt16(index), payload: G711.Law.muLaw.encode(tone[start..<(start + 160)])))
        }
        #expect(abs(receiver.receivedRMS - 5_657) < 5_657 * 0.02)
    }
}

@Suite struct RTPSenderPartsTests {
    @Test func packetsNumberAndStampInSequence() {
        var packetizer = RTPAudioPacketizer(payloadType: 8, law: .aLaw, ssrc: 99, sequenceNumber: 65_535, timestamp: 4_294_967_200)
        let first = packetizer.packet(for: [Int16](repeating: 0, count: 160))
        let second = packetizer.packet(for: [Int16](repeating: 0, count: 160))
        packetizer.skip(samples: 160)
        let third = packetizer.packet(for: [Int16](repeating: 0, count: 80))
        #expect(first.marker && !second.marker && !third.marker)
        #expect([first.sequenceNumber, second.sequenceNumber, third.sequenceNumber] == [65_535, 0, 1])
        #expect([first.timestamp, second.timestamp, third.timestamp] == [4_294_967_200, 64, 384])
        #expect(first.payloadType == 8 && first.ssrc == 99 && first.payload == [UInt8](repeating: 0xD5, count: 160))
        #expect(third.payload.count == 80)
    }

    @Test func pacerFollowsTheClockAndCapsBursts() {
        var pacer = RTPPacer(interval: .milliseconds(20), maximumBurst: 3)
        #expect(pacer.due(after: .zero) == (0, 1))
        #expect(pacer.nextDeadline == .milliseconds(20))
        #expect(pacer.due(after: .milliseconds(19)) == (0, 0))
        #expect(pacer.due(after: .milliseconds(41)) == (0, 2))
        // A 200 ms stall: 10 packets due, 3 sent, 7 skipped.
        #expect(pacer.due(after: .milliseconds(241)) == (7, 3))
        #expect(pacer.nextDeadline == .milliseconds(260))
    }
}
