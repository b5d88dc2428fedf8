import Testing
@testable import SIPCore

@Suite struct G711Tests {
    @Test func muLawKnownValues() {
        #expect(G711.muLawEncode(0) == 0xFF)
        #expect(G711.muLawDecode(0xFF) == 0)
        #expect(G711.muLawDecode(0x7F) == 0)  // "negative zero"
        #expect(G711.muLawEncode(-1) == 0x7F)
        #expect(G711.muLawEncode(Int16.max) == 0x80)
        #expect(G711.muLawEncode(Int16.min) == 0x00)
        #expect(G711.muLawDecode(0x80) == 32_124)
        #expect(G711.muLawDecode(0x00) == -32_124)
        #expect(G711.muLawEncode(1_000) == 0xCE)
        #expect(G711.muLawDecode(0xCE) == 988)
    }

    @Test func aLawKnownValues() {
        #expect(G711.aLawEncode(0) == 0xD5)
        #expect(G711.aLawDecode(0xD5) == 8)
        #expect(G711.aLawEncode(-1) == 0x55)
        #expect(G711.aLawDecode(0x55) == -8)
        #expect(G711.aLawEncode(Int16.max) == 0xAA)
        #expect(G711.aLawEncode(Int16.min) == 0x2A)
        #expect(G711.aLawDecode(0xAA) == 32_256)
        #expect(G711.aLawDecode(0x2A) == -32_256)
        #expect(G711.aLawEncode(1_000) == 0xFA)
        #expect(G711.aLawDecode(0xFA) == 1_008)
    }

    /// Decoding gives the middle of the encoded step, so the error is at
    /// most half a step: μ-law steps are (|x| + 132) / 16 or finer, A-law
    /// steps 16 up to 1024 and |x| / 16 or finer above; A-law also drops 3
    /// bits before quantizing, worth up to one more unit at the negative side.
    @Test func roundTripErrorStaysWithinHalfAStep() {
        var worstMu = 0, worstA = 0
        for value in Int(Int16.min)...Int(Int16.max) {
            let sample = Int16(value)
            let magnitude = abs(value)
            let muError = abs(Int(G711.muLawDecode(G711.muLawEncode(sample))) - value)
            if magnitude <= 32_635 {
                #expect(muError * 32 <= magnitude + 132, "μ-law \(value)")
            }
            let aError = abs(Int(G711.aLawDecode(G711.aLawEncode(sample))) - value)
            if magnitude <= 32_256 + 256 {
                #expect(aError <= max(8, magnitude / 32 + 1) + 1, "A-law \(value)")
            }
            worstMu = max(worstMu, muError)
            worstA = max(worstA, aError)
        }
        // Beyond the last decision level both clip to their largest value.
        #expect(worstMu == 32_768 - 32_124)
        #expect(worstA == 32_768 - 32_256)
    }

    @Test func everyCodeSurvivesDecodeThenEncode() {
        for code in UInt8.min...UInt8.max {
            #expect(G711.aLawEncode(G711.aLawDecode(code)) == code)
            if code != 0x7F {  // μ-law −0 re-encodes as +0
                #expect(G711.muLawEncode(G711.muLawDecode(code)) == code)
            }
        }
    }

    @Test func encodesBuffers() {
        #expect(G711.Law.muLaw.encode([0, Int16.max, Int16.min]) == [0xFF, 0x80, 0x00])
        #expect(G711.Law.aLaw.decode([0xD5, 0x55]) == [8, -8])
    }

    @Test func toneFramesAre20MillisecondsWithContinuousPhase() {
        var tone = ToneGenerator(frequency: 1_000, amplitude: 10_000)
        let first = tone.nextFrame()
        let second = tone.nextFrame()
        #expect(first.count == 160 && second.count == 160)
        // 1 kHz at 8 kHz is eight samples per cycle.
        #expect(Array(first.prefix(8)) == [0, 7_071, 10_000, 7_071, 0, -7_071, -10_000, -7_071])
        #expect(Array(second.prefix(8)) == Array(first.prefix(8)))
    }

    @Test func toneHasItsFrequency() {
        var tone = ToneGenerator(frequency: 440)
        let second = (0..<50).flatMap { _ in tone.nextFrame() }
        #expect(second.count == 8_000)
        #expect(second.max() == 8_000 && second.min() == -8_000)
        let crossings = zip(second, second.dropFirst()).filter { ($0 < 0) != ($1 < 0) }.count
        // 880 zeros a second: the one at t = 0 starts the buffer and the one
        // at t = 1 s is past it, leaving 879 sign changes.
        #expect(crossings == 879)
    }
}
