import SIPCore

/// Who "we" are in SIP terms: the served domain and the address the
/// endpoint is bound to. A URI is ours when its host is the domain, or our
/// IP address with our port (or no port when we listen on 5060).
struct SIPLocalAddress: Sendable {
    let domain: String
    let host: String
    let port: Int

    func isOurs(_ uri: SIPURI) -> Bool {
        let host = uri.host.lowercased()
        if host == domain.lowercased() { return true }
        return host == self.host.lowercased() && Int(uri.port ?? 5060) == port
    }

    /// Our Record-Route / Route value (loose routing).
    var routeURI: SIPURI {
        SIPURI(host: host, port: UInt16(clamping: port), parameters: [SIPParameter("lr")])
    }

    /// The address-of-record of a user.
    func aor(_ username: String) -> SIPURI { SIPURI(user: username, host: domain) }
}
