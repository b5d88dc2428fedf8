import Foundation
@testable import SIPUserAgent
import Testing

@Suite struct WAVRecorderTests {
    @Test func finishedRecordingIsAValidFileWithEverySample() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("r.wav")
        let recorder = try WAVRecorder(url: url)
        // More than the write buffer holds, in packet-sized pieces.
        let tone = AudioAnalysis.sine(frequency: 440, amplitude: 8_000, sampleRate: 8_000, count: 16_000)
        for start in stride(from: 0, to: tone.count, by: 160) { try recorder.append(tone[start..<(start + 160)]) }
        try recorder.finish()
        try recorder.finish()
        #expect(try WAVAudio(contentsOf: url) == WAVAudio(samples: tone))
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func unfinishedRecordingHasAHeaderWithZeroSizes() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("r.wav")
        let recorder = try WAVRecorder(url: url)
        try recorder.append([1, 2, 3])
        let header = try [UInt8](Data(contentsOf: url))
        #expect(header.count == 44)
        #expect(header[4..<8].allSatisfy { $0 == 36 || $0 == 0 } && header[40..<44].allSatisfy { $0 == 0 })
        try recorder.finish()
        #expect(try WAVAudio(contentsOf: url).samples == [1, 2, 3])
    }

    @Test func recordingStopsAtTheMaximumDuration() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("r.wav")
        let recorder = try WAVRecorder(url: url, maximumDuration: .milliseconds(50))
        try recorder.append([Int16](repeating: 7, count: 300))
        #expect(!recorder.isFull)
        try recorder.append([Int16](repeating: 7, count: 300))
        #expect(recorder.isFull)
        try recorder.append([Int16](repeating: 7, count: 300))
        try recorder.finish()
        #expect(try WAVAudio(contentsOf: url).samples == [Int16](repeating: 7, count: 400))
    }

    @Test func exclusiveRecorderDoesNotReplaceAFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.file("r.wav")
        try WAVAudio(samples: [9]).write(to: url)
        let error = #expect(throws: WAVError.self) { try WAVRecorder(url: url, exclusive: true) }
        #expect(error?.code == .fileExists)
        #expect(try WAVAudio(contentsOf: url).samples == [9])
    }
}
