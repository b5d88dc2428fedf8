/// Escaping for text and attribute values, so that a parser reads back exactly the same string.
public enum XMLEscaping {
    /// Escapes `& < >` and CR (a literal CR would be read back as LF).
    public static func escapeText(_ s: String) -> String {
        escape(s) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\r"): "&#xD;"
            default: nil
            }
        }
    }

    /// Escapes `& < > " '` and tab, LF, CR (literal ones would be read back as spaces).
    public static func escapeAttribute(_ s: String) -> String {
        escape(s) { byte in
            switch byte {
            case UInt8(ascii: "&"): "&amp;"
            case UInt8(ascii: "<"): "&lt;"
            case UInt8(ascii: ">"): "&gt;"
            case UInt8(ascii: "\""): "&quot;"
            case UInt8(ascii: "'"): "&apos;"
            case UInt8(ascii: "\t"): "&#x9;"
            case UInt8(ascii: "\n"): "&#xA;"
            case UInt8(ascii: "\r"): "&#xD;"
            default: nil
            }
        }
    }

    /// Every character that needs escaping is ASCII, so scanning UTF-8 bytes is enough.
    private static func escape(_ s: String, replacement: (UInt8) -> String?) -> String {
        guard s.utf8.contains(where: { replacement($0) != nil }) else { return s }
        var result = ""
        result.reserveCapacity(s.utf8.count + 16)
        var runStart = s.utf8.startIndex
        var index = runStart
        while index != s.utf8.endIndex {
            if let escaped = replacement(s.utf8[index]) {
                result += s[runStart..<index]
                result += escaped
                runStart = s.utf8.index(after: index)
            }
            index = s.utf8.index(after: index)
        }
        result += s[runStart..<index]
        return result
    }
}
