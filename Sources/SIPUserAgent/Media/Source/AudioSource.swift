import Foundation

/// What a call sends: silence, a sine tone, or a WAV file. A WAV that ends
/// without `loop` is followed by silence for the rest of the call.
public enum AudioSource: Sendable, Hashable {
    case silence
    case tone(frequency: Double, amplitude: Int16 = 8_000)
    case wav(URL, loop: Bool = false)

    /// The frequency `tone` alone means.
    public static let defaultToneFrequency = 440.0
    public static let defaultToneAmplitude: Int16 = 8_000
}
