/// Why an `RTPAudioSession` refused to start.
public struct RTPAudioSessionError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case alreadyStarted
        case stopped
        /// The stream's codec is not PCMU or PCMA.
        case unsupportedCodec
        /// The SDP connection address is neither an IP address nor a name that resolves.
        case unresolvableAddress
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
