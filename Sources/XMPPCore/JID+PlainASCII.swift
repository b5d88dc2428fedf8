/// Parts that are plain ASCII, nearly every address: one look at each byte
/// settles them, with the same answer as the full normalization in
/// `JID.swift`. Anything else returns nil and takes the full path, which
/// also words the error.
extension JID {
    static func plainASCIILocalpart(_ raw: String) -> String? {
        let bytes = raw.utf8
        guard !bytes.isEmpty, bytes.count <= maxPartBytes else { return nil }
        var hasUppercase = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                hasUppercase = true
            // `localpartForbidden`, as bytes (JIDPlainASCIITests keeps the two in step).
            case UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "/"), UInt8(ascii: ":"),
                UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"):
                return nil
            case 0x21...0x7E:
                continue
            default:
                return nil  // space, controls, non-ASCII
            }
        }
        return hasUppercase ? asciiLowercased(raw) : raw
    }

    /// A domain (its trailing dot already stripped) of dot-separated labels
    /// of 1...63 letters, digits, `-` and `_`.
    static func plainASCIIDomainpart(_ raw: String) -> String? {
        let bytes = raw.utf8
        guard !bytes.isEmpty, bytes.count <= maxPartBytes else { return nil }
        var hasUppercase = false
        var labelLength = 0
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."):
                guard labelLength > 0 else { return nil }
                labelLength = 0
                continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                hasUppercase = true
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                break
            default:
                return nil
            }
            labelLength += 1
            guard labelLength <= 63 else { return nil }
        }
        guard labelLength > 0 else { return nil }
        return hasUppercase ? asciiLowercased(raw) : raw
    }

    /// Printable ASCII (space included) is its own NFC and holds no control.
    static func isPlainASCIIResourcepart(_ raw: String) -> Bool {
        let bytes = raw.utf8
        guard !bytes.isEmpty, bytes.count <= maxPartBytes else { return false }
        return bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }

    private static func asciiLowercased(_ raw: String) -> String {
        String(decoding: raw.utf8.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}
