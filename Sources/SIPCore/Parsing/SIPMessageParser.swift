/// Parses SIP messages from bytes (RFC 3261 §7, grammar §25).
///
/// Strict where RFC 3261 is strict (single SP in the start line, CRLF line
/// ends, no empty list elements, bounded scalars), tolerant where the valid
/// RFC 4475 torture messages require (folding anywhere, LWS around `:` `;`
/// `=` `/`, leading zeros, unknown headers with any text).
public enum SIPMessageParser {
    /// Size bounds applied before anything else is looked at.
    public struct Limits: Hashable, Sendable {
        public var maxMessageSize: Int
        public var maxHeaderCount: Int
        public var maxHeaderLineLength: Int

        public init(maxMessageSize: Int = 65_536, maxHeaderCount: Int = 200, maxHeaderLineLength: Int = 8_192) {
            self.maxMessageSize = maxMessageSize
            self.maxHeaderCount = maxHeaderCount
            self.maxHeaderLineLength = maxHeaderLineLength
        }

        public static let `default` = Limits()
    }

    /// Parses one UDP datagram. Leading CRLFs are skipped; octets beyond
    /// Content-Length are ignored (RFC 3261 §18.3); without Content-Length
    /// the body is the rest of the datagram (RFC 2543 compatibility).
    public static func parse(datagram: some Collection<UInt8>, limits: Limits = .default) throws(SIPParseError) -> SIPMessage {
        let bytes = Array(datagram)
        guard bytes.count <= limits.maxMessageSize else {
            throw SIPParseError(.messageTooLarge, "\(bytes.count) bytes")
        }
        var start = 0
        while start < bytes.count, bytes[start] == SIPCharacters.cr || bytes[start] == SIPCharacters.lf { start += 1 }
        guard let headEnd = findHeadEnd(bytes, from: start) else {
            throw SIPParseError(.incompleteHeaders, "no empty line after the headers")
        }
        let head = try parseHead(bytes[start..<headEnd], limits: limits)
        let available = bytes.count - headEnd - 4
        let body: [UInt8]
        if let length = try head.headers.contentLength(limit: limits.maxMessageSize) {
            guard length <= available else {
                throw SIPParseError(.bodyTruncated, "Content-Length \(length) but \(available) bytes follow")
            }
            body = Array(bytes[(headEnd + 4)..<(headEnd + 4 + length)])
        } else {
            body = Array(bytes[(headEnd + 4)...])
        }
        let message = head.message(body: body)
        try SIPMessageValidator.validate(message)
        return message
    }

    /// Index of the CR that starts the first CRLFCRLF at or after `from`.
    static func findHeadEnd(_ bytes: [UInt8], from: Int, limit: Int = .max) -> Int? {
        var index = from
        let end = min(bytes.count, limit == .max ? bytes.count : from + limit) - 3
        while index < end {
            if bytes[index] == SIPCharacters.cr, bytes[index + 1] == SIPCharacters.lf,
               bytes[index + 2] == SIPCharacters.cr, bytes[index + 3] == SIPCharacters.lf {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The start line and headers, before the body is attached.
    struct Head {
        enum StartLine {
            case request(method: String, uri: SIPAnyURI)
            case response(code: Int, reason: String)
        }

        var startLine: StartLine
        var headers: SIPHeaders

        func message(body: [UInt8]) -> SIPMessage {
            switch startLine {
            case .request(let method, let uri):
                .request(SIPRequest(method: method, uri: uri, headers: headers, body: body))
            case .response(let code, let reason):
                .response(SIPResponse(statusCode: code, reasonPhrase: reason, headers: headers, body: body))
            }
        }
    }

    /// Parses the start line and header lines (without the final CRLFCRLF).
    static func parseHead(_ bytes: ArraySlice<UInt8>, limits: Limits) throws(SIPParseError) -> Head {
        let lines = try splitLines(bytes)
        guard let first = lines.first else { throw SIPParseError(.invalidStartLine, "empty message") }
        let startLine = try parseStartLine(first)
        var fields: [SIPHeaderField] = []
        var pendingName: String?
        var pendingValue: [UInt8] = []

        func flush() throws(SIPParseError) {
            guard let name = pendingName else { return }
            guard fields.count < limits.maxHeaderCount else {
                throw SIPParseError(.tooManyHeaders, "more than \(limits.maxHeaderCount) headers")
            }
            guard let value = String(validating: pendingValue, as: UTF8.self) else {
                throw SIPParseError(.invalidEncoding, "\(name): not UTF-8")
            }
            fields.append(SIPHeaderField(name, String(value.sipTrimmed)))
            pendingName = nil
        }

        for line in lines.dropFirst() {
            if let lead = line.first, SIPCharacters.isWhitespace(lead) {
                // Folding: the line break and the leading whitespace become one SP.
                guard pendingName != nil else { throw SIPParseError(.invalidHeaderName, "continuation line before any header") }
                pendingValue.append(SIPCharacters.sp)
                pendingValue += line.drop(while: SIPCharacters.isWhitespace)
            } else {
                try flush()
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                    throw SIPParseError(.invalidHeaderName, "header line without ':'")
                }
                var nameEnd = colon
                while nameEnd > line.startIndex, SIPCharacters.isWhitespace(line[nameEnd - 1]) { nameEnd -= 1 }
                let nameBytes = line[line.startIndex..<nameEnd]
                guard !nameBytes.isEmpty, nameBytes.allSatisfy(SIPCharacters.isToken) else {
                    throw SIPParseError(.invalidHeaderName, "bad header name \(String(decoding: nameBytes.prefix(40), as: UTF8.self))")
                }
                pendingName = String(decoding: nameBytes, as: UTF8.self)
                pendingValue = Array(line[(colon + 1)...])
            }
            if pendingValue.count > limits.maxHeaderLineLength {
                throw SIPParseError(.headerLineTooLong, "\(pendingName ?? "header") longer than \(limits.maxHeaderLineLength) bytes")
            }
            try checkControls(pendingValue, header: pendingName ?? "header")
        }
        try flush()
        return Head(startLine: startLine, headers: SIPHeaders(fields))
    }

    /// Lines split at CRLF; a lone CR or LF is an error.
    static func splitLines(_ bytes: ArraySlice<UInt8>) throws(SIPParseError) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == SIPCharacters.cr {
                guard index + 1 < bytes.endIndex, bytes[index + 1] == SIPCharacters.lf else {
                    throw SIPParseError(.bareLineBreak, "CR without LF")
                }
                lines.append(bytes[lineStart..<index])
                index += 2
                lineStart = index
            } else if byte == SIPCharacters.lf {
                throw SIPParseError(.bareLineBreak, "LF without CR")
            } else {
                index += 1
            }
        }
        lines.append(bytes[lineStart..<bytes.endIndex])
        return lines
    }

    /// Control characters may only appear escaped by a backslash (quoted-pair).
    static func checkControls(_ value: [UInt8], header: String) throws(SIPParseError) {
        var previous: UInt8 = 0
        for byte in value {
            if (byte < 0x20 && byte != SIPCharacters.ht) || byte == 0x7F {
                guard previous == UInt8(ascii: "\\") else {
                    throw SIPParseError(.invalidHeaderValue, "\(header): control character")
                }
                previous = 0
                continue
            }
            previous = (previous == UInt8(ascii: "\\") && byte == UInt8(ascii: "\\")) ? 0 : byte
        }
    }

    static func parseStartLine(_ line: ArraySlice<UInt8>) throws(SIPParseError) -> Head.StartLine {
        guard let text = String(validating: line, as: UTF8.self) else {
            throw SIPParseError(.invalidEncoding, "start line is not UTF-8")
        }
        if text.prefix(4).uppercased() == "SIP/" {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            let parts = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { throw SIPParseError(.invalidStartLine, "bad status line") }
            try checkVersion(parts[0])
            guard parts[1].count == 3, parts[1].utf8.allSatisfy(SIPCharacters.isDigit), let code = Int(parts[1]),
                  (100...699).contains(code)
            else { throw SIPParseError(.invalidStatusCode, "status code \(parts[1].prefix(20))") }
            guard parts[2].unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F || $0 == "\t" }) else {
                throw SIPParseError(.invalidReasonPhrase, "control character in reason phrase")
            }
            return .response(code: code, reason: String(parts[2]))
        }
        // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP each.
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
            throw SIPParseError(.invalidStartLine, "request line needs exactly Method SP Request-URI SP SIP-Version")
        }
        guard SIPCharacters.isToken(parts[0]) else { throw SIPParseError(.invalidMethod, "method \(parts[0].prefix(40))") }
        try checkVersion(parts[2])
        let uriText = parts[1]
        guard !uriText.contains("<"), !uriText.contains(">"), !uriText.contains("\t") else {
            throw SIPParseError(.invalidRequestURI, "Request-URI \(uriText.prefix(80))")
        }
        let uri: SIPAnyURI
        do { uri = try SIPAnyURI.parse(uriText) } catch {
            throw SIPParseError(.invalidRequestURI, error.detail)
        }
        if let sip = uri.sipURI, !sip.headers.isEmpty {
            throw SIPParseError(.invalidRequestURI, "headers are not allowed in a Request-URI")
        }
        return .request(method: String(parts[0]), uri: uri)
    }

    static func checkVersion(_ version: Substring) throws(SIPParseError) {
        if version.uppercased() == "SIP/2.0" { return }
        let upper = version.uppercased()
        if upper.hasPrefix("SIP/") {
            let number = upper.dropFirst(4)
            let pieces = number.split(separator: ".", omittingEmptySubsequences: false)
            if pieces.count == 2, pieces.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(SIPCharacters.isDigit) }) {
                throw SIPParseError(.unsupportedVersion, "SIP version \(number)")
            }
        }
        throw SIPParseError(.invalidStartLine, "bad SIP version \(version.prefix(20))")
    }
}
