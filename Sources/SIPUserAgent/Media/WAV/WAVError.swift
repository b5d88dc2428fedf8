/// Why a WAV file could not be read or written.
public struct WAVError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// The file could not be opened, read, created or written.
        case fileAccess
        /// Creating a file that must be new found one already there.
        case fileExists
        /// Larger than `WAVAudio.Limits.maxFileSize`.
        case tooLarge
        /// Longer than `WAVAudio.Limits.maxDuration`.
        case tooLong
        /// Ends inside a header or a chunk, or before a `fmt ` or `data` chunk.
        case truncated
        /// Does not start with `RIFF`…`WAVE`.
        case notRIFF
        /// The format is not integer PCM (e.g. float, μ-law, ADPCM).
        case notPCM
        case unsupportedBitDepth
        /// Neither mono nor stereo.
        case unsupportedChannelCount
        /// A `fmt ` chunk that contradicts itself (a zero rate, a wrong block size).
        case invalidFormat
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
