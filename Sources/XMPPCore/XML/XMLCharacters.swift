/// Character classes from XML 1.0 (fifth edition) §2.2 and §2.3, on Unicode scalar values.
enum XMLCharacters {
    static let tab: UInt32 = 0x09
    static let lineFeed: UInt32 = 0x0A
    static let carriageReturn: UInt32 = 0x0D
    static let space: UInt32 = 0x20

    /// `Char`: what may appear in a document at all, raw or through a character reference.
    static func isAllowed(_ c: UInt32) -> Bool {
        switch c {
        case 0x20...0xD7FF, 0x09, 0x0A, 0x0D, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `S`: the four whitespace characters.
    static func isWhitespace(_ c: UInt32) -> Bool {
        c == space || c == lineFeed || c == tab || c == carriageReturn
    }

    /// `NameStartChar`.
    static func isNameStart(_ c: UInt32) -> Bool {
        switch c {
        case 0x61...0x7A, 0x41...0x5A, 0x5F, 0x3A: true  // a-z A-Z _ :
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
            0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            true
        default: false
        }
    }

    /// `NameChar`.
    static func isName(_ c: UInt32) -> Bool {
        switch c {
        case 0x30...0x39, 0x2D, 0x2E, 0xB7, 0x300...0x36F, 0x203F...0x2040: true  // 0-9 - . · combining
        default: isNameStart(c)
        }
    }

    /// Appends the UTF-8 encoding of a scalar that is already known to be valid.
    static func appendUTF8(_ c: UInt32, to bytes: inout [UInt8]) {
        switch c {
        case 0..<0x80:
            bytes.append(UInt8(c))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | (c >> 6)))
            bytes.append(UInt8(0x80 | (c & 0x3F)))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | (c >> 12)))
            bytes.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (c & 0x3F)))
        default:
            bytes.append(UInt8(0xF0 | (c >> 18)))
            bytes.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (c & 0x3F)))
        }
    }
}

extension XMLCharacters {
    /// Whether the first character of a name part may start a name (the part after a prefix colon).
    static func startsName(_ part: Substring) -> Bool {
        guard let first = part.unicodeScalars.first else { return false }
        return isNameStart(first.value)
    }

    /// `U+0041` style, for error messages.
    static func describe(_ c: UInt32) -> String {
        let digits = String(c, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
