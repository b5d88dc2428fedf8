/// Typed views of the headers a transaction, dialog or proxy needs. Each
/// throws a `SIPParseError` naming the header when its value is malformed,
/// and returns nil (or an empty list) when the header is absent.
extension SIPHeaders {
    public func vias() throws(SIPParseError) -> [SIPVia] {
        var result: [SIPVia] = []
        for value in try values(named: SIPHeaderName.via) { result.append(try SIPVia(parsing: value)) }
        return result
    }

    public func from() throws(SIPParseError) -> SIPNameAddress? {
        try self[SIPHeaderName.from].map { value throws(SIPParseError) in try SIPNameAddress(parsing: value, header: "From") }
    }

    public func to() throws(SIPParseError) -> SIPNameAddress? {
        try self[SIPHeaderName.to].map { value throws(SIPParseError) in try SIPNameAddress(parsing: value, header: "To") }
    }

    /// Call-ID = word [ "@" word ].
    public func callID() throws(SIPParseError) -> String? {
        guard let value = self[SIPHeaderName.callID] else { return nil }
        let (left, right) = splitOnce(Substring(value), at: "@")
        let isWord: (Substring) -> Bool = { !$0.isEmpty && $0.utf8.allSatisfy(SIPCharacters.isWord) }
        guard isWord(left), right.map(isWord) ?? true else {
            throw SIPParseError(.invalidCallID, "Call-ID: \(value.prefix(80))")
        }
        return value
    }

    public func cseq() throws(SIPParseError) -> SIPCSeq? {
        try self[SIPHeaderName.cseq].map { value throws(SIPParseError) in try SIPCSeq(parsing: value) }
    }

    /// Max-Forwards: 0…255 (RFC 3261 §20.22 with §8.1.1.6).
    public func maxForwards() throws(SIPParseError) -> UInt8? {
        guard let value = self[SIPHeaderName.maxForwards] else { return nil }
        guard !value.isEmpty, value.utf8.allSatisfy(SIPCharacters.isDigit) else {
            throw SIPParseError(.invalidMaxForwards, "Max-Forwards: \(value.prefix(40))")
        }
        let digits = value.drop { $0 == "0" }
        guard digits.count <= 3, let number = UInt8(digits.isEmpty ? "0" : String(digits)) else {
            throw SIPParseError(.invalidMaxForwards, "Max-Forwards above 255")
        }
        return number
    }

    /// Content-Length: a non-negative decimal, at most `limit`.
    public func contentLength(limit: Int = SIPMessageParser.Limits.default.maxMessageSize) throws(SIPParseError) -> Int? {
        let all = fields(named: SIPHeaderName.contentLength)
        guard let value = all.first?.value else { return nil }
        guard all.count == 1 else { throw SIPParseError(.duplicateHeader, "Content-Length appears \(all.count) times") }
        guard !value.isEmpty, value.utf8.allSatisfy(SIPCharacters.isDigit) else {
            throw SIPParseError(.invalidContentLength, "Content-Length: \(value.prefix(40))")
        }
        let digits = value.drop { $0 == "0" }
        guard digits.count <= 9, let number = Int(digits.isEmpty ? "0" : String(digits)), number <= limit else {
            throw SIPParseError(.invalidContentLength, "Content-Length beyond \(limit)")
        }
        return number
    }

    public func contentType() throws(SIPParseError) -> SIPContentType? {
        try self[SIPHeaderName.contentType].map { value throws(SIPParseError) in try SIPContentType(parsing: value) }
    }

    /// Contact values; `*` must stand alone (RFC 3261 §10.2.2).
    public func contacts() throws(SIPParseError) -> [SIPContact] {
        let values = try values(named: SIPHeaderName.contact)
        if values.contains("*") {
            guard values.count == 1 else { throw SIPParseError(.invalidAddress, "Contact: '*' mixed with addresses") }
            return [.all]
        }
        var result: [SIPContact] = []
        for value in values { result.append(.address(try SIPNameAddress(parsing: value, header: "Contact"))) }
        return result
    }

    public func routes() throws(SIPParseError) -> [SIPNameAddress] { try addresses(SIPHeaderName.route) }
    public func recordRoutes() throws(SIPParseError) -> [SIPNameAddress] { try addresses(SIPHeaderName.recordRoute) }

    /// Expires as delta-seconds; malformed or oversized values read as nil.
    public func expires() -> UInt32? {
        self[SIPHeaderName.expires].flatMap { UInt32($0.sipTrimmed) }
    }

    private func addresses(_ name: String) throws(SIPParseError) -> [SIPNameAddress] {
        var result: [SIPNameAddress] = []
        for value in try values(named: name) { result.append(try SIPNameAddress(parsing: value, header: name)) }
        return result
    }
}
