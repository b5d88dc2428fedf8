/// Why an RTP packet or payload was refused, or could not be written.
public struct RTPError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// Shorter than the fixed header, the CSRC list or the extension says.
        case truncated
        case unsupportedVersion
        /// Padding count of 0 or larger than what follows the headers.
        case invalidPadding
        case invalidPayloadType
        case tooManyCSRCs
        case invalidExtension
        case invalidTelephoneEvent
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
