import NIOCore
import SIPCore
import SIPTransport

/// Building and sending our own requests: out-of-dialog requests (§8.1.1),
/// retries with credentials (§22.2), CANCEL (§9.1), and where an in-dialog
/// request goes (§12.2.1.1; no DNS, so a host name means the outbound proxy).
extension SIPUserAgent {
    /// A request outside any dialog from our address of record.
    func makeRequest(
        _ method: String, uri: SIPAnyURI, to: SIPNameAddress, callID: String, fromTag: String,
        sequence: UInt32, wire: Wire
    ) -> SIPRequest {
        var from = SIPNameAddress(displayName: account.displayName, uri: .sip(account.addressOfRecord))
        from.tag = fromTag
        var headers = SIPHeaders()
        headers.append(SIPHeaderName.via, via(wire).description)
        headers.append(SIPHeaderName.maxForwards, "70")
        headers.append(SIPHeaderName.from, from.description)
        headers.append(SIPHeaderName.to, to.description)
        headers.append(SIPHeaderName.callID, callID)
        headers.append(SIPHeaderName.cseq, SIPCSeq(sequence: sequence, method: method).description)
        headers.append("User-Agent", configuration.userAgentName)
        return SIPRequest(method: method, uri: uri, headers: headers)
    }

    /// The same request as a new transaction: a fresh branch and the next CSeq.
    func nextAttempt(of request: SIPRequest, wire: Wire) -> SIPRequest {
        var next = request
        next.headers.set(SIPHeaderName.via, via(wire).description)
        let sequence = ((try? request.headers.cseq()) ?? nil)?.sequence ?? 0
        next.headers.set(SIPHeaderName.cseq, SIPCSeq(sequence: sequence &+ 1, method: request.method).description)
        return next
    }

    /// §9.1: Request-URI, Call-ID, From, To, top Via, Route and CSeq number
    /// of the INVITE it cancels.
    static func cancelRequest(for invite: SIPRequest) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = invite.headers[SIPHeaderName.via] { headers.append(SIPHeaderName.via, via) }
        headers.append(SIPHeaderName.maxForwards, "70")
        for name in [SIPHeaderName.from, SIPHeaderName.to, SIPHeaderName.callID] {
            if let value = invite.headers[name] { headers.append(name, value) }
        }
        let sequence = ((try? invite.headers.cseq()) ?? nil)?.sequence ?? 1
        headers.append(SIPHeaderName.cseq, SIPCSeq(sequence: sequence, method: "CANCEL").description)
        for route in invite.headers.fields(named: SIPHeaderName.route) { headers.append(route.name, route.value) }
        return SIPRequest(method: "CANCEL", uri: invite.uri, headers: headers)
    }

    /// Where a request to `uri` goes: its IP address and port with the
    /// transport it names (the server's when it is the server), else the
    /// outbound proxy.
    func destination(for uri: SIPAnyURI) -> SIPTransportAddress {
        let server = configuration.server
        guard let sip = uri.sipURI else { return server }
        var host = sip.host
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let address = try? SocketAddress(ipAddress: host, port: Int(sip.port ?? 5060)) else { return server }
        switch sip.parameters["transport"]?.lowercased() {
        case "tcp": return SIPTransportAddress(.tcp, address)
        case "udp": return SIPTransportAddress(.udp, address)
        default: return address == server.address ? server : SIPTransportAddress(.udp, address)
        }
    }

    /// The next hop of an in-dialog request: the first route, else the remote target.
    func nextHop(of dialog: SIPDialog) -> SIPTransportAddress {
        destination(for: dialog.routeSet.first?.uri ?? dialog.remoteTarget)
    }

    /// Sends a non-INVITE request and returns its final response, answering a
    /// challenge once (again only for `stale=true`). Also returns the request
    /// that got the answer, whose CSeq the caller may need.
    func sendAuthenticated(
        _ request: SIPRequest, to destination: SIPTransportAddress
    ) async -> (sent: SIPRequest, outcome: Result<SIPResponse, SIPUserAgentError>) {
        var attempt = request
        var answered = 0
        while true {
            let outcome = await finalResponse(to: attempt, at: destination)
            guard case .success(let response) = outcome, DigestAnswer.isChallenge(response),
                answered == 0 || (answered < 3 && DigestAnswer.isStale(response)), let wire
            else { return (attempt, outcome) }
            var next = nextAttempt(of: attempt, wire: wire)
            guard DigestAnswer.authorize(&next, answering: response, account: account) else { return (attempt, outcome) }
            attempt = next
            answered += 1
        }
    }

    /// The first final response in a new client transaction.
    func finalResponse(to request: SIPRequest, at destination: SIPTransportAddress) async -> Result<SIPResponse, SIPUserAgentError> {
        guard let wire else { return .failure(.notStarted) }
        let stream = await wire.layer.request(request, to: destination)
        do {
            for try await response in stream where response.statusCode >= 200 { return .success(response) }
            return .failure(.transport("\(request.method): no final response"))
        } catch SIPTransactionLayer.ClientTransactionError.timeout {
            return .failure(.transport("\(request.method): timed out"))
        } catch {
            return .failure(.transport("\(request.method): \(error)"))
        }
    }

    /// Sends a BYE in `dialog` (answering a challenge) without waiting for it.
    func sendBYE(in dialog: SIPDialog) {
        guard let wire else { return }
        var dialog = dialog
        let bye = dialog.makeRequest(method: "BYE", via: via(wire))
        let hop = nextHop(of: dialog)
        logger.debug("sip ua bye", metadata: ["sip.call_id": "\(dialog.id.callID)"])
        spawn { agent in _ = await agent.sendAuthenticated(bye, to: hop) }
    }
}
