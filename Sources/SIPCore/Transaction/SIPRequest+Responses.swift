extension SIPRequest {
    /// A response to this request as RFC 3261 §8.2.6.2 builds it: Via, From,
    /// Call-ID, CSeq and Timestamp copied, To copied with `toTag` added when
    /// it has none. 100 Trying never gets a tag.
    public func makeResponse(statusCode: Int, reasonPhrase: String, toTag: String? = nil) -> SIPResponse {
        var response = SIPHeaders()
        for field in headers where SIPHeaderName.key(field.name) == "via" { response.append(SIPHeaderName.via, field.value) }
        for name in [SIPHeaderName.from, SIPHeaderName.to, SIPHeaderName.callID, SIPHeaderName.cseq] {
            guard var value = headers[name] else { continue }
            // The tag goes after the value as written, so the To text stays the peer's.
            if name == SIPHeaderName.to, statusCode != 100, let toTag, let to = try? headers.to(), to.tag == nil {
                value += ";tag=\(toTag)"
            }
            response.append(name, value)
        }
        if statusCode == 100, let timestamp = headers["Timestamp"] { response.append("Timestamp", timestamp) }
        return SIPResponse(statusCode: statusCode, reasonPhrase: reasonPhrase, headers: response)
    }
}

extension SIPResponse {
    public var isProvisional: Bool { (100..<200).contains(statusCode) }
    public var isSuccess: Bool { (200..<300).contains(statusCode) }
}
