/// The INVITE client transaction of RFC 3261 §17.1.1 (Figure 5) with the
/// Accepted state RFC 6026 §8.4 adds: a 2xx moves it to Accepted, where
/// 2xx retransmissions go to the TU until Timer M fires.
///
/// Sans-I/O: the owner calls `start()`, feeds responses, timer firings and
/// transport failures, and performs the returned actions in order.
public struct ClientInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case calling, proceeding, completed, accepted, terminated
    }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimers
    public private(set) var state: State = .calling
    /// The ACK sent for a non-2xx final response, re-sent on its retransmissions.
    public private(set) var ack: SIPRequest?
    private var running = RunningTimers()
    private var retransmitInterval: Duration

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimers = .default) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        self.retransmitInterval = timers.t1
    }

    /// Sends the INVITE and starts Timer A (unreliable transports only) and Timer B.
    public mutating func start() -> [TransactionAction] {
        var actions: [TransactionAction] = [.send(.request(request))]
        if !isReliable { actions.append(running.start(.a, retransmitInterval)) }
        actions.append(running.start(.b, timers.transactionTimeout))
        return actions
    }

    public mutating func receive(_ response: SIPResponse) -> [TransactionAction] {
        switch (state, response.statusCode) {
        case (.calling, 100..<200), (.proceeding, 100..<200):
            // §17.1.1.2: no more retransmissions once anything provisional arrives.
            var actions = running.stop(.a)
            if state == .calling { actions += running.stop(.b) }
            state = .proceeding
            return actions + [.passResponse(response)]
        case (.calling, 200..<300), (.proceeding, 200..<300):
            state = .accepted
            var actions = running.stop(.a) + running.stop(.b)
            actions.append(running.start(.m, timers.transactionTimeout))
            return actions + [.passResponse(response)]
        case (.calling, 300...), (.proceeding, 300...):
            let ack = makeACK(for: response)
            self.ack = ack
            var actions = running.stop(.a) + running.stop(.b)
            actions += [.passResponse(response), .send(.request(ack))]
            if isReliable {
                state = .terminated
                return actions + running.terminate(.normal)
            }
            state = .completed
            return actions + [running.start(.d, .seconds(32))]
        case (.completed, 300...):
            return ack.map { [.send(.request($0))] } ?? []
        case (.accepted, 200..<300):
            return [.passResponse(response)]
        default:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        guard running.fired(timer) else { return [] }
        switch (state, timer) {
        case (.calling, .a):
            retransmitInterval = timers.doubled(retransmitInterval, capped: false)
            return [.send(.request(request)), running.start(.a, retransmitInterval)]
        case (.calling, .b):
            state = .terminated
            return running.terminate(.timeout)
        case (.completed, .d), (.accepted, .m):
            state = .terminated
            return running.terminate(.normal)
        default:
            return []
        }
    }

    /// The transport could not send the INVITE or an ACK.
    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .calling, .completed:
            state = .terminated
            return running.terminate(.transportError)
        case .proceeding, .accepted, .terminated:
            return []
        }
    }

    /// §17.1.1.3: same Request-URI, Call-ID, From, top Via, Route and CSeq
    /// number as the INVITE; To from the response.
    private func makeACK(for response: SIPResponse) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = request.headers.fields(named: SIPHeaderName.via).first {
            // Only the top Via: a Via line may hold a comma-separated list.
            let top = (try? request.headers.vias().first?.description) ?? via.value
            headers.append(SIPHeaderName.via, top)
        }
        for route in request.headers.fields(named: SIPHeaderName.route) { headers.append(route.name, route.value) }
        headers.append(SIPHeaderName.maxForwards, "70")
        if let from = request.headers[SIPHeaderName.from] { headers.append(SIPHeaderName.from, from) }
        if let to = response.headers[SIPHeaderName.to] { headers.append(SIPHeaderName.to, to) }
        if let callID = request.headers[SIPHeaderName.callID] { headers.append(SIPHeaderName.callID, callID) }
        let sequence = (try? request.headers.cseq()?.sequence) ?? 0
        headers.append(SIPHeaderName.cseq, SIPCSeq(sequence: sequence, method: "ACK").description)
        return SIPRequest(method: "ACK", uri: request.uri, headers: headers)
    }
}
