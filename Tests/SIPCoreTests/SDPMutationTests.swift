import Testing
@testable import SIPCore

/// Seeded mutations of valid descriptions and RTP packets: nothing may
/// crash, and whatever parses serializes to something that parses to the
/// same value.
@Suite struct SDPMutationTests {
    static let seed: UInt64 = 0x5D9_4566_3264_3550
    static let tokens: [[UInt8]] = [[0x0D], [0x0A], [0x20], [0x3A], [0x2F], [0x3D], [0x00], [0xFF],
                                    Array("m=audio 0 RTP/AVP 0\r\n".utf8), Array("99999999999999999999".utf8)]

    static func mutate(_ input: [UInt8], using rng: inout ParserMutationTests.Generator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: bytes[at] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: bytes.removeSubrange(at...)
            case 2: bytes.remove(at: at)
            default: bytes.insert(contentsOf: tokens[Int.random(in: 0..<tokens.count, using: &rng)], at: at)
            }
        }
        return bytes
    }

    @Test func mutatedDescriptionsParseConsistentlyOrFail() async throws {
        var rng = ParserMutationTests.Generator(state: Self.seed)
        let corpus = ([SDPSessionTests.seminar] + RFC3264Examples.all).map { Array($0.utf8) }
        var parsed = 0
        for iteration in 0..<10_000 {
            if iteration % ParserMutationTests.iterationsPerYield == 0 { await Task.yield() }
            let bytes = Self.mutate(corpus[iteration % corpus.count], using: &rng)
            guard let session = try? SDPSession(parsing: bytes) else { continue }
            parsed += 1
            #expect(try SDPSession(parsing: session.serialized()) == session, "iteration \(iteration)")
        }
        #expect(parsed > 100)
    }

    @Test func mutatedPacketsParseConsistentlyOrFail() async throws {
        var rng = ParserMutationTests.Generator(state: Self.seed)
        let packet = RTPPacket(marker: true, payloadType: 8, sequenceNumber: 7, timestamp: 160, ssrc: 9, csrcs: [1],
                               headerExtension: RTPPacket.HeaderExtension(profile: 0xBEDE, data: [1, 2, 3, 4]),
                               payload: [0xD5, 0xD5, 0xD5], paddingLength: 2)
        let bytes = try packet.serialized()
        for iteration in 0..<10_000 {
            if iteration % ParserMutationTests.iterationsPerYield == 0 { await Task.yield() }
            guard let mutated = try? RTPPacket(parsing: Self.mutate(bytes, using: &rng)) else { continue }
            #expect(try RTPPacket(parsing: mutated.serialized()) == mutated, "iteration \(iteration)")
        }
    }
}
