/// `escaped = "%" HEXDIG HEXDIG` handling for the URI parts where RFC 3261
/// allows it (user, password, parameters, headers).
enum PercentEncoding {
    /// Decodes escapes; every other byte must satisfy `allowed`.
    /// Returns nil when a byte is not allowed or an escape is malformed.
    static func decode(_ text: Substring, allowed: (UInt8) -> Bool) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      let h = hexValue(high), let l = hexValue(low) else { return nil }
                bytes.append(h << 4 | l)
            } else {
                guard allowed(byte) else { return nil }
                bytes.append(byte)
            }
        }
        // Escaped octets may form any bytes; keep them as UTF-8 where possible.
        return String(validating: bytes, as: UTF8.self) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes every byte `allowed` rejects.
    static func encode(_ text: String, allowed: (UInt8) -> Bool) -> String {
        var out = ""
        for byte in text.utf8 {
            if allowed(byte) && byte != UInt8(ascii: "%") {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
