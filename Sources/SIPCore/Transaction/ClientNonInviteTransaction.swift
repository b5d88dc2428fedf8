/// The non-INVITE client transaction of RFC 3261 §17.1.2 (Figure 6).
public struct ClientNonInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case trying, proceeding, completed, terminated
    }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimers
    public private(set) var state: State = .trying
    private var running = RunningTimers()
    private var retransmitInterval: Duration

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimers = .default) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        self.retransmitInterval = timers.t1
    }

    /// Sends the request and starts Timer E (unreliable transports only) and Timer F.
    public mutating func start() -> [TransactionAction] {
        var actions: [TransactionAction] = [.send(.request(request))]
        if !isReliable { actions.append(running.start(.e, retransmitInterval)) }
        actions.append(running.start(.f, timers.transactionTimeout))
        return actions
    }

    public mutating func receive(_ response: SIPResponse) -> [TransactionAction] {
        switch state {
        case .trying, .proceeding:
            if response.isProvisional {
                state = .proceeding
                return [.passResponse(response)]
            }
            var actions = running.stop(.e) + running.stop(.f) + [.passResponse(response)]
            if isReliable {
                state = .terminated
                return actions + running.terminate(.normal)
            }
            state = .completed
            actions.append(running.start(.k, timers.t4))
            return actions
        case .completed, .terminated:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        guard running.fired(timer) else { return [] }
        switch (state, timer) {
        case (.trying, .e):
            retransmitInterval = timers.doubled(retransmitInterval, capped: true)
            return [.send(.request(request)), running.start(.e, retransmitInterval)]
        case (.proceeding, .e):
            // §17.1.2.2: in Proceeding the interval is T2.
            return [.send(.request(request)), running.start(.e, timers.t2)]
        case (.trying, .f), (.proceeding, .f):
            state = .terminated
            return running.terminate(.timeout)
        case (.completed, .k):
            state = .terminated
            return running.terminate(.normal)
        default:
            return []
        }
    }

    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .trying, .proceeding:
            state = .terminated
            return running.terminate(.transportError)
        case .completed, .terminated:
            return []
        }
    }
}
