/// The value grammars of the individual SDP lines (RFC 4566 §9).
enum SDPFieldParser {
    /// Splits at single spaces; an empty part (two spaces, leading or
    /// trailing space) is an error.
    static func fields(_ value: Substring, _ code: SDPError.Code) throws(SDPError) -> [Substring] {
        let parts = value.split(separator: " ", omittingEmptySubsequences: false)
        guard !parts.contains(where: \.isEmpty) else {
            throw SDPError(code, "fields must be separated by one space: \(value.prefix(80))")
        }
        return parts
    }

    /// RFC 4566 token-char: visible ASCII except `"(),/:;<=>?@[\]`.
    static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            (0x21...0x7E).contains(byte) && !#"\"(),/:;<=>?@[\]"#.utf8.contains(byte)
        }
    }

    static func number(_ text: Substring, _ code: SDPError.Code) throws(SDPError) -> UInt64 {
        guard !text.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = UInt64(text) else {
            throw SDPError(code, "not a decimal number: \(text.prefix(40))")
        }
        return value
    }

    /// i=, r=, u=, e=, p=, z=, k=: any non-empty text.
    static func text(_ line: SDPLine) throws(SDPError) -> String {
        guard !line.value.isEmpty else { throw SDPError(.invalidLine, "empty \(line.type)=") }
        return String(line.value)
    }

    static func origin(_ value: Substring) throws(SDPError) -> SDPSession.Origin {
        let parts = try fields(value, .invalidOrigin)
        guard parts.count == 6 else { throw SDPError(.invalidOrigin, "o= needs six fields") }
        let address = try address(parts[3...5], .invalidOrigin)
        return SDPSession.Origin(username: String(parts[0]), sessionID: try number(parts[1], .invalidOrigin),
                                 sessionVersion: try number(parts[2], .invalidOrigin), address: address)
    }

    static func connection(_ value: Substring) throws(SDPError) -> SDPSession.Connection {
        let parts = try fields(value, .invalidConnection)
        guard parts.count == 3 else { throw SDPError(.invalidConnection, "c= needs three fields") }
        return try address(parts[0...2], .invalidConnection)
    }

    private static func address(_ parts: ArraySlice<Substring>, _ code: SDPError.Code) throws(SDPError) -> SDPSession.Address {
        let network = parts[parts.startIndex], type = parts[parts.startIndex + 1], host = parts[parts.startIndex + 2]
        guard isToken(network), isToken(type), host.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw SDPError(code, "bad network, address type or address")
        }
        return SDPSession.Address(networkType: String(network), addressType: String(type), address: String(host))
    }

    static func bandwidth(_ value: Substring) throws(SDPError) -> SDPSession.Bandwidth {
        let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, isToken(parts[0]) else { throw SDPError(.invalidBandwidth, String(value.prefix(80))) }
        return SDPSession.Bandwidth(type: String(parts[0]), value: try number(parts[1], .invalidBandwidth))
    }

    static func timing(_ value: Substring) throws(SDPError) -> SDPSession.Timing {
        let parts = try fields(value, .invalidTiming)
        guard parts.count == 2 else { throw SDPError(.invalidTiming, "t= needs a start and a stop time") }
        return SDPSession.Timing(start: try number(parts[0], .invalidTiming), stop: try number(parts[1], .invalidTiming))
    }

    static func media(_ value: Substring) throws(SDPError) -> SDPSession.Media {
        let parts = try fields(value, .invalidMedia)
        guard parts.count >= 4 else { throw SDPError(.invalidMedia, "m= needs media, port, transport and a format") }
        guard isToken(parts[0]) else { throw SDPError(.invalidMedia, "bad media type \(parts[0].prefix(40))") }
        let portParts = parts[1].split(separator: "/", omittingEmptySubsequences: false)
        guard portParts.count <= 2, let port = UInt16(exactly: try number(portParts[0], .invalidMedia)) else {
            throw SDPError(.invalidMedia, "bad port \(parts[1].prefix(40))")
        }
        var count: Int?
        if portParts.count == 2 {
            guard let value = Int(exactly: try number(portParts[1], .invalidMedia)), value > 0, value <= 65_536 else {
                throw SDPError(.invalidMedia, "bad port count \(parts[1].prefix(40))")
            }
            count = value
        }
        let transport = parts[2]
        guard transport.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(isToken) else {
            throw SDPError(.invalidMedia, "bad transport \(transport.prefix(40))")
        }
        let formats = parts[3...]
        guard formats.allSatisfy(isToken) else { throw SDPError(.invalidMedia, "bad format") }
        let media = SDPSession.Media(type: String(parts[0]), port: port, portCount: count, transport: String(transport),
                                     formats: formats.map(String.init))
        if media.isRTP, media.payloadTypes == nil {
            throw SDPError(.invalidMedia, "RTP formats must be payload types 0-127")
        }
        return media
    }

    static func attribute(_ value: Substring) throws(SDPError) -> SDPSession.Attribute {
        guard let colon = value.firstIndex(of: ":") else {
            guard isToken(value) else { throw SDPError(.invalidAttribute, "bad attribute name \(value.prefix(40))") }
            return SDPSession.Attribute(String(value))
        }
        let name = value[..<colon], rest = value[value.index(after: colon)...]
        guard isToken(name) else { throw SDPError(.invalidAttribute, "bad attribute name \(name.prefix(40))") }
        guard !rest.isEmpty else { throw SDPError(.invalidAttribute, "empty value of a=\(name)") }
        let attribute = SDPSession.Attribute(String(name), String(rest))
        try check(attribute)
        return attribute
    }

    /// The attributes this target relies on must be well formed.
    private static func check(_ attribute: SDPSession.Attribute) throws(SDPError) {
        guard let value = attribute.value else { return }
        switch attribute.name {
        case "rtpmap":
            guard SDPSession.RTPMap(parsing: value) != nil else { throw SDPError(.invalidAttribute, "a=rtpmap:\(value.prefix(60))") }
        case "fmtp":
            let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, isToken(parts[0]), !parts[1].isEmpty else {
                throw SDPError(.invalidAttribute, "a=fmtp:\(value.prefix(60))")
            }
        case "ptime", "maxptime":
            guard let number = Int(value), number > 0, number <= 10_000 else {
                throw SDPError(.invalidAttribute, "a=\(attribute.name):\(value.prefix(20))")
            }
        default: break
        }
    }
}
