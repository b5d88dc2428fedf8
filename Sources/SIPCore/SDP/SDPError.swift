/// Why a session description was refused, while parsing it or while
/// matching an answer to its offer.
public struct SDPError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        case tooLarge
        case tooManyLines
        case tooManyMediaSections
        case invalidEncoding
        /// A line that is not `x=value` ending in CRLF or LF.
        case invalidLine
        /// A type letter RFC 4566 does not define (it says to ignore the
        /// whole description then).
        case unknownType
        /// A known type in a place it may not appear (e.g. `o=` after `m=`).
        case misplacedLine
        case missingLine
        case duplicateLine
        case invalidVersion
        case invalidOrigin
        case invalidConnection
        case invalidBandwidth
        case invalidTiming
        case invalidMedia
        case invalidAttribute
        /// An answer whose `m=` lines do not match the offer's one to one.
        case mediaMismatch
        /// An answer that names a format the offer did not contain.
        case unknownFormat
        /// An answer whose direction the offer does not allow.
        case invalidDirection
    }

    public var code: Code
    /// What exactly was wrong, e.g. the offending line.
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
