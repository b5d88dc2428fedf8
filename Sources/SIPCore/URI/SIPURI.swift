/// A `sip:` or `sips:` URI (RFC 3261 §19.1, grammar §25.1).
///
/// User, password, parameter and header values are held unescaped;
/// `description` escapes them again, so a parsed URI serializes canonically
/// (`sip:%75se%72@example.com` becomes `sip:user@example.com`).
public struct SIPURI: Hashable, Sendable, CustomStringConvertible {
    public var isSecure: Bool
    public var user: String?
    public var password: String?
    /// Host name, IPv4 address, or IPv6 reference with its brackets.
    public var host: String
    public var port: UInt16?
    public var parameters: SIPParameters
    public var headers: [SIPParameter]

    public init(
        isSecure: Bool = false, user: String? = nil, password: String? = nil, host: String,
        port: UInt16? = nil, parameters: SIPParameters = [], headers: [SIPParameter] = []
    ) {
        self.isSecure = isSecure
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.parameters = parameters
        self.headers = headers
    }

    public var scheme: String { isSecure ? "sips" : "sip" }

    /// Parses a complete SIP or SIPS URI. The scheme is case-insensitive.
    public init(parsing text: String) throws(SIPParseError) {
        self = try SIPURI.parse(Substring(text))
    }

    static func parse(_ text: Substring) throws(SIPParseError) -> SIPURI {
        func fail(_ why: String) -> SIPParseError { SIPParseError(.invalidURI, "\(why) in \(text.prefix(80))") }
        guard let colon = text.firstIndex(of: ":") else { throw fail("missing scheme") }
        let schemeText = text[..<colon].lowercased()
        guard schemeText == "sip" || schemeText == "sips" else { throw fail("not a sip URI") }
        var rest = text[text.index(after: colon)...]

        var user: String?
        var password: String?
        if let at = rest.firstIndex(of: "@") {
            let userinfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let userPart: Substring
            if let passColon = userinfo.firstIndex(of: ":") {
                userPart = userinfo[..<passColon]
                guard let decoded = PercentEncoding.decode(userinfo[userinfo.index(after: passColon)...], allowed: {
                    SIPCharacters.isUnreserved($0) || SIPCharacters.isPasswordExtra($0)
                }) else { throw fail("bad password") }
                password = decoded
            } else {
                userPart = userinfo
            }
            guard !userPart.isEmpty, let decoded = PercentEncoding.decode(userPart, allowed: {
                SIPCharacters.isUnreserved($0) || SIPCharacters.isUserUnreserved($0)
            }) else { throw fail("bad user") }
            user = decoded
        }

        // hostport ends at the first ';' (parameters) or '?' (headers).
        let hostEnd = rest.firstIndex { $0 == ";" || $0 == "?" } ?? rest.endIndex
        let (host, port) = try parseHostPort(rest[..<hostEnd], context: text)
        rest = rest[hostEnd...]

        var parameters = SIPParameters()
        let paramsEnd = rest.firstIndex(of: "?") ?? rest.endIndex
        for piece in rest[..<paramsEnd].split(separator: ";", omittingEmptySubsequences: false).dropFirst() {
            let allowed: (UInt8) -> Bool = { SIPCharacters.isUnreserved($0) || SIPCharacters.isParamUnreserved($0) }
            let (name, value) = splitOnce(piece, at: "=")
            guard !name.isEmpty, let decodedName = PercentEncoding.decode(name, allowed: allowed) else { throw fail("bad parameter") }
            var decodedValue: String?
            if let value {
                guard !value.isEmpty, let decoded = PercentEncoding.decode(value, allowed: allowed) else { throw fail("bad parameter value") }
                decodedValue = decoded
            }
            parameters.items.append(SIPParameter(decodedName, decodedValue))
        }

        var headers: [SIPParameter] = []
        if paramsEnd < rest.endIndex {
            for piece in rest[rest.index(after: paramsEnd)...].split(separator: "&", omittingEmptySubsequences: false) {
                let allowed: (UInt8) -> Bool = { SIPCharacters.isUnreserved($0) || SIPCharacters.isHeaderUnreserved($0) }
                let (name, value) = splitOnce(piece, at: "=")
                guard !name.isEmpty, let decodedName = PercentEncoding.decode(name, allowed: allowed),
                      let decodedValue = PercentEncoding.decode(value ?? "", allowed: allowed)
                else { throw fail("bad header") }
                headers.append(SIPParameter(decodedName, decodedValue))
            }
        }
        return SIPURI(isSecure: schemeText == "sips", user: user, password: password, host: host,
                      port: port, parameters: parameters, headers: headers)
    }

    /// host [ ":" port ], host being a hostname, IPv4 address or IPv6 reference.
    static func parseHostPort(_ text: Substring, context: Substring) throws(SIPParseError) -> (String, UInt16?) {
        func fail(_ why: String) -> SIPParseError { SIPParseError(.invalidURI, "\(why) in \(context.prefix(80))") }
        var host: Substring
        var portText: Substring?
        if text.first == "[" {
            guard let close = text.firstIndex(of: "]") else { throw fail("unterminated IPv6 reference") }
            host = text[...close]
            let inner = text[text.index(after: text.startIndex)..<close]
            guard !inner.isEmpty, inner.utf8.allSatisfy({ SIPCharacters.isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }),
                  inner.contains(":")
            else { throw fail("bad IPv6 reference") }
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.first == ":" else { throw fail("junk after IPv6 reference") }
                portText = after.dropFirst()
            }
        } else {
            if let colon = text.firstIndex(of: ":") {
                host = text[..<colon]
                portText = text[text.index(after: colon)...]
            } else {
                host = text
            }
            guard !host.isEmpty, host.utf8.allSatisfy({ SIPCharacters.isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }),
                  host.first != "-", host.first != "."
            else { throw fail("bad host") }
        }
        var port: UInt16?
        if let portText {
            guard !portText.isEmpty, portText.count <= 5, portText.utf8.allSatisfy(SIPCharacters.isDigit),
                  let value = UInt16(portText) else { throw fail("bad port") }
            port = value
        }
        return (String(host), port)
    }

    public var description: String {
        var out = scheme + ":"
        if let user {
            out += PercentEncoding.encode(user) { SIPCharacters.isUnreserved($0) || SIPCharacters.isUserUnreserved($0) }
            if let password {
                out += ":" + PercentEncoding.encode(password) { SIPCharacters.isUnreserved($0) || SIPCharacters.isPasswordExtra($0) }
            }
            out += "@"
        }
        out += host
        if let port { out += ":\(port)" }
        let paramAllowed: (UInt8) -> Bool = { SIPCharacters.isUnreserved($0) || SIPCharacters.isParamUnreserved($0) }
        for parameter in parameters {
            out += ";" + PercentEncoding.encode(parameter.name, allowed: paramAllowed)
            if let value = parameter.value { out += "=" + PercentEncoding.encode(value, allowed: paramAllowed) }
        }
        let headerAllowed: (UInt8) -> Bool = { SIPCharacters.isUnreserved($0) || SIPCharacters.isHeaderUnreserved($0) }
        for (index, header) in headers.enumerated() {
            out += (index == 0 ? "?" : "&") + PercentEncoding.encode(header.name, allowed: headerAllowed)
                + "=" + PercentEncoding.encode(header.value ?? "", allowed: headerAllowed)
        }
        return out
    }

    /// URI equivalence per RFC 3261 §19.1.4: user and password compare
    /// case-sensitively, host and parameter names case-insensitively; an
    /// explicit port never equals an absent one; `user`, `ttl`, `method`,
    /// `maddr` and `transport` must match when either side has them; other
    /// parameters only when both sides have them; headers must all match.
    public func isEquivalent(to other: SIPURI) -> Bool {
        guard isSecure == other.isSecure, user == other.user, password == other.password,
              host.lowercased() == other.host.lowercased(), port == other.port else { return false }
        let mustMatch: Set<String> = ["user", "ttl", "method", "maddr", "transport"]
        let names = Set(parameters.map { $0.name.lowercased() }).union(other.parameters.map { $0.name.lowercased() })
        for name in names {
            let mine = parameters.first(named: name)
            let theirs = other.parameters.first(named: name)
            if mine == nil || theirs == nil {
                if mustMatch.contains(name) { return false }
                continue
            }
            if mine?.value?.lowercased() != theirs?.value?.lowercased() { return false }
        }
        let myHeaders = Dictionary(headers.map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        let theirHeaders = Dictionary(other.headers.map { ($0.name.lowercased(), $0.value ?? "") }, uniquingKeysWith: { a, _ in a })
        return myHeaders == theirHeaders
    }
}

func splitOnce(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
    guard let index = text.firstIndex(of: separator) else { return (text, nil) }
    return (text[..<index], text[text.index(after: index)...])
}
