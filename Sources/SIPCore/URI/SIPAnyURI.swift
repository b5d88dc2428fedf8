/// Any URI that may appear in a Request-URI or an address header:
/// SIP/SIPS, tel, or an absolute URI of another scheme kept as text
/// (RFC 3261 §19 allows them; the application decides, e.g. with a 416).
public enum SIPAnyURI: Hashable, Sendable, CustomStringConvertible {
    case sip(SIPURI)
    case tel(TelURI)
    case other(scheme: String, text: String)

    public init(parsing text: String) throws(SIPParseError) {
        self = try SIPAnyURI.parse(Substring(text))
    }

    static func parse(_ text: Substring) throws(SIPParseError) -> SIPAnyURI {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
            throw SIPParseError(.invalidURI, "missing scheme in \(text.prefix(80))")
        }
        let scheme = text[..<colon]
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        guard let first = scheme.utf8.first, (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first),
              scheme.utf8.allSatisfy({ SIPCharacters.isAlphanumeric($0) || "+-.".utf8.contains($0) })
        else { throw SIPParseError(.invalidURI, "bad scheme in \(text.prefix(80))") }
        switch scheme.lowercased() {
        case "sip", "sips": return .sip(try SIPURI.parse(text))
        case "tel": return .tel(try TelURI(parsing: String(text)))
        default:
            // absoluteURI: the rest must be URI characters, no whitespace or controls.
            let rest = text[text.index(after: colon)...]
            let allowed: (UInt8) -> Bool = {
                SIPCharacters.isUnreserved($0) || ";/?:@&=+$,%[]#".utf8.contains($0)
            }
            guard !rest.isEmpty, rest.utf8.allSatisfy(allowed) else {
                throw SIPParseError(.invalidURI, "bad characters in \(text.prefix(80))")
            }
            return .other(scheme: scheme.lowercased(), text: String(text))
        }
    }

    public var sipURI: SIPURI? {
        if case .sip(let uri) = self { uri } else { nil }
    }

    public var telURI: TelURI? {
        if case .tel(let uri) = self { uri } else { nil }
    }

    public var scheme: String {
        switch self {
        case .sip(let uri): uri.scheme
        case .tel: "tel"
        case .other(let scheme, _): scheme
        }
    }

    public var description: String {
        switch self {
        case .sip(let uri): uri.description
        case .tel(let uri): uri.description
        case .other(_, let text): text
        }
    }
}
