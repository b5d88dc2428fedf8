/// What identifies a transaction for matching (RFC 3261 §17.1.3, §17.2.3).
public struct TransactionKey: Hashable, Sendable, CustomStringConvertible {
    enum Identity: Hashable, Sendable {
        /// RFC 3261: the top Via's branch (with the magic cookie) and, at a
        /// server, its sent-by.
        case branch(String, sentBy: String)
        /// RFC 2543 fallback (§17.2.3): the request's identifying fields; the
        /// To tag is checked separately because an ACK carries the response's.
        case legacy(requestURI: String, fromTag: String?, callID: String, sequence: UInt32, topVia: String)
    }

    let identity: Identity
    /// The method that created the transaction; an ACK matches its INVITE.
    public let method: String

    public var description: String {
        switch identity {
        case .branch(let branch, let sentBy): "\(method) branch=\(branch) sent-by=\(sentBy)"
        case .legacy(let uri, _, let callID, let sequence, _): "\(method) rfc2543 \(uri) \(callID) \(sequence)"
        }
    }

    public var isLegacy: Bool {
        if case .legacy = identity { true } else { false }
    }

    /// The key of the client transaction a response belongs to: the top
    /// Via's branch and the CSeq method (§17.1.3). Nil when either is missing.
    public init?(response: SIPResponse) {
        guard let via = try? response.headers.vias().first, let branch = via.branch,
              let cseq = try? response.headers.cseq()
        else { return nil }
        self.identity = .branch(branch, sentBy: "")
        self.method = cseq.method
    }

    /// The key under which a client transaction for `request` is stored.
    public init?(clientRequest request: SIPRequest) {
        guard let via = try? request.headers.vias().first, let branch = via.branch else { return nil }
        self.identity = .branch(branch, sentBy: "")
        self.method = request.method
    }

    /// The key of the server transaction a request belongs to (§17.2.3);
    /// an ACK maps to its INVITE. Nil when the request lacks the fields.
    public init?(serverRequest request: SIPRequest) {
        self.init(serverRequest: request, method: request.method == "ACK" ? "INVITE" : request.method)
    }

    /// The key of the INVITE server transaction a CANCEL cancels (§9.2):
    /// the CANCEL's own matching with the method taken as INVITE.
    public init?(cancelledBy cancel: SIPRequest) {
        guard cancel.method == "CANCEL" else { return nil }
        self.init(serverRequest: cancel, method: "INVITE")
    }

    private init?(serverRequest request: SIPRequest, method: String) {
        guard let via = try? request.headers.vias().first else { return nil }
        self.method = method
        if via.hasRFC3261Branch, let branch = via.branch {
            let sentBy = via.host.lowercased() + ":" + String(via.port ?? (via.transport == "TLS" ? 5061 : 5060))
            self.identity = .branch(branch, sentBy: sentBy)
            return
        }
        guard let callID = try? request.headers.callID(), let cseq = try? request.headers.cseq(),
              let from = try? request.headers.from()
        else { return nil }
        self.identity = .legacy(
            requestURI: request.uri.description, fromTag: from.tag, callID: callID,
            sequence: cseq.sequence, topVia: via.description
        )
    }
}
