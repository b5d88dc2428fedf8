import SIPCore

extension SIPTransactionLayer {
    /// Identifies a server transaction so the TU can answer its request.
    public struct ServerTransactionID: Hashable, Sendable {
        let key: TransactionKey
    }

    /// A request that started a server transaction.
    public struct IncomingRequest: Sendable {
        public var request: SIPRequest
        public var source: SIPTransportAddress
        public var transaction: ServerTransactionID
        /// For a CANCEL: the INVITE server transaction it cancels (§9.2), if still there.
        public var cancels: ServerTransactionID?
    }

    /// What the layer hands the transaction user.
    public enum Event: Sendable {
        case request(IncomingRequest)
        /// An ACK no transaction absorbed: the ACK for a 2xx, which belongs to the dialog.
        case ack(SIPRequest, source: SIPTransportAddress)
        /// A 2xx to an INVITE whose client transaction is gone: the UA core re-sends its ACK (§13.2.2.4).
        case strayResponse(SIPResponse, source: SIPTransportAddress)
    }

    /// Why a client transaction ended without a final response.
    public enum ClientTransactionError: Error, Hashable, Sendable {
        /// Timer B or F fired: treat as 408 (§8.1.3.1).
        case timeout
        case transportError
        /// The request has no Via branch, or one already in use.
        case invalidRequest
    }

    enum Machine: Sendable {
        case clientInvite(ClientInviteTransaction)
        case clientNonInvite(ClientNonInviteTransaction)
        case serverInvite(ServerInviteTransaction)
        case serverNonInvite(ServerNonInviteTransaction)

        mutating func timerFired(_ timer: TransactionTimer) -> [TransactionAction] {
            switch self {
            case .clientInvite(var m): defer { self = .clientInvite(m) }; return m.timerFired(timer)
            case .clientNonInvite(var m): defer { self = .clientNonInvite(m) }; return m.timerFired(timer)
            case .serverInvite(var m): defer { self = .serverInvite(m) }; return m.timerFired(timer)
            case .serverNonInvite(var m): defer { self = .serverNonInvite(m) }; return m.timerFired(timer)
            }
        }

        mutating func transportFailed() -> [TransactionAction] {
            switch self {
            case .clientInvite(var m): defer { self = .clientInvite(m) }; return m.transportFailed()
            case .clientNonInvite(var m): defer { self = .clientNonInvite(m) }; return m.transportFailed()
            case .serverInvite(var m): defer { self = .serverInvite(m) }; return m.transportFailed()
            case .serverNonInvite(var m): defer { self = .serverNonInvite(m) }; return m.transportFailed()
            }
        }

        mutating func receive(_ response: SIPResponse) -> [TransactionAction] {
            switch self {
            case .clientInvite(var m): defer { self = .clientInvite(m) }; return m.receive(response)
            case .clientNonInvite(var m): defer { self = .clientNonInvite(m) }; return m.receive(response)
            case .serverInvite, .serverNonInvite: return []
            }
        }

        mutating func receive(_ request: SIPRequest) -> [TransactionAction] {
            switch self {
            case .serverInvite(var m): defer { self = .serverInvite(m) }; return m.receive(request)
            case .serverNonInvite(var m): defer { self = .serverNonInvite(m) }; return m.receive(request)
            case .clientInvite, .clientNonInvite: return []
            }
        }

        mutating func send(_ response: SIPResponse) -> [TransactionAction] {
            switch self {
            case .serverInvite(var m): defer { self = .serverInvite(m) }; return m.send(response)
            case .serverNonInvite(var m): defer { self = .serverNonInvite(m) }; return m.send(response)
            case .clientInvite, .clientNonInvite: return []
            }
        }
    }

    struct ClientEntry: Sendable {
        var machine: Machine
        var destination: SIPTransportAddress
        var continuation: AsyncThrowingStream<SIPResponse, any Error>.Continuation
    }

    struct ServerEntry: Sendable {
        var machine: Machine
        var source: SIPTransportAddress
    }

    enum Side: Hashable, Sendable {
        case client(TransactionKey)
        case server(TransactionKey)
    }

    struct TimerID: Hashable, Sendable {
        var side: Side
        var timer: TransactionTimer
    }
}
