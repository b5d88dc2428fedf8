import Testing
@testable import SIPCore

@Suite struct RTPPacketTests {
    @Test func parsesAPlainG711Packet() throws {
        let bytes: [UInt8] = [0x80, 0x00, 0x12, 0x34, 0x00, 0x00, 0x03, 0x20, 0xDE, 0xAD, 0xBE, 0xEF, 0xFF, 0xFE]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet == RTPPacket(payloadType: 0, sequenceNumber: 0x1234, timestamp: 800, ssrc: 0xDEAD_BEEF, payload: [0xFF, 0xFE]))
        #expect(try packet.serialized() == bytes)
    }

    @Test func parsesMarkerCSRCsExtensionAndPadding() throws {
        let bytes: [UInt8] = [
            0xB2, 0xE5, 0xFF, 0xFF, 0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x2A,  // V=2 P X CC=2, M, PT 101
            0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02,  // CSRCs
            0xBE, 0xDE, 0x00, 0x01, 0x10, 0xAA, 0x00, 0x00,  // extension, one word
            0x05, 0x8A, 0x03, 0x20,  // payload: a telephone event
            0x00, 0x00, 0x03,  // padding of 3, count included
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.marker)
        #expect(packet.payloadType == 101)
        #expect(packet.sequenceNumber == 0xFFFF)
        #expect(packet.timestamp == 0x8000_0001)
        #expect(packet.ssrc == 42)
        #expect(packet.csrcs == [1, 2])
        #expect(packet.headerExtension == RTPPacket.HeaderExtension(profile: 0xBEDE, data: [0x10, 0xAA, 0x00, 0x00]))
        #expect(packet.payload == [0x05, 0x8A, 0x03, 0x20])
        #expect(packet.paddingLength == 3)
        #expect(try packet.serialized() == bytes)
        #expect(try TelephoneEvent(parsing: packet.payload) == TelephoneEvent(event: 5, isEnd: true, volume: 10, duration: 800))
    }

    static let header: [UInt8] = [0x80, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01]

    @Test(arguments: [
        ([UInt8](header.prefix(11)), RTPError(.truncated, "11 bytes, the fixed header needs 12")),
        ([0x40] + header.dropFirst(), RTPError(.unsupportedVersion, "version 1")),
        ([0x00] + header.dropFirst(), RTPError(.unsupportedVersion, "version 0")),
        ([0x81] + header.dropFirst() + [0, 0, 0], RTPError(.truncated, "1 CSRCs do not fit in 15 bytes")),
        ([0x90] + header.dropFirst() + [0xBE, 0xDE], RTPError(.truncated, "header extension")),
        ([0x90] + header.dropFirst() + [0xBE, 0xDE, 0x00, 0x02, 1, 2, 3, 4], RTPError(.truncated, "header extension of 8 bytes")),
        ([0xA0] + header.dropFirst() + [0xFF, 0x00], RTPError(.invalidPadding, "padding count 0 with 2 bytes after the headers")),
        ([0xA0] + header.dropFirst() + [0xFF, 0x03], RTPError(.invalidPadding, "padding count 3 with 2 bytes after the headers")),
        ([0xA0] + header.dropFirst(), RTPError(.invalidPadding, "padding count 0 with 0 bytes after the headers")),
    ] as [([UInt8], RTPError)])
    func refusesMalformedPackets(_ bytes: [UInt8], _ error: RTPError) {
        #expect(throws: error) { try RTPPacket(parsing: bytes) }
    }

    @Test func paddingMayBeThePayloadsWholeTail() throws {
        let packet = try RTPPacket(parsing: [0xA0] + Self.header.dropFirst() + [0x00, 0x02])
        #expect(packet.payload.isEmpty)
        #expect(packet.paddingLength == 2)
    }

    @Test func refusesToWriteWhatTheHeaderCannotHold() {
        var packet = RTPPacket(payloadType: 128, sequenceNumber: 0, timestamp: 0, ssrc: 0, payload: [])
        #expect(throws: RTPError(.invalidPayloadType, "128")) { try packet.serialized() }
        packet.payloadType = 0
        packet.csrcs = Array(repeating: 7, count: 16)
        #expect(throws: RTPError(.tooManyCSRCs, "16")) { try packet.serialized() }
        packet.csrcs = []
        packet.headerExtension = RTPPacket.HeaderExtension(profile: 1, data: [1, 2, 3])
        #expect(throws: RTPError(.invalidExtension, "extension data of 3 bytes is not a multiple of 4 up to 262140")) {
            try packet.serialized()
        }
    }

    @Test func unwrapsSequenceNumbersAcrossTheRollover() {
        var unwrapper = RTPSequenceUnwrapper()
        let extended = [65_533, 65_534, 65_535, 0, 65_535, 1, 2, 32_000].map { unwrapper.unwrap(UInt16($0)) }
        #expect(extended == [65_533, 65_534, 65_535, 65_536, 65_535, 65_537, 65_538, 97_536])
        #expect(unwrapper.highest == 97_536)
        // Backwards across the rollover from a fresh start goes below zero.
        var fresh = RTPSequenceUnwrapper()
        #expect([1, 65_535, 2].map { fresh.unwrap(UInt16($0)) } == [1, -1, 2])
    }

    @Test func jitterFollowsRFC3550AppendixA8() {
        var steady = RTPJitterEstimator()
        for packet in 0..<50 {
            steady.update(timestamp: UInt32(packet * 160), arrival: UInt32(packet * 160) &+ 4_000_000_000)
        }
        #expect(steady.jitter == 0)
        // Every packet arrives 16 units earlier or later than the last: |D| = 16.
        var jittery = RTPJitterEstimator()
        var estimates: [UInt32] = []
        for packet in 0..<400 {
            jittery.update(timestamp: UInt32(packet * 160), arrival: UInt32(packet * 160 + (packet % 2) * 16))
            estimates.append(jittery.jitter)
        }
        // J×16 goes 0, 16, 31, 45, 58, 70 …: J = 0, 1, 1, 2, 3, 4 …
        #expect(Array(estimates.prefix(6)) == [0, 1, 1, 2, 3, 4])
        // and settles where (J×16 + 8) / 16 = 16, i.e. J×16 = 248.
        #expect(estimates.last == 15)
    }

    @Test func telephoneEventsRoundTrip() throws {
        let event = TelephoneEvent(event: 11, isEnd: false, volume: 63, duration: 0xFFFF)
        #expect(try event.serialized() == [0x0B, 0x3F, 0xFF, 0xFF])
        #expect(try TelephoneEvent(parsing: [0x0B, 0x3F, 0xFF, 0xFF]) == event)
        #expect(event.digit == "#")
        // The reserved bit is ignored on receipt.
        #expect(try TelephoneEvent(parsing: [0x01, 0xC0, 0x00, 0xA0]) == TelephoneEvent(event: 1, isEnd: true, volume: 0, duration: 160))
        #expect(throws: RTPError(.invalidTelephoneEvent, "payload of 3 bytes, expected 4")) { try TelephoneEvent(parsing: [1, 2, 3]) }
        #expect(throws: RTPError(.invalidTelephoneEvent, "volume 64 above 63")) {
            try TelephoneEvent(event: 1, volume: 64, duration: 0).serialized()
        }
        #expect("0123456789*#abcd".map { TelephoneEvent.event(for: $0) } == (0...15).map { UInt8($0) })
        #expect(TelephoneEvent.event(for: "x") == nil)
        #expect(TelephoneEvent(event: 16, duration: 0).digit == nil)
    }
}
