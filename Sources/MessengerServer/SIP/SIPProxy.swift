import Crypto
import Logging
import SIPCore
import SIPTransport

/// The stateful proxy (RFC 3261 §16) for everything but REGISTER: request
/// validation (§16.3), route preprocessing (§16.4), authentication of our
/// own users (407), target resolution (§16.5), forwarding with Via and
/// Record-Route (§16.6) and forking through `SIPFork`, CANCEL (§16.10) and
/// the stateless forwarding of ACKs for 2xx and stray 2xx retransmissions.
actor SIPProxy {
    struct Settings: Sendable {
        /// Timer C (§16.8): how long an INVITE may ring before it is cancelled.
        var inviteTimeout: Duration = .seconds(180)
        /// Requests being forwarded at once; more are refused with 503.
        var maxActiveRequests = 1000
        /// 64·T1, the wait for a final response after a CANCEL (§9.1).
        var cancelTimeout: Duration = .seconds(32)
    }

    private let layer: SIPTransactionLayer
    private let local: SIPLocalAddress
    private let authenticator: SIPAuthenticator
    private let resolver: SIPTargetResolver
    private let settings: Settings
    private let logger: Logger
    private let localTags = SIPLocalReplyTags()
    private var active: [SIPTransactionLayer.ServerTransactionID: AsyncStream<SIPFork.Event>.Continuation] = [:]
    private var activeCount = 0

    init(
        layer: SIPTransactionLayer, local: SIPLocalAddress, authenticator: SIPAuthenticator,
        resolver: SIPTargetResolver, settings: Settings, logger: Logger
    ) {
        self.layer = layer
        self.local = local
        self.authenticator = authenticator
        self.resolver = resolver
        self.settings = settings
        self.logger = logger
    }

    func handle(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        if incoming.request.method == "CANCEL" {
            await cancel(incoming)
            return
        }
        switch await route(incoming.request) {
        case .reply(let response):
            logger.debug("sip proxy reply", metadata: ["sip.method": "\(incoming.request.method)", "sip.status": "\(response.statusCode)"])
            await layer.respond(response, to: incoming.transaction)
        case .forward(let request, let targets, let keepURI):
            await forward(request, to: targets, keepURI: keepURI, transaction: incoming.transaction)
        }
    }

    /// An ACK for a 2xx travels end to end: forwarded statelessly along the route set.
    func forwardACK(_ ack: SIPRequest) async {
        // A late ACK for one of our own final responses: nothing downstream saw that response.
        if localTags.acknowledgesLocalReply(ack) { return }
        guard let maxForwards = try? ack.headers.maxForwards() ?? 70, maxForwards > 0 else { return }
        var request = ack
        preprocessRoutes(&request)
        let destination: SIPTransportAddress?
        if let route = (try? request.headers.routes())?.first?.uri.sipURI {
            destination = SIPTargetResolver.destination(for: route)
        } else if let uri = request.uri.sipURI, !local.isOurs(uri) {
            destination = SIPTargetResolver.destination(for: uri)
        } else if case .targets(let targets) = await resolver.resolve(request.uri, callerIsLocal: false) {
            // An ACK sent to the AOR instead of the Contact (a UA without Record-Route support).
            destination = targets.first?.destination
        } else {
            destination = nil
        }
        guard let destination else { return }
        request.headers.set(SIPHeaderName.maxForwards, String(maxForwards - 1))
        let via = layer.endpoint.via(for: destination.kind, branch: branch(for: ack))
        request.headers.prepend(SIPHeaderName.via, via.description)
        try? await layer.sendStateless(.request(request), to: destination)
    }

    /// A 2xx retransmission after our client transaction ended: pass it upstream.
    func forwardStray(_ response: SIPResponse) async {
        guard let top = (try? response.headers.vias())?.first, isOurs(top) else { return }
        let upstream = response.withoutTopVia
        let endpoint = layer.endpoint
        try? await endpoint.sendResponse(upstream, toRequestFrom: SIPTransportAddress(.udp, endpoint.udpAddress))
    }

    // MARK: Routing decisions

    private enum Decision {
        case reply(SIPResponse)
        /// Forward to targets; `keepURI` for requests routed by Route or in a dialog.
        case forward(SIPRequest, [SIPTarget], keepURI: Bool)
    }

    private func route(_ original: SIPRequest) async -> Decision {
        let toTag = localTags.tag(for: original)
        func reply(_ status: Int, _ reason: String) -> Decision {
            .reply(original.makeResponse(statusCode: status, reasonPhrase: reason, toTag: toTag))
        }
        // §16.3: scheme, Max-Forwards, loops, Proxy-Require.
        if case .other = original.uri { return reply(416, "Unsupported URI Scheme") }
        guard let maxForwards = try? original.headers.maxForwards() else { return reply(400, "Bad Max-Forwards") }
        if maxForwards == 0 { return reply(483, "Too Many Hops") }
        let loopKey = Self.loopKey(original)
        let looped = ((try? original.headers.vias()) ?? []).contains {
            isOurs($0) && ($0.branch ?? "").hasPrefix(SIPVia.magicCookie + loopKey + ".")
        }
        if looped { return reply(482, "Loop Detected") }
        let proxyRequire = (try? original.headers.values(named: "Proxy-Require")) ?? []
        if !proxyRequire.isEmpty {
            guard case .reply(var response) = reply(420, "Bad Extension") else { return reply(500, "Server Internal Error") }
            response.headers.append("Unsupported", proxyRequire.joined(separator: ", "))
            return .reply(response)
        }
        // §16.4: our own Route comes off.
        var request = original
        preprocessRoutes(&request)
        let routes = (try? request.headers.routes()) ?? []
        let inDialog = (try? request.headers.to())??.tag != nil
        let uriIsOurs = request.uri.sipURI.map(local.isOurs) ?? false
        // In a dialog, or pre-routed: follow Route, else the Request-URI as it is.
        if inDialog && (!routes.isEmpty || !uriIsOurs) {
            let next = routes.first?.uri.sipURI ?? request.uri.sipURI
            guard let next, let destination = SIPTargetResolver.destination(for: next) else { return reply(404, "Not Found") }
            return .forward(request, [SIPTarget(uri: next, destination: destination)], keepURI: true)
        }
        if request.method == "OPTIONS", let uri = request.uri.sipURI, uriIsOurs, uri.user == nil {
            guard case .reply(var response) = reply(200, "OK") else { return reply(500, "Server Internal Error") }
            response.headers.append("Allow", "INVITE, ACK, BYE, CANCEL, OPTIONS, MESSAGE, REGISTER")
            return .reply(response)
        }
        // Our users authenticate (407); others may only reach our users.
        var callerIsLocal = false
        if let from = (try? request.headers.from())??.uri.sipURI, local.isOurs(from) {
            switch await authenticator.check(request, role: .proxy) {
            case .challenge(let stale):
                return .reply(authenticator.challenge(original, role: .proxy, stale: stale, toTag: toTag))
            case .forbidden(let reason):
                return reply(403, reason)
            case .authenticated(let username):
                guard from.user.map({ $0.lowercased() == username.lowercased() }) ?? false else {
                    return reply(403, "From is not the authenticated user")
                }
                callerIsLocal = true
                request.headers.remove(SIPHeaderName.proxyAuthorization)
            }
        }
        if !routes.isEmpty {
            guard callerIsLocal, let next = routes.first?.uri.sipURI,
                let destination = SIPTargetResolver.destination(for: next)
            else { return reply(403, "Relaying not allowed") }
            return .forward(request, [SIPTarget(uri: next, destination: destination)], keepURI: true)
        }
        switch await resolver.resolve(request.uri, callerIsLocal: callerIsLocal) {
        case .targets(let targets): return .forward(request, targets, keepURI: false)
        case .unavailable: return reply(480, "Temporarily Unavailable")
        case .notFound: return reply(404, "Not Found")
        case .forbidden: return reply(403, "Relaying not allowed")
        case .unsupportedScheme: return reply(416, "Unsupported URI Scheme")
        }
    }

    /// §16.4: a Request-URI we put in Record-Route means a strict router
    /// sent it (take the last Route instead); a first Route of ours comes off.
    private func preprocessRoutes(_ request: inout SIPRequest) {
        if let uri = request.uri.sipURI, uri.user == nil, local.isOurs(uri), uri.parameters.contains("lr"),
            let last = (try? request.headers.routes())?.last
        {
            request.uri = last.uri
            request.headers.removeLastValue(of: SIPHeaderName.route)
        }
        if let first = (try? request.headers.routes())?.first?.uri.sipURI, first.user == nil, local.isOurs(first) {
            request.headers.removeFirstValue(of: SIPHeaderName.route)
        }
    }

    // MARK: Forwarding

    private func forward(
        _ request: SIPRequest, to targets: [SIPTarget], keepURI: Bool, transaction: SIPTransactionLayer.ServerTransactionID
    ) async {
        guard activeCount < settings.maxActiveRequests else {
            var busy = request.makeResponse(statusCode: 503, reasonPhrase: "Service Unavailable", toTag: localTags.tag(for: request))
            busy.headers.append("Retry-After", "5")
            await layer.respond(busy, to: transaction)
            return
        }
        let maxForwards = (try? request.headers.maxForwards()).flatMap { $0 }.map { Int($0) - 1 } ?? 70
        let isInvite = request.method == "INVITE"
        let recordRoute = isInvite && (try? request.headers.to())??.tag == nil
        let loopKey = Self.loopKey(request)
        let branches: [(SIPRequest, SIPTransportAddress)] = targets.map { target in
            var copy = request
            if !keepURI { copy.uri = .sip(target.uri) }
            copy.headers.set(SIPHeaderName.maxForwards, String(maxForwards))
            if recordRoute { copy.headers.prepend(SIPHeaderName.recordRoute, "<\(local.routeURI)>") }
            let via = layer.endpoint.via(for: target.destination.kind, branch: SIPVia.magicCookie + loopKey + "." + Self.random())
            copy.headers.prepend(SIPHeaderName.via, via.description)
            return (copy, target.destination)
        }
        let (events, sink) = AsyncStream.makeStream(of: SIPFork.Event.self)
        active[transaction] = sink
        activeCount += 1
        let timerC: Task<Void, Never>? =
            isInvite
            ? Task { [timeout = settings.inviteTimeout] in
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                sink.yield(.timerC)
            } : nil
        await SIPFork(layer: layer, original: request, transaction: transaction, cancelTimeout: settings.cancelTimeout).run(branches, events: events, sink: sink)
        timerC?.cancel()
        sink.finish()
        active[transaction] = nil
        activeCount -= 1
    }

    /// §16.10: answer the CANCEL, then cancel the branches of its INVITE.
    private func cancel(_ incoming: SIPTransactionLayer.IncomingRequest) async {
        guard let target = incoming.cancels, let sink = active[target] else {
            let unknown = incoming.request.makeResponse(statusCode: 481, reasonPhrase: "Call/Transaction Does Not Exist", toTag: SIPBranch.make())
            await layer.respond(unknown, to: incoming.transaction)
            return
        }
        await layer.respond(incoming.request.makeResponse(statusCode: 200, reasonPhrase: "OK"), to: incoming.transaction)
        sink.yield(.cancel)
    }

    // MARK: Loops and branches

    private func isOurs(_ via: SIPVia) -> Bool {
        via.host.lowercased() == local.host.lowercased() && Int(via.port ?? 5060) == local.port
    }

    /// §16.6 step 8: a branch whose first part is a hash of what identifies
    /// the request, so the same request coming back is recognised (§16.3 step 4).
    private func branch(for request: SIPRequest) -> String {
        SIPVia.magicCookie + Self.loopKey(request) + "." + Self.random()
    }

    static func loopKey(_ request: SIPRequest) -> String {
        let from = (try? request.headers.from())??.tag ?? ""
        let to = (try? request.headers.to())??.tag ?? ""
        let callID = request.headers[SIPHeaderName.callID] ?? ""
        let sequence = (try? request.headers.cseq())??.sequence ?? 0
        let text = "\(request.uri)|\(from)|\(to)|\(callID)|\(sequence)"
        return String(hexString(SHA256.hash(data: Array(text.utf8))).prefix(16))
    }

    private static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(UInt64.random(in: .min ... .max, using: &generator), radix: 16)
    }
}
