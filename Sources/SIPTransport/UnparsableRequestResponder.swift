import SIPCore

/// A 400 (or 505/513) for a request the parser refused, when enough of it is
/// readable to address a response (RFC 3261 §21.4.1 wants the reason to name
/// the problem). Anything else, including broken responses, is dropped.
enum UnparsableRequestResponder {
    static func response(to bytes: some Collection<UInt8>, error: SIPParseError) -> SIPResponse? {
        // Only the header section matters; look at no more than the parser would.
        let data = Array(bytes.prefix(SIPMessageParser.Limits.default.maxMessageSize))
        var headerEnd = data.count
        if data.count >= 4 {
            for index in 0...(data.count - 4) where data[index..<index + 4].elementsEqual([13, 10, 13, 10]) {
                headerEnd = index
                break
            }
        }
        // "\r\n" is one Character, so splitting on it splits lines.
        let lines = String(decoding: data[..<headerEnd], as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let startLine = lines.first, !startLine.hasPrefix("SIP/"), startLine.split(separator: " ").count == 3 else {
            return nil
        }
        var copied: [String: String] = [:]
        var vias: [String] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = SIPHeaderName.key(line[..<colon].trimmingCharacters(in: " \t"))
            let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
            guard value.unicodeScalars.allSatisfy({ (0x20..<0x7F).contains($0.value) || $0 == "\t" }) else { return nil }
            if name == "via" { vias.append(value) } else if ["from", "to", "call-id", "cseq"].contains(name), copied[name] == nil {
                copied[name] = value
            }
        }
        guard let topVia = vias.first, (try? SIPVia(parsing: topVia)) != nil,
              let from = copied["from"], let to = copied["to"], let callID = copied["call-id"], let cseq = copied["cseq"]
        else { return nil }
        var headers = SIPHeaders()
        for via in vias { headers.append(SIPHeaderName.via, via) }
        headers.append(SIPHeaderName.from, from)
        headers.append(SIPHeaderName.to, to)
        headers.append(SIPHeaderName.callID, callID)
        headers.append(SIPHeaderName.cseq, cseq)
        return SIPResponse(statusCode: error.statusCode, reasonPhrase: error.reasonPhrase, headers: headers)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.unicodeScalars.contains($0) }),
              let last = scalars.lastIndex(where: { !set.unicodeScalars.contains($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
