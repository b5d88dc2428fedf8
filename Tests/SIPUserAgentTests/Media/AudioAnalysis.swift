import Foundation

/// Measurements the media tests make on decoded audio.
enum AudioAnalysis {
    /// Frequency from sign changes: a sine crosses zero twice a cycle.
    /// Zeros are skipped so gap silence does not add crossings.
    static func frequency(_ samples: [Int16], sampleRate: Int = 8_000) -> Double {
        var crossings = 0
        var lastSign = 0
        for sample in samples where sample != 0 {
            let sign = sample > 0 ? 1 : -1
            if lastSign != 0, sign != lastSign { crossings += 1 }
            lastSign = sign
        }
        return Double(crossings) / 2 / (Double(samples.count) / Double(sampleRate))
    }

    static func rms(_ samples: [Int16]) -> Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }

    static func sine(frequency: Double, amplitude: Double, sampleRate: Int, count: Int) -> [Int16] {
        (0..<count).map { Int16((amplitude * sin(2 * Double.pi * frequency * Double($0) / Double(sampleRate))).rounded()) }
    }
}

/// A folder under the temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("media-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Builds WAV bytes field by field, to craft good and bad files.
struct WAVBytes {
    var bytes: [UInt8] = []

    mutating func ascii(_ text: String) { bytes += Array(text.utf8) }
    mutating func u16(_ value: UInt16) { bytes += [UInt8(value & 0xFF), UInt8(value >> 8)] }
    mutating func u32(_ value: UInt32) {
        bytes += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }

    /// A whole file: RIFF header, a `fmt ` chunk, optional extra chunk, data.
    static func file(formatTag: UInt16 = 1, channels: UInt16 = 1, sampleRate: UInt32 = 8_000, bits: UInt16 = 16,
                     blockAlign: UInt16? = nil, extraChunk: Bool = false, data: [UInt8], dataSize: UInt32? = nil) -> [UInt8] {
        var wav = WAVBytes()
        wav.ascii("RIFF")
        wav.u32(UInt32(4 + 24 + (extraChunk ? 14 : 0) + 8 + data.count))
        wav.ascii("WAVE")
        if extraChunk {
            // An odd-sized LIST chunk: its pad byte must be skipped too.
            wav.ascii("LIST")
            wav.u32(5)
            wav.ascii("INFOx")
            wav.bytes.append(0)
        }
        wav.ascii("fmt ")
        wav.u32(16)
        wav.u16(formatTag)
        wav.u16(channels)
        wav.u32(sampleRate)
        let align = blockAlign ?? channels * bits / 8
        wav.u32(sampleRate * UInt32(align))
        wav.u16(align)
        wav.u16(bits)
        wav.ascii("data")
        wav.u32(dataSize ?? UInt32(data.count))
        wav.bytes += data
        return wav.bytes
    }

    static func samples(_ samples: [Int16]) -> [UInt8] {
        samples.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xFF), UInt8(UInt16(bitPattern: $0) >> 8)] }
    }
}
