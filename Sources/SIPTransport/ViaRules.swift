import NIOCore
import SIPCore

/// The Via processing of RFC 3261 §18.2.1 and §18.2.2 with RFC 3581's rport:
/// pure functions, so they are tested without sockets.
public enum ViaRules {
    /// Adds `received` when the top Via's host is not the packet's source
    /// address, and fills an empty `rport` with the source port (then
    /// `received` is always added, RFC 3581 §4).
    public static func stampReceived(_ request: inout SIPRequest, source: SocketAddress) throws(SIPParseError) {
        var vias = try request.headers.vias()
        guard var top = vias.first, let ip = source.ipAddress else { return }
        let fillsRport = top.rport.map { $0 == nil } ?? false
        if fillsRport, let port = source.port {
            top.parameters["rport"] = String(port)
            top.received = ip
        } else if top.host.trimmingBrackets != ip {
            top.received = ip
        } else {
            return
        }
        vias[0] = top
        // Every Via on its own line: equivalent to a comma list (§7.3.1).
        let position = request.headers.fields.firstIndex { SIPHeaderName.key($0.name) == "via" } ?? 0
        request.headers.remove(SIPHeaderName.via)
        request.headers.fields.insert(contentsOf: vias.map { SIPHeaderField(SIPHeaderName.via, $0.description) }, at: position)
    }

    /// Where a response goes over an unreliable transport, or over a new
    /// connection when the request's is gone (§18.2.2, RFC 3581 §4): the
    /// `received` address (else the sent-by host) and the `rport` (else the
    /// sent-by port, else 5060). Nil without a usable top Via or for maddr
    /// (multicast, not supported).
    public static func responseDestination(for response: SIPResponse) -> (host: String, port: Int)? {
        guard let top = try? response.headers.vias().first, top.maddr == nil else { return nil }
        let host = top.received ?? top.host.trimmingBrackets
        if case .some(.some(let rport)) = top.rport { return (host, Int(rport)) }
        return (host, Int(top.port ?? (top.transport == "TLS" ? 5061 : 5060)))
    }
}

extension String {
    /// An IPv6 reference without its brackets, as socket addresses print it.
    var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
