extension SDPSession {
    /// The description as text, CRLF line ends, fields in RFC 4566 order:
    /// `v o s i u e p c b t r z k a`, then per medium `m i c b k a`.
    public func serialized() -> String {
        var lines = ["v=0", "o=\(origin.username) \(origin.sessionID) \(origin.sessionVersion) \(origin.address.text)", "s=\(name)"]
        if let information { lines.append("i=\(information)") }
        lines += other(["u", "e", "p"])
        if let connection { lines.append("c=\(connection.text)") }
        lines += bandwidths.map(\.text)
        for timing in timings {
            lines.append("t=\(timing.start) \(timing.stop)")
            lines += timing.repeats.map { "r=\($0)" }
        }
        lines += other(["z", "k"])
        lines += attributes.map(\.text)
        for medium in media {
            lines += medium.lines
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private func other(_ types: [Character]) -> [String] {
        types.flatMap { type in otherFields.filter { $0.type == type }.map { "\(type)=\($0.value)" } }
    }
}

extension SDPSession.Media {
    var lines: [String] {
        let port = portCount.map { "\(self.port)/\($0)" } ?? "\(self.port)"
        var lines = ["m=\(type) \(port) \(transport) \(formats.joined(separator: " "))"]
        if let information { lines.append("i=\(information)") }
        if let connection { lines.append("c=\(connection.text)") }
        lines += bandwidths.map(\.text)
        lines += otherFields.map { "\($0.type)=\($0.value)" }
        lines += attributes.map(\.text)
        return lines
    }
}

extension SDPSession.Address {
    var text: String { "\(networkType) \(addressType) \(address)" }
}

extension SDPSession.Bandwidth {
    var text: String { "b=\(type):\(value)" }
}

extension SDPSession.Attribute {
    var text: String { value.map { "a=\(name):\($0)" } ?? "a=\(name)" }
}
