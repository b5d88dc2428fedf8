/// CSeq: a 32-bit sequence number and a method (RFC 3261 §20.16, §8.1.1.5).
public struct SIPCSeq: Hashable, Sendable, CustomStringConvertible {
    public var sequence: UInt32
    public var method: String

    public init(sequence: UInt32, method: String) {
        self.sequence = sequence
        self.method = method
    }

    public init(parsing text: String) throws(SIPParseError) {
        let value = Substring(text).sipTrimmed
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, parts[0].utf8.allSatisfy(SIPCharacters.isDigit), SIPCharacters.isToken(parts[1]) else {
            throw SIPParseError(.invalidCSeq, "CSeq: \(value.prefix(80))")
        }
        let digits = parts[0].drop { $0 == "0" }
        guard digits.count <= 10, let number = UInt32(digits.isEmpty ? "0" : String(digits)) else {
            throw SIPParseError(.invalidCSeq, "CSeq number beyond 2**32-1")
        }
        self.sequence = number
        self.method = String(parts[1])
    }

    public var description: String { "\(sequence) \(method)" }
}

/// Content-Type: type "/" subtype *(SEMI parameter) (RFC 3261 §20.15).
public struct SIPContentType: Hashable, Sendable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    public var parameters: SIPParameters

    public init(type: String, subtype: String, parameters: SIPParameters = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    public static let sdp = SIPContentType(type: "application", subtype: "sdp")

    /// "type/subtype" lower-cased, for comparisons.
    public var mediaType: String { "\(type)/\(subtype)".lowercased() }

    public init(parsing text: String) throws(SIPParseError) {
        let value = Substring(text).sipTrimmed
        let end = value.firstIndex(of: ";") ?? value.endIndex
        let (type, subtype) = splitOnce(value[..<end], at: "/")
        guard let subtype, SIPCharacters.isToken(type.sipTrimmed), SIPCharacters.isToken(subtype.sipTrimmed) else {
            throw SIPParseError(.invalidContentType, "Content-Type: \(value.prefix(80))")
        }
        self.type = String(type.sipTrimmed)
        self.subtype = String(subtype.sipTrimmed)
        self.parameters = try SIPFieldScanner.parseParameters(value[end...], header: "Content-Type")
    }

    public var description: String { "\(type)/\(subtype)\(parameters.serialized)" }
}
