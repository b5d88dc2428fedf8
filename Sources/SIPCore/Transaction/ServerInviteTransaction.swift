/// The INVITE server transaction of RFC 3261 §17.2.1 (Figure 7) as RFC 6026
/// §8 amends it: a 2xx from the TU moves it to Accepted, where INVITE
/// retransmissions are absorbed, ACKs for the 2xx pass up to the TU, and
/// the TU (not the transaction) retransmits the 2xx, until Timer L fires.
public struct ServerInviteTransaction: Hashable, Sendable {
    public enum State: Hashable, Sendable {
        case proceeding, completed, confirmed, accepted, terminated
    }

    public let request: SIPRequest
    public let isReliable: Bool
    public let timers: TransactionTimers
    public private(set) var state: State = .proceeding
    /// The response last handed to the transport, re-sent on request retransmissions.
    public private(set) var lastResponse: SIPResponse?
    private var running = RunningTimers()
    private var retransmitInterval: Duration

    public init(request: SIPRequest, isReliable: Bool, timers: TransactionTimers = .default) {
        self.request = request
        self.isReliable = isReliable
        self.timers = timers
        self.retransmitInterval = timers.t1
    }

    /// Passes the INVITE to the TU. With `sendTrying` a 100 Trying goes out
    /// at once (§17.2.1 allows skipping it only when the TU answers within 200 ms).
    public mutating func start(sendTrying: Bool = true) -> [TransactionAction] {
        var actions: [TransactionAction] = [.passRequest(request)]
        if sendTrying {
            let trying = request.makeResponse(statusCode: 100, reasonPhrase: "Trying")
            lastResponse = trying
            actions.append(.send(.response(trying)))
        }
        return actions
    }

    /// A request matched to this transaction: an INVITE retransmission or an ACK.
    public mutating func receive(_ incoming: SIPRequest) -> [TransactionAction] {
        let isACK = incoming.method == "ACK"
        switch state {
        case .proceeding:
            guard !isACK, let lastResponse else { return [] }
            return [.send(.response(lastResponse))]
        case .completed:
            if !isACK { return lastResponse.map { [.send(.response($0))] } ?? [] }
            var actions = running.stop(.g) + running.stop(.h)
            if isReliable {
                state = .terminated
                return actions + running.terminate(.normal)
            }
            state = .confirmed
            actions.append(running.start(.i, timers.t4))
            return actions
        case .accepted:
            return isACK ? [.passRequest(incoming)] : []
        case .confirmed, .terminated:
            return []
        }
    }

    /// A response from the TU.
    public mutating func send(_ response: SIPResponse) -> [TransactionAction] {
        switch state {
        case .proceeding:
            lastResponse = response
            if response.isProvisional { return [.send(.response(response))] }
            if response.isSuccess {
                state = .accepted
                return [.send(.response(response)), running.start(.l, timers.transactionTimeout)]
            }
            state = .completed
            var actions: [TransactionAction] = [.send(.response(response))]
            if !isReliable { actions.append(running.start(.g, retransmitInterval)) }
            actions.append(running.start(.h, timers.transactionTimeout))
            return actions
        case .accepted where response.isSuccess:
            // RFC 6026 §8.7: the TU's 2xx retransmissions go out through us.
            return [.send(.response(response))]
        default:
            return []
        }
    }

    public mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
        guard running.fired(timer) else { return [] }
        switch (state, timer) {
        case (.completed, .g):
            retransmitInterval = timers.doubled(retransmitInterval, capped: true)
            return (lastResponse.map { [TransactionAction.send(.response($0))] } ?? []) + [running.start(.g, retransmitInterval)]
        case (.completed, .h):
            state = .terminated
            return running.terminate(.timeout)
        case (.confirmed, .i), (.accepted, .l):
            state = .terminated
            return running.terminate(.normal)
        default:
            return []
        }
    }

    public mutating func transportFailed() -> [TransactionAction] {
        switch state {
        case .proceeding, .completed, .accepted:
            state = .terminated
            return running.terminate(.transportError)
        case .confirmed, .terminated:
            return []
        }
    }
}
