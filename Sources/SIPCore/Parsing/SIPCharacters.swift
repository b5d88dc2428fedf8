/// Character classes of the RFC 3261 §25 grammar, on bytes.
enum SIPCharacters {
    static let cr: UInt8 = 0x0D
    static let lf: UInt8 = 0x0A
    static let sp: UInt8 = 0x20
    static let ht: UInt8 = 0x09

    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }

    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }

    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b)
    }

    static func isWhitespace(_ b: UInt8) -> Bool { b == sp || b == ht }

    /// token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    static func isToken(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || "-.!%*_+`'~".utf8.contains(b)
    }

    /// word adds the separators that Call-ID allows: ( ) < > : \ " / [ ] ? { }
    static func isWord(_ b: UInt8) -> Bool {
        isToken(b) || "()<>:\\\"/[]?{}".utf8.contains(b)
    }

    /// unreserved = alphanum / mark
    static func isUnreserved(_ b: UInt8) -> Bool {
        isAlphanumeric(b) || "-_.!~*'()".utf8.contains(b)
    }

    static func isUserUnreserved(_ b: UInt8) -> Bool { "&=+$,;?/".utf8.contains(b) }
    static func isPasswordExtra(_ b: UInt8) -> Bool { "&=+$,".utf8.contains(b) }
    static func isParamUnreserved(_ b: UInt8) -> Bool { "[]/:&+$".utf8.contains(b) }
    static func isHeaderUnreserved(_ b: UInt8) -> Bool { "[]/?:+$".utf8.contains(b) }

    static func isToken(_ s: Substring) -> Bool { !s.isEmpty && s.utf8.allSatisfy(isToken) }
    static func isToken(_ s: String) -> Bool { !s.isEmpty && s.utf8.allSatisfy(isToken) }

    static func trimmingWhitespace(_ s: Substring) -> Substring {
        var result = s
        while let first = result.utf8.first, isWhitespace(first) { result = result.dropFirst() }
        while let last = result.utf8.last, isWhitespace(last) { result = result.dropLast() }
        return result
    }
}

extension StringProtocol {
    /// The text without leading and trailing SP / HTAB.
    var sipTrimmed: Substring { SIPCharacters.trimmingWhitespace(Substring(self)) }
}
