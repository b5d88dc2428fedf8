/// A `tel:` URI (RFC 3966), enough to route a number: the subscriber
/// number, its global/local form and its parameters.
public struct TelURI: Hashable, Sendable, CustomStringConvertible {
    /// The number as written, visual separators included (`+1-201-555-0123`).
    public var number: String
    public var parameters: SIPParameters

    public init(number: String, parameters: SIPParameters = []) {
        self.number = number
        self.parameters = parameters
    }

    /// A global number starts with `+`; a local one needs `phone-context`.
    public var isGlobal: Bool { number.hasPrefix("+") }

    /// The number reduced to routing form: a leading `+` when global, then
    /// digits only (visual separators `-` `.` `(` `)` dropped).
    public var normalizedNumber: String {
        TelURI.normalize(number)
    }

    /// Leading `+` kept, every non-digit dropped: the comparison key used for
    /// dialled numbers and vCard TEL values alike.
    public static func normalize(_ text: String) -> String {
        let trimmed = text.sipTrimmed
        let digits = trimmed.filter(\.isASCII).filter(\.isNumber)
        return (trimmed.hasPrefix("+") ? "+" : "") + digits
    }

    public init(parsing text: String) throws(SIPParseError) {
        func fail(_ why: String) -> SIPParseError { SIPParseError(.invalidURI, "\(why) in \(text.prefix(80))") }
        guard text.lowercased().hasPrefix("tel:") else { throw fail("not a tel URI") }
        let body = text.dropFirst(4)
        let pieces = body.split(separator: ";", omittingEmptySubsequences: false)
        guard let numberPart = pieces.first, !numberPart.isEmpty else { throw fail("empty number") }
        let global = numberPart.hasPrefix("+")
        let digitsPart = global ? numberPart.dropFirst() : numberPart
        let visual = Set("-.()".utf8)
        let allowedLocal = Set("*#ABCDabcd".utf8)
        guard digitsPart.utf8.contains(where: SIPCharacters.isDigit) || (!global && digitsPart.utf8.contains(where: allowedLocal.contains)),
              digitsPart.utf8.allSatisfy({ SIPCharacters.isDigit($0) || visual.contains($0) || (!global && (allowedLocal.contains($0) || SIPCharacters.isHexDigit($0))) })
        else { throw fail("bad number") }
        var parameters = SIPParameters()
        for piece in pieces.dropFirst() {
            let (name, value) = splitOnce(piece, at: "=")
            guard SIPCharacters.isToken(name) else { throw fail("bad parameter") }
            let allowed: (UInt8) -> Bool = { SIPCharacters.isUnreserved($0) || SIPCharacters.isParamUnreserved($0) }
            var decoded: String?
            if let value {
                guard let v = PercentEncoding.decode(value, allowed: allowed) else { throw fail("bad parameter value") }
                decoded = v
            }
            parameters.items.append(SIPParameter(String(name), decoded))
        }
        if !global && !parameters.contains("phone-context") { throw fail("local number without phone-context") }
        self.init(number: String(numberPart), parameters: parameters)
    }

    public var description: String { "tel:" + number + parameters.serialized }
}
