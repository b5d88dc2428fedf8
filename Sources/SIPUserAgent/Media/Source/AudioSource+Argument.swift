import Foundation

extension AudioSource {
    /// Reads the command-line spelling: `silence`, `tone`, `tone:HZ`,
    /// `tone:HZ:AMPLITUDE`, `wav:PATH` or `wav-loop:PATH`. Nil for anything
    /// else, including a tone at or above 4,000 Hz (8 kHz audio cannot carry
    /// it) or an amplitude outside 0…32767.
    public init?(argument: String) {
        if argument == "silence" {
            self = .silence
        } else if argument == "tone" {
            self = .tone(frequency: Self.defaultToneFrequency, amplitude: Self.defaultToneAmplitude)
        } else if argument.hasPrefix("tone:") {
            let parts = argument.dropFirst("tone:".count).split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2, let frequency = Double(parts[0]), frequency.isFinite,
                  frequency > 0, frequency < Double(WAVAudio.telephoneSampleRate / 2)
            else { return nil }
            var amplitude = Self.defaultToneAmplitude
            if parts.count == 2 {
                guard let value = Int16(parts[1]), value >= 0 else { return nil }
                amplitude = value
            }
            self = .tone(frequency: frequency, amplitude: amplitude)
        } else if let path = Self.path(after: "wav:", in: argument) {
            self = .wav(URL(fileURLWithPath: path), loop: false)
        } else if let path = Self.path(after: "wav-loop:", in: argument) {
            self = .wav(URL(fileURLWithPath: path), loop: true)
        } else {
            return nil
        }
    }

    /// The spelling `init(argument:)` reads back.
    public var argument: String {
        switch self {
        case .silence: "silence"
        case .tone(let frequency, let amplitude): "tone:\(Self.format(frequency)):\(amplitude)"
        case .wav(let url, let loop): "\(loop ? "wav-loop" : "wav"):\(url.path)"
        }
    }

    private static func path(after prefix: String, in argument: String) -> String? {
        guard argument.hasPrefix(prefix) else { return nil }
        let path = String(argument.dropFirst(prefix.count))
        return path.isEmpty ? nil : path
    }

    /// 440 rather than 440.0.
    private static func format(_ frequency: Double) -> String {
        frequency == frequency.rounded() && abs(frequency) < 1e15 ? String(Int(frequency)) : String(frequency)
    }
}
