import Foundation
import SIPUserAgent

/// What a recorded WAV holds, measured the simple way: its length, its
/// level (RMS) and its dominant frequency from zero crossings — enough to
/// tell one steady sine from another, or from silence.
struct RecordedTone: CustomStringConvertible {
    var seconds: Double
    var rms: Double
    var frequency: Double

    /// Reads `file` (any rate and channel count: `WAVAudio` makes it 8 kHz mono).
    init(file: URL) throws {
        let audio = try WAVAudio(contentsOf: file)
        let samples = audio.samples
        let count = Double(max(samples.count, 1))
        seconds = Double(samples.count) / Double(audio.sampleRate)
        rms = (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / count).squareRoot()
        var crossings = 0
        for (previous, next) in zip(samples, samples.dropFirst()) where (previous < 0) != (next < 0) { crossings += 1 }
        frequency = seconds > 0 ? Double(crossings) / 2 / seconds : 0
    }

    /// Waits up to `timeout` for `file` to hold at least `minimumSeconds`
    /// (a recording is finished a moment after its call ends), then measures it.
    static func waiting(for file: URL, minimumSeconds: Double, timeout: Duration = .seconds(30)) async throws -> RecordedTone {
        let deadline = ContinuousClock.now + timeout
        while true {
            let tone = try? RecordedTone(file: file)
            if let tone, tone.seconds >= minimumSeconds { return tone }
            if ContinuousClock.now >= deadline { return try RecordedTone(file: file) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Within 10 % of `expected` Hz.
    func isNear(_ expected: Double) -> Bool { abs(frequency - expected) < expected * 0.1 }

    var description: String {
        String(format: "%.2f s, RMS %.0f, %.0f Hz", seconds, rms, frequency)
    }
}
