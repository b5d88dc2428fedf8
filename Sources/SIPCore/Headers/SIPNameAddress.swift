/// A name-addr or addr-spec with header parameters: the value of From, To,
/// Contact, Route and Record-Route (RFC 3261 §20.10, §25.1).
public struct SIPNameAddress: Hashable, Sendable, CustomStringConvertible {
    /// The display name, unquoted and unescaped; nil when there is none.
    public var displayName: String?
    public var uri: SIPAnyURI
    public var parameters: SIPParameters

    public init(displayName: String? = nil, uri: SIPAnyURI, parameters: SIPParameters = []) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    public var tag: String? {
        get { parameters["tag"] }
        set { parameters["tag"] = newValue }
    }

    public init(parsing text: String, header: String = "address") throws(SIPParseError) {
        let value = Substring(text).sipTrimmed
        func fail(_ why: String) -> SIPParseError { SIPParseError(.invalidAddress, "\(header): \(why)") }
        var displayName: String?
        var rest = value
        if rest.first == "\"" {
            guard let (content, end) = SIPFieldScanner.readQuotedString(rest, from: rest.startIndex) else {
                throw fail("unterminated or bad quoted display name")
            }
            displayName = content
            rest = rest[end...].sipTrimmed
            guard rest.first == "<" else { throw fail("display name without <URI>") }
        } else if let angle = rest.firstIndex(of: "<") {
            // *(token LWS): tokens only; RFC 4475 §3.1.1.6 accepts no LWS before "<".
            let name = rest[..<angle].sipTrimmed
            let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.allSatisfy({ SIPCharacters.isToken($0) }) else { throw fail("unquoted display name with non-token characters") }
            displayName = name.isEmpty ? nil : words.joined(separator: " ")
            rest = rest[angle...]
        }
        let uri: SIPAnyURI
        if rest.first == "<" {
            guard let close = rest.firstIndex(of: ">") else { throw fail("missing '>'") }
            let inner = rest[rest.index(after: rest.startIndex)..<close]
            guard !inner.contains(where: { $0 == " " || $0 == "\t" }) else { throw fail("whitespace inside <URI>") }
            uri = try SIPAnyURI.parse(inner)
            rest = rest[rest.index(after: close)...]
        } else {
            // addr-spec: the URI ends at the first ';' and may not hold '?' or ','
            // (RFC 3261 §20: such URIs must be enclosed in <>).
            let end = rest.firstIndex { $0 == ";" || $0 == " " || $0 == "\t" } ?? rest.endIndex
            let spec = rest[..<end]
            guard !spec.contains("?"), !spec.contains(",") else { throw fail("URI with headers or commas must be in <>") }
            uri = try SIPAnyURI.parse(spec)
            rest = rest[end...]
        }
        self.displayName = displayName
        self.uri = uri
        self.parameters = try SIPFieldScanner.parseParameters(rest, header: header)
    }

    /// Always the name-addr form, so URI parameters never read as header ones.
    public var description: String {
        var out = ""
        if let displayName { out += SIPFieldScanner.quote(displayName) + " " }
        return out + "<\(uri)>" + parameters.serialized
    }
}

/// One Contact value: `*` (remove all bindings) or an address.
public enum SIPContact: Hashable, Sendable, CustomStringConvertible {
    case all
    case address(SIPNameAddress)

    public var address: SIPNameAddress? {
        if case .address(let address) = self { address } else { nil }
    }

    /// The expires parameter; values beyond 2^32-1 are malformed and read as
    /// nil (a registrar then applies its default, RFC 4475 §3.1.2.4).
    public var expires: UInt32? { address?.parameters["expires"].flatMap { UInt32($0) } }

    public var description: String {
        switch self {
        case .all: "*"
        case .address(let address): address.description
        }
    }
}
