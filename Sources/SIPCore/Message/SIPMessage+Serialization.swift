/// Canonical wire form: `Name: value` on one line per field (original names,
/// folding already collapsed), CRLF line ends, and exactly one
/// Content-Length equal to the body size, kept at its original position.
extension SIPMessage {
    public func serialized() -> [UInt8] {
        switch self {
        case .request(let request): request.serialized()
        case .response(let response): response.serialized()
        }
    }
}

extension SIPRequest {
    public func serialized() -> [UInt8] {
        SIPWireWriter.write(startLine: "\(method) \(uri) SIP/2.0", headers: headers, body: body)
    }
}

extension SIPResponse {
    public func serialized() -> [UInt8] {
        SIPWireWriter.write(startLine: "SIP/2.0 \(statusCode) \(reasonPhrase)", headers: headers, body: body)
    }
}

enum SIPWireWriter {
    static func write(startLine: String, headers: SIPHeaders, body: [UInt8]) -> [UInt8] {
        var out = startLine + "\r\n"
        var wroteLength = false
        for field in headers {
            if SIPHeaderName.key(field.name) == "content-length" {
                if !wroteLength { out += "\(field.name): \(body.count)\r\n" }
                wroteLength = true
            } else {
                out += "\(field.name): \(field.value)\r\n"
            }
        }
        if !wroteLength { out += "Content-Length: \(body.count)\r\n" }
        out += "\r\n"
        return Array(out.utf8) + body
    }
}
