/// The pieces of the RFC 5802 §7 grammar that both sides of SCRAM share:
/// username escaping, nonce and number syntax, and reading the
/// comma-separated `a=value` attributes in their fixed order.
///
/// Everything works on UTF-8 bytes: splitting at the ASCII comma byte never
/// splits a multi-byte character, whereas splitting `Character`s could let a
/// comma merge with a following combining mark.
enum SCRAMSyntax {
    static let comma = UInt8(ascii: ",")
    static let equals = UInt8(ascii: "=")

    /// `saslname`: "," becomes "=2C" and "=" becomes "=3D".
    static func escape(_ name: String) -> String {
        var result = ""
        for character in name.unicodeScalars {
            switch character {
            case ",": result += "=2C"
            case "=": result += "=3D"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// Reverses `escape`; any other use of "=" is an encoding error, as is an empty name.
    static func unescape(_ value: ArraySlice<UInt8>) throws(SCRAMError) -> String {
        guard !value.isEmpty else { throw .invalidUsernameEncoding }
        var bytes: [UInt8] = []
        var index = value.startIndex
        while index < value.endIndex {
            let byte = value[index]
            guard byte == equals else {
                bytes.append(byte)
                index += 1
                continue
            }
            guard index + 2 < value.endIndex else { throw .invalidUsernameEncoding }
            switch (value[index + 1], value[index + 2]) {
            case (UInt8(ascii: "2"), UInt8(ascii: "C")): bytes.append(comma)
            case (UInt8(ascii: "3"), UInt8(ascii: "D")): bytes.append(equals)
            default: throw .invalidUsernameEncoding
            }
            index += 3
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `printable`: ASCII 0x21...0x7E except ",", at least one character.
    static func isValidNonce(_ value: ArraySlice<UInt8>) -> Bool {
        !value.isEmpty && value.allSatisfy { (0x21...0x7E).contains($0) && $0 != comma }
    }

    /// The message itself, once checked to be valid UTF-8 without NUL
    /// (RFC 5802 §7 allows UTF-8 in names but never NUL).
    static func validatedText(_ message: [UInt8]) throws(SCRAMError) -> [UInt8] {
        guard String(validating: message, as: UTF8.self) != nil else { throw .malformedMessage("not UTF-8") }
        guard !message.contains(0) else { throw .malformedMessage("contains NUL") }
        return message
    }
}

/// Reads the attributes of one SCRAM message in order.
struct SCRAMAttributeReader {
    private var parts: ArraySlice<ArraySlice<UInt8>>

    init(_ bytes: ArraySlice<UInt8>) {
        parts = bytes.split(separator: SCRAMSyntax.comma, omittingEmptySubsequences: false)[...]
    }

    var isAtEnd: Bool { parts.isEmpty }

    /// The name of the next attribute, if it has the `letter=` form.
    var nextName: Character? {
        guard let part = parts.first, part.count >= 2, part[part.startIndex + 1] == SCRAMSyntax.equals else {
            return nil
        }
        let name = part[part.startIndex]
        let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(name | 0x20)  // ASCII case-insensitive
        guard isLetter else { return nil }
        return Character(Unicode.Scalar(name))
    }

    /// The value of the next attribute, which must be `name`.
    mutating func read(_ name: Character) throws(SCRAMError) -> ArraySlice<UInt8> {
        guard nextName == name, let part = parts.popFirst() else {
            throw .malformedMessage("expected attribute \(name)")
        }
        return part.dropFirst(2)
    }

    /// A base64 attribute's decoded value.
    mutating func readBase64(_ name: Character) throws(SCRAMError) -> [UInt8] {
        let value = try read(name)
        guard let decoded = Base64.decode(String(decoding: value, as: UTF8.self)) else {
            throw .malformedMessage("attribute \(name) is not base64")
        }
        return decoded
    }

    /// Skips optional extensions (RFC 5802 `extensions`: unknown attributes
    /// are ignored) until the attribute named `stop`, or to the end when
    /// `stop` is nil. Each must still be well-formed, and "m" is refused.
    mutating func skipExtensions(before stop: Character? = nil) throws(SCRAMError) {
        while !parts.isEmpty {
            guard let name = nextName else { throw .malformedMessage("malformed extension") }
            if name == stop { return }
            guard name != "m" else { throw .extensionsNotSupported }
            _ = parts.popFirst()
        }
    }

    /// Fails unless every attribute has been read.
    func expectEnd() throws(SCRAMError) {
        guard parts.isEmpty else { throw .malformedMessage("unexpected trailing data") }
    }
}
