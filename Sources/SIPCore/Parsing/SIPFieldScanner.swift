/// Small grammar helpers shared by the typed header views: comma lists,
/// quoted strings and `*(SEMI generic-param)` tails (RFC 3261 §7.3.1, §25.1).
enum SIPFieldScanner {
    /// Splits a header value at the commas that separate its elements, never
    /// inside a quoted-string or `<…>`. Empty elements are an error: the
    /// grammar's `#` lists in RFC 3261 have none.
    static func splitList(_ value: Substring, header: String) throws(SIPParseError) -> [Substring] {
        var elements: [Substring] = []
        var inQuotes = false
        var inAngle = false
        var escaped = false
        var start = value.startIndex
        var index = value.startIndex
        while index < value.endIndex {
            let ch = value[index]
            if inQuotes {
                if escaped { escaped = false } else if ch == "\\" { escaped = true } else if ch == "\"" { inQuotes = false }
            } else if ch == "\"" && !inAngle {
                inQuotes = true
            } else if ch == "<" {
                inAngle = true
            } else if ch == ">" {
                inAngle = false
            } else if ch == "," && !inAngle {
                elements.append(value[start..<index].sipTrimmed)
                start = value.index(after: index)
            }
            index = value.index(after: index)
        }
        if inQuotes { throw SIPParseError(.invalidHeaderValue, "\(header): unterminated quoted string") }
        elements.append(value[start...].sipTrimmed)
        if elements.contains(where: \.isEmpty) {
            throw SIPParseError(.invalidHeaderValue, "\(header): empty list element")
        }
        return elements
    }

    /// Reads a quoted-string starting at `index` (which must be `"`).
    /// Returns the unescaped content and the index after the closing quote.
    static func readQuotedString(_ text: Substring, from index: Substring.Index) -> (content: String, end: Substring.Index)? {
        var bytes: [UInt8] = []
        var position = text.utf8.index(after: index)
        let utf8 = text.utf8
        while position < utf8.endIndex {
            let byte = utf8[position]
            if byte == UInt8(ascii: "\\") {
                let next = utf8.index(after: position)
                guard next < utf8.endIndex else { return nil }
                let escapedByte = utf8[next]
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                guard escapedByte <= 0x7F, escapedByte != 0x0A, escapedByte != 0x0D else { return nil }
                bytes.append(escapedByte)
                position = utf8.index(after: next)
            } else if byte == UInt8(ascii: "\"") {
                return (String(decoding: bytes, as: UTF8.self), utf8.index(after: position))
            } else {
                // qdtext: LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII
                guard byte == 0x20 || byte == 0x09 || byte >= 0x21 else { return nil }
                guard byte != 0x7F else { return nil }
                bytes.append(byte)
                position = utf8.index(after: position)
            }
        }
        return nil
    }

    /// Writes text as a quoted-string, escaping what qdtext cannot carry.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x5C: out += "\\" + String(scalar)
            case 0x0A, 0x0D: out += " "
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: out += "\\" + String(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Parses `*( SEMI generic-param )`, where SEMI and EQUAL may have LWS
    /// around them. `text` must be empty or start with `;` (after LWS).
    static func parseParameters(_ text: Substring, header: String) throws(SIPParseError) -> SIPParameters {
        var parameters = SIPParameters()
        var rest = text.sipTrimmed
        while !rest.isEmpty {
            guard rest.first == ";" else {
                throw SIPParseError(.invalidParameter, "\(header): expected ';' before \(rest.prefix(40))")
            }
            rest = rest.dropFirst().sipTrimmed
            let nameEnd = rest.firstIndex { !SIPCharacters.isToken($0.asciiValue ?? 0) || $0.asciiValue == nil } ?? rest.endIndex
            let name = rest[..<nameEnd]
            guard !name.isEmpty else { throw SIPParseError(.invalidParameter, "\(header): empty parameter") }
            rest = rest[nameEnd...].sipTrimmed
            var value: String?
            if rest.first == "=" {
                rest = rest.dropFirst().sipTrimmed
                if rest.first == "\"" {
                    guard let (_, end) = readQuotedString(rest, from: rest.startIndex) else {
                        throw SIPParseError(.invalidParameter, "\(header): bad quoted value for \(name)")
                    }
                    value = String(rest[..<end])
                    rest = rest[end...].sipTrimmed
                } else {
                    // gen-value = token / host (host adds [ ] : for IPv6 references)
                    let valueEnd = rest.firstIndex { ch in
                        guard let ascii = ch.asciiValue else { return true }
                        return !(SIPCharacters.isToken(ascii) || ascii == UInt8(ascii: "[") || ascii == UInt8(ascii: "]") || ascii == UInt8(ascii: ":"))
                    } ?? rest.endIndex
                    guard valueEnd != rest.startIndex else {
                        throw SIPParseError(.invalidParameter, "\(header): empty value for \(name)")
                    }
                    value = String(rest[..<valueEnd])
                    rest = rest[valueEnd...].sipTrimmed
                }
            }
            parameters.items.append(SIPParameter(String(name), value))
        }
        return parameters
    }
}
