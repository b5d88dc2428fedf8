extension SDPSession {
    /// Bounds checked before and while parsing.
    public struct Limits: Hashable, Sendable {
        public var maxSize: Int
        public var maxLines: Int
        public var maxMediaSections: Int

        public init(maxSize: Int = 65_536, maxLines: Int = 1_024, maxMediaSections: Int = 64) {
            self.maxSize = maxSize
            self.maxLines = maxLines
            self.maxMediaSections = maxMediaSections
        }

        public static let `default` = Limits()
    }

    /// Parses a session description, e.g. a SIP body of type
    /// `application/sdp`.
    ///
    /// Strict on the line grammar: every line is `x=value` with one
    /// lowercase type letter, ends in CRLF or LF (the last one too), and
    /// blank lines are refused. `v=0` comes first; `o=`, `s=` and `t=` are
    /// required; each medium needs a `c=` of its own or at session level.
    /// The order of lines within a section is not checked, except that
    /// `r=` must follow `t=`.
    public init(parsing bytes: some Collection<UInt8>, limits: Limits = .default) throws(SDPError) {
        guard bytes.count <= limits.maxSize else {
            throw SDPError(.tooLarge, "\(bytes.count) bytes, at most \(limits.maxSize)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SDPError(.invalidEncoding, "not UTF-8")
        }
        var builder = SDPSessionBuilder(limits: limits)
        for line in try SDPLines.split(text, maxLines: limits.maxLines) {
            try builder.add(line)
        }
        self = try builder.finish()
    }

    public init(parsing text: String, limits: Limits = .default) throws(SDPError) {
        try self.init(parsing: Array(text.utf8), limits: limits)
    }
}

/// One `x=value` line.
struct SDPLine {
    let type: Character
    let value: Substring
    let text: Substring
}

enum SDPLines {
    static let knownTypes: Set<Character> = ["v", "o", "s", "i", "u", "e", "p", "c", "b", "t", "r", "z", "k", "a", "m"]

    static func split(_ text: String, maxLines: Int) throws(SDPError) -> [SDPLine] {
        guard text.utf8.last == UInt8(ascii: "\n") else {
            throw SDPError(.invalidLine, "the last line does not end in CRLF or LF")
        }
        var lines: [SDPLine] = []
        for raw in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            guard lines.count < maxLines else {
                throw SDPError(.tooManyLines, "more than \(maxLines) lines")
            }
            var body = Substring(raw)
            if body.utf8.last == UInt8(ascii: "\r") { body = body.dropLast() }
            lines.append(try line(body))
        }
        return lines
    }

    private static func line(_ text: Substring) throws(SDPError) -> SDPLine {
        let bytes = text.utf8
        guard bytes.count >= 2, let first = bytes.first,
              bytes[bytes.index(after: bytes.startIndex)] == UInt8(ascii: "=") else {
            throw SDPError(.invalidLine, text.isEmpty ? "empty line" : "not of the form x=value: \(text.prefix(80))")
        }
        guard (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            throw SDPError(.invalidLine, "type must be one lowercase letter: \(text.prefix(80))")
        }
        if let bad = bytes.first(where: { $0 == 0 || $0 == UInt8(ascii: "\r") }) {
            throw SDPError(.invalidLine, bad == 0 ? "NUL in a line" : "bare CR in a line")
        }
        let type = Character(Unicode.Scalar(first))
        guard knownTypes.contains(type) else {
            throw SDPError(.unknownType, "\(type)=")
        }
        return SDPLine(type: type, value: text.dropFirst(2), text: text)
    }
}
