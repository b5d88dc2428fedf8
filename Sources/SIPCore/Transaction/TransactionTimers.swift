/// The timer values of RFC 3261 §17 (Table 4), derived from T1, T2 and T4.
public struct TransactionTimers: Hashable, Sendable {
    /// Round-trip estimate; the first retransmission interval.
    public var t1: Duration
    /// Cap on the retransmission interval of non-INVITE requests and INVITE responses.
    public var t2: Duration
    /// How long a message may stay in the network.
    public var t4: Duration

    public init(t1: Duration = .milliseconds(500), t2: Duration = .seconds(4), t4: Duration = .seconds(5)) {
        self.t1 = t1
        self.t2 = t2
        self.t4 = t4
    }

    public static let `default` = TransactionTimers()

    /// 64·T1: timers B, F, H, J (unreliable) and the Accepted-state timers L and M of RFC 6026.
    public var transactionTimeout: Duration { t1 * 64 }

    /// The next retransmission interval: doubled, and capped at T2 when `capped`.
    func doubled(_ interval: Duration, capped: Bool) -> Duration {
        let next = interval * 2
        return capped && next > t2 ? t2 : next
    }
}

/// The timers a transaction starts and stops (RFC 3261 §17, RFC 6026 §8).
public enum TransactionTimer: String, Hashable, Sendable, CaseIterable {
    /// INVITE client: request retransmission.
    case a = "A"
    /// INVITE client: transaction timeout.
    case b = "B"
    /// INVITE client: wait for response retransmissions in Completed.
    case d = "D"
    /// Non-INVITE client: request retransmission.
    case e = "E"
    /// Non-INVITE client: transaction timeout.
    case f = "F"
    /// INVITE server: final response retransmission.
    case g = "G"
    /// INVITE server: wait for ACK.
    case h = "H"
    /// INVITE server: wait for ACK retransmissions in Confirmed.
    case i = "I"
    /// Non-INVITE server: wait for request retransmissions in Completed.
    case j = "J"
    /// Non-INVITE client: wait for response retransmissions in Completed.
    case k = "K"
    /// INVITE server: absorb INVITE retransmissions in Accepted (RFC 6026).
    case l = "L"
    /// INVITE client: pass 2xx retransmissions to the TU in Accepted (RFC 6026).
    case m = "M"
}

/// Why a transaction ended.
public enum TransactionTermination: Hashable, Sendable {
    /// It ran its course.
    case normal
    /// No final response (client) or no ACK (INVITE server) in time: Timer B, F or H.
    case timeout
    /// The transport could not send a message.
    case transportError
}

/// What a transaction asks of its owner; performed in order.
public enum TransactionAction: Hashable, Sendable {
    /// Hand this message to the transport (to the transaction's peer).
    case send(SIPMessage)
    /// Pass a response up to the transaction user (client transactions).
    case passResponse(SIPResponse)
    /// Pass a request up to the transaction user (server transactions; also the ACK for a 2xx).
    case passRequest(SIPRequest)
    /// Start (or restart) a timer; firing is reported with `timerFired(_:)`.
    case startTimer(TransactionTimer, Duration)
    case stopTimer(TransactionTimer)
    /// The transaction is over; the owner drops it and tells the TU unless `.normal`.
    case terminated(TransactionTermination)
}

/// The timers a transaction has running, so termination can stop them all.
struct RunningTimers: Hashable, Sendable {
    private(set) var running: Set<TransactionTimer> = []

    mutating func start(_ timer: TransactionTimer, _ duration: Duration) -> TransactionAction {
        running.insert(timer)
        return .startTimer(timer, duration)
    }

    /// A stop action, or nothing when the timer is not running.
    mutating func stop(_ timer: TransactionTimer) -> [TransactionAction] {
        running.remove(timer) == nil ? [] : [.stopTimer(timer)]
    }

    mutating func fired(_ timer: TransactionTimer) -> Bool {
        running.remove(timer) != nil
    }

    /// Stops every running timer (in a fixed order), then reports the end.
    mutating func terminate(_ reason: TransactionTermination) -> [TransactionAction] {
        let stops = TransactionTimer.allCases.filter { running.contains($0) }.map { TransactionAction.stopTimer($0) }
        running.removeAll()
        return stops + [.terminated(reason)]
    }
}
