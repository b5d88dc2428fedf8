/// Why a SIP message (or one of its parts) was refused.
///
/// Every failure names what is wrong so a server can answer with the status
/// code and a reason phrase built from it (RFC 3261 §21.4.1: "the reason
/// phrase SHOULD identify the syntax problem in more detail").
public struct SIPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: String, Hashable, Sendable {
        case messageTooLarge
        case tooManyHeaders
        case headerLineTooLong
        case invalidEncoding
        case bareLineBreak
        case incompleteHeaders
        case invalidStartLine
        case invalidMethod
        case invalidRequestURI
        case unsupportedVersion
        case invalidStatusCode
        case invalidReasonPhrase
        case invalidHeaderName
        case invalidHeaderValue
        case missingHeader
        case duplicateHeader
        case invalidContentLength
        case missingContentLength
        case bodyTruncated
        case methodMismatch
        case invalidURI
        case invalidAddress
        case invalidParameter
        case invalidVia
        case invalidCSeq
        case invalidCallID
        case invalidMaxForwards
        case invalidContentType
        case invalidAuthHeader
        case invalidSDP
        case invalidRTP
    }

    public var code: Code
    /// What exactly was wrong, e.g. the header name or the offending value.
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    /// The status code a server answers a request that fails this way with.
    public var statusCode: Int {
        switch code {
        case .unsupportedVersion: 505
        case .messageTooLarge: 513
        default: 400
        }
    }

    /// A reason phrase for the error response: safe to put on the status line
    /// (printable ASCII, bounded length).
    public var reasonPhrase: String {
        let base: String
        switch code {
        case .unsupportedVersion: base = "Version Not Supported"
        case .messageTooLarge: base = "Message Too Large"
        default: base = "Bad Request"
        }
        let cleaned = String(detail.unicodeScalars.map { scalar -> Character in
            (0x20..<0x7F).contains(scalar.value) ? Character(scalar) : "?"
        }.prefix(120))
        return cleaned.isEmpty ? base : "\(base) (\(cleaned))"
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
