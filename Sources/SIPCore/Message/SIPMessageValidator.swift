/// The checks every element applies before a message reaches a transaction
/// (RFC 3261 §8.2.2, §16.3, RFC 4475 §3.1.2 and §3.3): the headers a
/// transaction needs are present once and well formed, and a request's CSeq
/// method matches its start line.
public enum SIPMessageValidator {
    /// Parses every header the stack relies on, so later typed access cannot fail.
    public static func validate(_ message: SIPMessage) throws(SIPParseError) {
        let headers = message.headers
        for name in SIPHeaderName.singleValued {
            let count = headers.fields(named: name).count
            if count > 1 { throw SIPParseError(.duplicateHeader, "\(name) appears \(count) times") }
        }
        for name in [SIPHeaderName.to, SIPHeaderName.from, SIPHeaderName.callID, SIPHeaderName.cseq, SIPHeaderName.via]
        where !headers.contains(name) {
            throw SIPParseError(.missingHeader, "missing \(name)")
        }
        _ = try headers.vias()
        _ = try headers.from()
        _ = try headers.to()
        _ = try headers.callID()
        let cseq = try headers.cseq()
        _ = try headers.maxForwards()
        _ = try headers.contentLength()
        _ = try headers.contentType()
        _ = try headers.contacts()
        _ = try headers.routes()
        _ = try headers.recordRoutes()
        if case .request(let request) = message, let cseq, cseq.method != request.method {
            throw SIPParseError(.methodMismatch, "CSeq method \(cseq.method) differs from \(request.method)")
        }
    }
}
