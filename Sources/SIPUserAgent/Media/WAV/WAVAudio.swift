import Foundation

/// Mono 16-bit audio, as read from or written to a WAV file. Reading any
/// PCM WAV gives 8 kHz mono, what G.711 calls carry.
public struct WAVAudio: Sendable, Hashable {
    public var sampleRate: Int
    public var samples: [Int16]

    /// Bounds on what a reader accepts, so a file cannot exhaust memory.
    public enum Limits {
        public static let maxFileSize = 64 * 1_024 * 1_024
        /// In seconds.
        public static let maxDuration = 600
    }

    /// The rate `init(contentsOf:)` and `init(bytes:)` convert to.
    public static let telephoneSampleRate = 8_000

    public init(sampleRate: Int = WAVAudio.telephoneSampleRate, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    /// Reads a PCM WAV file (16-bit, mono or stereo, any rate) as 8 kHz mono.
    public init(contentsOf url: URL) throws(WAVError) {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch {
            throw WAVError(.fileAccess, "cannot read \(url.path)")
        }
        guard size <= Limits.maxFileSize else {
            throw WAVError(.tooLarge, "\(size) bytes, at most \(Limits.maxFileSize)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw WAVError(.fileAccess, "cannot read \(url.path)")
        }
        try self.init(bytes: data)
    }

    /// Writes the audio as a 16-bit mono PCM WAV file at its sample rate.
    public func write(to url: URL) throws {
        let dataBytes = samples.count * 2
        guard dataBytes <= Int(UInt32.max) - WAVFormat.headerSize else {
            throw WAVError(.tooLarge, "\(samples.count) samples do not fit in a WAV file")
        }
        let bytes = WAVFormat.header(sampleRate: sampleRate, dataBytes: UInt32(dataBytes)) + WAVFormat.encode(samples)
        do {
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw WAVError(.fileAccess, "cannot write \(url.path)")
        }
    }

    /// Length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
}
