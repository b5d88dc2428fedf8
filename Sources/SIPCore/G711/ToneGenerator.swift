#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A sine tone as 16-bit linear PCM, handed out in frames (20 ms = 160
/// samples at 8 kHz by default) with the phase carried across frames.
public struct ToneGenerator: Hashable, Sendable {
    public var frequency: Double
    /// Peak amplitude, 0…32767.
    public var amplitude: Int16
    public let sampleRate: Int
    public let frameDuration: Int
    /// Position in the cycle, 0 ≤ phase < 1.
    private var phase: Double = 0

    public init(frequency: Double, amplitude: Int16 = 8_000, sampleRate: Int = 8_000, frameMilliseconds: Int = 20) {
        self.frequency = frequency
        self.amplitude = amplitude
        self.sampleRate = sampleRate
        self.frameDuration = frameMilliseconds
    }

    public var samplesPerFrame: Int { sampleRate * frameDuration / 1_000 }

    public mutating func nextFrame() -> [Int16] {
        let increment = frequency / Double(sampleRate)
        return (0..<samplesPerFrame).map { _ in
            let value = (Double(amplitude) * sin(2 * Double.pi * phase)).rounded()
            phase += increment
            phase -= phase.rounded(.down)
            return value.isFinite ? Int16(value) : 0
        }
    }
}
