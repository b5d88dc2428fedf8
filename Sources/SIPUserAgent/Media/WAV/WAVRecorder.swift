import Foundation

/// Writes a 16-bit mono WAV file as audio arrives: the header goes out with
/// zero sizes, samples are appended, and `finish()` patches the sizes in.
/// Stops taking samples at `maximumDuration`, so a call left running cannot
/// fill the disk. Not thread-safe: one owner appends and finishes.
public final class WAVRecorder {
    public let url: URL
    public let sampleRate: Int
    /// The most samples the file will hold.
    public let maximumSamples: Int
    /// Samples written (or buffered to be) so far.
    public private(set) var samplesWritten = 0
    public private(set) var isFinished = false

    private var file: PrivateFile
    private var pending: [UInt8] = []
    private var fileOffset = WAVFormat.headerSize
    private static let flushThreshold = 16 * 1_024

    /// Creates the file (mode 0600) and writes its header. With `exclusive`,
    /// fails with `WAVError.Code.fileExists` rather than replace a file.
    public init(url: URL, sampleRate: Int = WAVAudio.telephoneSampleRate, maximumDuration: Duration = .seconds(3_600),
                exclusive: Bool = false) throws(WAVError) {
        self.url = url
        self.sampleRate = sampleRate
        let seconds = Double(maximumDuration.components.seconds) + Double(maximumDuration.components.attoseconds) / 1e18
        // The data size must fit the header's 32 bits.
        maximumSamples = min(max(0, Int(seconds * Double(sampleRate))), (Int(UInt32.max) - WAVFormat.headerSize) / 2)
        file = try PrivateFile(creating: url, exclusive: exclusive)
        do {
            try file.write(WAVFormat.header(sampleRate: sampleRate, dataBytes: 0), at: 0)
        } catch {
            file.close()
            throw error
        }
    }

    deinit {
        try? finish()
    }

    /// Whether the maximum duration is reached; later samples are dropped.
    public var isFull: Bool { samplesWritten >= maximumSamples }

    /// Appends samples up to the maximum duration; the rest are dropped.
    public func append(_ samples: some Collection<Int16>) throws(WAVError) {
        guard !isFinished else { return }
        let accepted = samples.prefix(maximumSamples - samplesWritten)
        guard !accepted.isEmpty else { return }
        pending += WAVFormat.encode(accepted)
        samplesWritten += accepted.count
        if pending.count >= Self.flushThreshold { try flush() }
    }

    /// Writes what is buffered and the final sizes, and closes the file.
    /// Later calls do nothing.
    public func finish() throws(WAVError) {
        guard !isFinished else { return }
        isFinished = true
        defer { file.close() }
        try flush()
        let dataBytes = UInt32(samplesWritten * 2)
        var riffSize: [UInt8] = []
        WAVFormat.appendUInt32(36 + dataBytes, to: &riffSize)
        var dataSize: [UInt8] = []
        WAVFormat.appendUInt32(dataBytes, to: &dataSize)
        try file.write(riffSize, at: WAVFormat.riffSizeOffset)
        try file.write(dataSize, at: WAVFormat.dataSizeOffset)
    }

    private func flush() throws(WAVError) {
        guard !pending.isEmpty else { return }
        let bytes = pending
        pending.removeAll(keepingCapacity: true)
        try file.write(bytes, at: fileOffset)
        fileOffset += bytes.count
    }
}
