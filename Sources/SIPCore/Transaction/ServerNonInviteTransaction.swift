/// The non-INVITE server transaction of RFC 3261 §17.2.2 (Figure 8).
public struct ServerNonInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case trying, proceeding, completed, terminated
    }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimers
    public private(set) var state: State = .trying
    public private(set) var lastResponse: SIPResponse?
    private var running = RunningTimers()

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimers = .default) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
    }

    /// Passes the request to the TU.
    public mutating func start() -> [TransactionAction] {
        [.passRequest(request)]
    }

    /// A retransmission of the request: absorbed in Trying, answered with the
    /// last response afterwards.
    public mutating func receive(_ retransmission: SIPRequest) -> [TransactionAction] {
        switch state {
        case .proceeding, .completed:
            return lastResponse.map { [.send(.response($0))] } ?? []
        case .trying, .terminated:
            return []
        }
    }

    public mutating func send(_ response: SIPResponse) -> [TransactionAction] {
        switch state {
        case .trying, .proceeding:
            lastResponse = response
            if response.isProvisional {
                state = .proceeding
                return [.send(.response(response))]
            }
            if isReliable {
                state = .terminated
                return [.send(.response(response))] + running.terminate(.normal)
            }
            state = .completed
            return [.send(.response(response)), running.start(.j, timers.transactionTimeout)]
        case .completed, .terminated:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        guard running.fired(timer), state == .completed, timer == .j else { return [] }
        state = .terminated
        return running.terminate(.normal)
    }

    public mutating func transportFailed() -> [TransactionAction] {
        guard state != .terminated else { return [] }
        state = .terminated
        return running.terminate(.transportError)
    }
}
