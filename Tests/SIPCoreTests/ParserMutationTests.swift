import Testing
@testable import SIPCore

/// A seeded random mutator over the torture messages: byte flips,
/// truncation, duplication, insertion of CR/LF/quotes and huge lengths, run
/// through the datagram parser and the stream framer. Nothing may crash, and
/// the framer's buffer stays within its bound.
@Suite struct ParserMutationTests {
    /// xorshift64*: small, deterministic, seedable.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    static let seed: UInt64 = 0x5151_C0DE_4475_2026
    static let iterations = 20_000

    static let corpus: [[UInt8]] = SIPMessageTests.accepted + [
        TortureMessages.badinv01, TortureMessages.clerr, TortureMessages.ncl, TortureMessages.scalar02,
        TortureMessages.quotbal, TortureMessages.ltgtruri, TortureMessages.escruri, TortureMessages.regbadct,
        TortureMessages.badaspec, TortureMessages.baddn, TortureMessages.multi01, TortureMessages.mcl01,
    ]

    static func mutate(_ input: [UInt8], using rng: inout Generator) -> [UInt8] {
        var bytes = input
        let tokens: [[UInt8]] = [[0x0D], [0x0A], [0x0D, 0x0A], [0x22], [0x3C], [0x3E], [0x3B], [0x2C], [0x25], [0x00], [0xFF],
                                 Array("\r\n ".utf8), Array("Content-Length: 4294967296\r\n".utf8),
                                 Array("l: 99999999999999999999\r\n".utf8), Array("\r\n\r\n".utf8)]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[at] ^= UInt8.random(in: 1...255, using: &rng)
            case 1: bytes.removeSubrange(at...)
            case 2:
                let end = min(bytes.count, at + Int.random(in: 1...200, using: &rng))
                bytes.insert(contentsOf: bytes[at..<end], at: at)
            case 3: bytes.insert(contentsOf: tokens[Int.random(in: 0..<tokens.count, using: &rng)], at: at)
            case 4: bytes.remove(at: at)
            default:
                let copies = Int.random(in: 1...40, using: &rng)
                let slice = Array(bytes[at..<min(bytes.count, at + 64)])
                for _ in 0..<copies { bytes.insert(contentsOf: slice, at: at) }
            }
        }
        return bytes
    }

    /// How often the mutation loops give their thread back. Test functions
    /// run on the few threads of the cooperative pool; a loop that held one
    /// for seconds would starve the live-server tests running beside it.
    static let iterationsPerYield = 50

    @Test func randomMutationsNeverCrash() async {
        print("ParserMutationTests seed: 0x\(String(Self.seed, radix: 16))")
        var rng = Generator(state: Self.seed)
        var accepted = 0
        var framer = SIPStreamFramer()
        var maxBuffered = 0
        for iteration in 0..<Self.iterations {
            if iteration % Self.iterationsPerYield == 0 { await Task.yield() }
            let input = Self.corpus[Int.random(in: 0..<Self.corpus.count, using: &rng)]
            let mutated = Self.mutate(input, using: &rng)
            if let message = try? SIPMessageParser.parse(datagram: mutated) {
                accepted += 1
                // Whatever is accepted must serialize to something accepted again.
                #expect((try? SIPMessageParser.parse(datagram: message.serialized())) != nil)
            }
            framer.append(mutated)
            do {
                while try framer.next() != nil {}
            } catch {
                framer = SIPStreamFramer()
            }
            maxBuffered = max(maxBuffered, framer.bufferedByteCount)
        }
        #expect(accepted > 0)
        #expect(maxBuffered <= framer.limits.maxMessageSize + 70_000)
    }
}
