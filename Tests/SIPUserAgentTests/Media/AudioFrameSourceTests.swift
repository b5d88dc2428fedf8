@testable import SIPUserAgent
import Testing

@Suite struct AudioFrameSourceTests {
    static let clip = (1...200).map { Int16($0) }

    @Test func wavWithoutLoopGoesOnAsSilence() {
        var frames = AudioFrameSource(.samples(Self.clip, loop: false), frameMilliseconds: 20)
        #expect(frames.nextFrame() == Array(Self.clip[0..<160]))
        #expect(frames.nextFrame() == Array(Self.clip[160...]) + [Int16](repeating: 0, count: 120))
        #expect(frames.nextFrame() == [Int16](repeating: 0, count: 160))
    }

    @Test func loopedWAVStartsOver() {
        var frames = AudioFrameSource(.samples(Self.clip, loop: true), frameMilliseconds: 20)
        _ = frames.nextFrame()
        #expect(frames.nextFrame() == Array(Self.clip[160...]) + Array(Self.clip[0..<120]))
    }

    @Test func frameLengthFollowsThePacketTime() {
        var tone = AudioFrameSource(.tone(frequency: 1_000, amplitude: 8_000), frameMilliseconds: 30)
        let frame = tone.nextFrame()
        #expect(frame.count == 240)
        // 1 kHz at 8 kHz: eight samples a cycle, the second at 45°.
        #expect(frame[0] == 0 && frame[1] == 5_657 && frame[2] == 8_000 && frame[8] == 0)
        var silence = AudioFrameSource(.silence, frameMilliseconds: 10)
        #expect(silence.nextFrame() == [Int16](repeating: 0, count: 80))
    }
}
