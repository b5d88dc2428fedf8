extension SIPDialog {
    /// Our From (with our tag) and the peer's To (with theirs).
    public var localAddress: SIPNameAddress { tagged(localURI, id.localTag) }
    public var remoteAddress: SIPNameAddress { tagged(remoteURI, id.remoteTag) }

    /// A new request within the dialog (§12.2.1.1), e.g. BYE or a re-INVITE:
    /// the next local CSeq, Request-URI and Route from the route set and
    /// remote target. `via` is the transport's Via with a fresh branch;
    /// `contact` is required for target refreshes (INVITE).
    public mutating func makeRequest(
        method: String, via: SIPVia, contact: SIPNameAddress? = nil,
        body: [UInt8] = [], contentType: SIPContentType? = nil
    ) -> SIPRequest {
        // An empty local sequence starts at 1 (§12.2.1.1 leaves the choice to §8.1.1.5).
        let sequence = (localSequence ?? 0) &+ 1
        localSequence = sequence
        return build(method: method, sequence: sequence, via: via, contact: contact, body: body, contentType: contentType)
    }

    /// The ACK for a 2xx to an INVITE (§13.2.2.4): built like any in-dialog
    /// request but with the INVITE's CSeq number and no change to the local
    /// sequence. It needs its own branch, being a transaction of its own.
    public func makeACK(inviteSequence: UInt32, via: SIPVia, body: [UInt8] = [], contentType: SIPContentType? = nil) -> SIPRequest {
        build(method: "ACK", sequence: inviteSequence, via: via, contact: nil, body: body, contentType: contentType)
    }

    private func build(
        method: String, sequence: UInt32, via: SIPVia, contact: SIPNameAddress?,
        body: [UInt8], contentType: SIPContentType?
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append(SIPHeaderName.via, via.description)
        headers.append(SIPHeaderName.maxForwards, "70")
        let (uri, routes) = requestURIAndRoutes
        for route in routes { headers.append(SIPHeaderName.route, route.description) }
        headers.append(SIPHeaderName.from, localAddress.description)
        headers.append(SIPHeaderName.to, remoteAddress.description)
        headers.append(SIPHeaderName.callID, id.callID)
        headers.append(SIPHeaderName.cseq, SIPCSeq(sequence: sequence, method: method).description)
        if let contact { headers.append(SIPHeaderName.contact, contact.description) }
        if let contentType, !body.isEmpty { headers.append(SIPHeaderName.contentType, contentType.description) }
        return SIPRequest(method: method, uri: uri, headers: headers, body: body)
    }

    /// §12.2.1.1: a loose first route (`lr`) keeps the remote target as
    /// Request-URI; a strict one becomes the Request-URI and the remote
    /// target goes last in Route.
    var requestURIAndRoutes: (SIPAnyURI, [SIPNameAddress]) {
        guard let first = routeSet.first else { return (remoteTarget, []) }
        if first.uri.sipURI?.parameters.contains("lr") ?? false { return (remoteTarget, routeSet) }
        var strictURI = first.uri
        if var sip = first.uri.sipURI {
            // URI headers are not allowed in a Request-URI.
            sip.headers = []
            strictURI = .sip(sip)
        }
        return (strictURI, Array(routeSet.dropFirst()) + [SIPNameAddress(uri: remoteTarget)])
    }

    private func tagged(_ address: SIPNameAddress, _ tag: String) -> SIPNameAddress {
        var copy = address
        copy.tag = tag
        return copy
    }
}
