import SIPCore

/// The four transaction machines, driven the same way by `VirtualClock`.
protocol TimedTransaction {
    mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction]
}

extension ClientInviteTransaction: TimedTransaction {}
extension ClientNonInviteTransaction: TimedTransaction {}
extension ServerInviteTransaction: TimedTransaction {}
extension ServerNonInviteTransaction: TimedTransaction {}

/// Runs a transaction's timers on virtual time and records what it did.
struct VirtualClock<Machine: TimedTransaction> {
    var machine: Machine
    private(set) var now: Duration = .zero
    private(set) var deadlines: [TransactionTimer: Duration] = [:]
    /// Every action with the virtual time it happened at.
    private(set) var log: [(at: Duration, action: TransactionAction)] = []

    init(_ machine: Machine) { self.machine = machine }

    /// Performs the bookkeeping of actions the test got from an input.
    mutating func record(_ actions: [TransactionAction]) {
        for action in actions {
            log.append((now, action))
            switch action {
            case .startTimer(let timer, let duration): deadlines[timer] = now + duration
            case .stopTimer(let timer): deadlines[timer] = nil
            default: break
            }
        }
    }

    mutating func input(_ body: (inout Machine) -> [TransactionAction]) {
        record(body(&machine))
    }

    /// Fires every timer due up to `now + duration`, in deadline order.
    mutating func advance(by duration: Duration) {
        let target = now + duration
        while let (timer, deadline) = deadlines.min(by: { $0.value < $1.value }), deadline <= target {
            now = deadline
            deadlines[timer] = nil
            record(machine.timerFired(timer))
        }
        now = target
    }

    /// The times at which messages were sent.
    var sendTimes: [Duration] {
        log.compactMap { if case .send = $0.action { $0.at } else { nil } }
    }

    var sentMessages: [SIPMessage] {
        log.compactMap { if case .send(let message) = $0.action { message } else { nil } }
    }

    var passedResponses: [Int] {
        log.compactMap { if case .passResponse(let response) = $0.action { response.statusCode } else { nil } }
    }

    var passedRequests: [String] {
        log.compactMap { if case .passRequest(let request) = $0.action { request.method } else { nil } }
    }

    var termination: (at: Duration, reason: TransactionTermination)? {
        for entry in log { if case .terminated(let reason) = entry.action { return (entry.at, reason) } }
        return nil
    }
}

enum TransactionFixtures {
    static func request(
        _ method: String, branch: String = "z9hG4bK776asdhds", cseq: UInt32 = 1, toTag: String? = nil,
        via: String = "SIP/2.0/UDP pc33.atlanta.com"
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", via + ";branch=\(branch)")
        headers.append("Max-Forwards", "70")
        headers.append("To", "Bob <sip:bob@biloxi.com>" + (toTag.map { ";tag=\($0)" } ?? ""))
        headers.append("From", "Alice <sip:alice@atlanta.com>;tag=1928301774")
        headers.append("Call-ID", "a84b4c76e66710@pc33.atlanta.com")
        headers.append("CSeq", "\(cseq) \(method)")
        headers.append("Contact", "<sip:alice@pc33.atlanta.com>")
        headers.append("Route", "<sip:p1.atlanta.com;lr>")
        return SIPRequest(method: method, uri: .sip(SIPURI(user: "bob", host: "biloxi.com")), headers: headers)
    }

    static func response(_ status: Int, to request: SIPRequest, toTag: String? = "a6c85cf") -> SIPResponse {
        request.makeResponse(statusCode: status, reasonPhrase: "Reason \(status)", toTag: toTag)
    }
}

extension Duration {
    static func ms(_ value: Int) -> Duration { .milliseconds(value) }
}
