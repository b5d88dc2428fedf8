import Foundation
@testable import SIPUserAgent
import Testing

@Suite struct WAVAudioTests {
    @Test func writtenFileReadsBackTheSameSamples() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let samples: [Int16] = [0, 1, -1, 32_767, -32_768, 1_234, -4_321] + AudioAnalysis.sine(frequency: 300, amplitude: 9_000,
                                                                                            sampleRate: 8_000, count: 800)
        let audio = WAVAudio(samples: samples)
        try audio.write(to: folder.file("a.wav"))
        let read = try WAVAudio(contentsOf: folder.file("a.wav"))
        #expect(read == audio)
        let size = try FileManager.default.attributesOfItem(atPath: folder.file("a.wav").path)[.size] as? NSNumber
        #expect(size?.intValue == 44 + 2 * samples.count)
    }

    @Test func stereoCDAudioBecomesTelephoneMono() throws {
        // One second at 44.1 kHz: a 1 kHz sine, left at full and right at
        // half amplitude, so the mono average is 0.75 of full.
        let left = AudioAnalysis.sine(frequency: 1_000, amplitude: 16_000, sampleRate: 44_100, count: 44_100)
        var interleaved: [Int16] = []
        for sample in left { interleaved += [sample, sample / 2] }
        let bytes = WAVBytes.file(channels: 2, sampleRate: 44_100, data: WAVBytes.samples(interleaved))
        let audio = try WAVAudio(bytes: bytes)
        #expect(audio.sampleRate == 8_000)
        #expect(abs(audio.samples.count - 8_000) <= 1)
        #expect(abs(AudioAnalysis.frequency(audio.samples) - 1_000) <= 10)
        #expect(abs(AudioAnalysis.rms(audio.samples) - 12_000 / 2.squareRoot()) < 12_000 / 2.squareRoot() * 0.05)
    }

    @Test func unknownChunksAreSkipped() throws {
        let bytes = WAVBytes.file(extraChunk: true, data: WAVBytes.samples([5, -5, 7]))
        #expect(try WAVAudio(bytes: bytes).samples == [5, -5, 7])
    }

    @Test func extensibleFormatWithPCMSubformatIsRead() throws {
        var bytes = WAVBytes.file(data: WAVBytes.samples([100, 200]))
        // fmt body starts at 20: change the tag to 0xFFFE and grow it to 40
        // bytes holding the PCM sub-format GUID's first word.
        bytes[20] = 0xFE
        bytes[21] = 0xFF
        var extended = Array(bytes[0..<16])
        extended += [40, 0, 0, 0] + Array(bytes[20..<36]) + [22, 0, 16, 0, 4, 0, 0, 0, 1, 0] + [UInt8](repeating: 0, count: 14)
        extended += Array(bytes[36...])
        #expect(try WAVAudio(bytes: extended).samples == [100, 200])
    }

    static let badFiles: [(String, [UInt8], WAVError.Code)] = [
        ("empty", [], .truncated),
        ("RIFF header cut", Array("RIFF\u{0}\u{0}\u{0}\u{0}WAV".utf8), .truncated),
        ("not RIFF", Array("RIFX\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8), .notRIFF),
        ("RIFF but AVI", Array("RIFF\u{0}\u{0}\u{0}\u{0}AVI LIST".utf8), .notRIFF),
        ("no chunks", Array("RIFF\u{4}\u{0}\u{0}\u{0}WAVE".utf8), .truncated),
        ("data cut short", Array(WAVBytes.file(data: WAVBytes.samples([1, 2, 3, 4])).dropLast(3)), .truncated),
        ("data size beyond the file", WAVBytes.file(data: [0, 0], dataSize: 1_000), .truncated),
        ("fmt chunk too small", Array("RIFF\u{10}\u{0}\u{0}\u{0}WAVEfmt \u{4}\u{0}\u{0}\u{0}\u{1}\u{0}\u{1}\u{0}".utf8), .truncated),
        ("IEEE float", WAVBytes.file(formatTag: 3, bits: 32, data: [0, 0, 0, 0]), .notPCM),
        ("mu-law", WAVBytes.file(formatTag: 7, bits: 8, data: [0]), .notPCM),
        ("8-bit PCM", WAVBytes.file(bits: 8, data: [128]), .unsupportedBitDepth),
        ("24-bit PCM", WAVBytes.file(bits: 24, data: [0, 0, 0]), .unsupportedBitDepth),
        ("three channels", WAVBytes.file(channels: 3, data: [0, 0, 0, 0, 0, 0]), .unsupportedChannelCount),
        ("zero sample rate", WAVBytes.file(sampleRate: 0, data: [0, 0]), .invalidFormat),
        ("wrong block align", WAVBytes.file(blockAlign: 3, data: [0, 0, 0]), .invalidFormat),
        // 601 s at 100 Hz: small on disk, but over the ten-minute bound.
        ("eleven minutes", WAVBytes.file(sampleRate: 100, data: [UInt8](repeating: 0, count: 601 * 100 * 2)), .tooLong),
    ]

    @Test(arguments: badFiles)
    func badFileIsRefusedWithItsReason(name: String, bytes: [UInt8], code: WAVError.Code) {
        let error = #expect(throws: WAVError.self) { try WAVAudio(bytes: bytes) }
        #expect(error?.code == code)
    }

    @Test func tenMinutesExactlyIsAccepted() throws {
        let bytes = WAVBytes.file(sampleRate: 100, data: [UInt8](repeating: 0, count: 600 * 100 * 2))
        #expect(try WAVAudio(bytes: bytes).samples.count == 600 * 8_000)
    }

    @Test func fileOver64MiBIsRefusedBeforeReading() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("big.wav")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data(WAVBytes.file(data: []))))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(64 * 1_024 * 1_024 + 1))  // sparse: nothing is written
        try handle.close()
        let error = #expect(throws: WAVError.self) { try WAVAudio(contentsOf: url) }
        #expect(error?.code == .tooLarge)
    }

    @Test func missingFileIsAFileAccessError() {
        let error = #expect(throws: WAVError.self) { try WAVAudio(contentsOf: URL(fileURLWithPath: "/nonexistent/none.wav")) }
        #expect(error?.code == .fileAccess)
    }
}
