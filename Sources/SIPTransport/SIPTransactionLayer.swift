import Logging
import SIPCore

/// Runs the RFC 3261 §17 transaction machines of `SIPCore` over a
/// `SIPTransportEndpoint` with real timers: matches incoming messages to
/// transactions, creates server transactions for new requests and reports
/// to the transaction user on `events`.
public actor SIPTransactionLayer {
    public nonisolated let endpoint: SIPTransportEndpoint
    public nonisolated let events: AsyncStream<Event>
    private let eventSink: AsyncStream<Event>.Continuation
    private let timers: TransactionTimers
    private let logger: Logger
    private var clients = TransactionTable<ClientEntry>()
    private var servers = TransactionTable<ServerEntry>()
    private var timerTasks: [TimerID: (generation: Int, task: Task<Void, Never>)] = [:]
    private var nextGeneration = 0

    public init(endpoint: SIPTransportEndpoint, timers: TransactionTimers = .default, logger: Logger = Logger(label: "sip.transaction")) {
        self.endpoint = endpoint
        self.timers = timers
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: Event.self)
    }

    /// Reads the endpoint until it closes; then ends `events`.
    public func run() async {
        for await received in endpoint.incoming {
            switch received.message {
            case .response(let response): await handle(response, from: received.source)
            case .request(let request): await handle(request, from: received.source)
            }
        }
        for (_, entry) in timerTasks { entry.task.cancel() }
        timerTasks.removeAll()
        eventSink.finish()
    }

    /// Sends a request in a new client transaction. The stream yields every
    /// response the TU should see (for an INVITE, also 2xx retransmissions
    /// until Timer M) and ends when the transaction does, throwing
    /// `ClientTransactionError` on timeout or transport failure.
    public func request(_ request: SIPRequest, to destination: SIPTransportAddress) async -> AsyncThrowingStream<SIPResponse, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: SIPResponse.self, throwing: (any Error).self)
        let reliable = destination.kind.isReliable
        var machine: Machine
        if request.method == "INVITE" {
            machine = .clientInvite(ClientInviteTransaction(request: request, isReliable: reliable, timers: timers))
        } else {
            machine = .clientNonInvite(ClientNonInviteTransaction(request: request, isReliable: reliable, timers: timers))
        }
        let actions: [TransactionAction]
        switch machine {
        case .clientInvite(var m): actions = m.start(); machine = .clientInvite(m)
        case .clientNonInvite(var m): actions = m.start(); machine = .clientNonInvite(m)
        default: actions = []
        }
        guard let key = clients.insertClient(ClientEntry(machine: machine, destination: destination, continuation: continuation), for: request) else {
            continuation.finish(throwing: ClientTransactionError.invalidRequest)
            return stream
        }
        await perform(actions, on: .client(key))
        return stream
    }

    /// Sends the TU's response through the server transaction.
    public func respond(_ response: SIPResponse, to id: ServerTransactionID) async {
        guard var entry = servers[server: id.key] else { return }
        let actions = entry.machine.send(response)
        servers[server: id.key] = entry
        servers.noteResponse(response, for: id.key)
        await perform(actions, on: .server(id.key))
    }

    /// Sends outside any transaction: the ACK for a 2xx, a stateless reply.
    public func sendStateless(_ message: SIPMessage, to destination: SIPTransportAddress) async throws {
        try await endpoint.send(message, to: destination)
    }

    private func handle(_ response: SIPResponse, from source: SIPTransportAddress) async {
        guard let (key, found) = clients.client(matching: response) else {
            if response.isSuccess, (try? response.headers.cseq())??.method == "INVITE" {
                eventSink.yield(.strayResponse(response, source: source))
            }
            return
        }
        var entry = found
        let actions = entry.machine.receive(response)
        clients[client: key] = entry
        await perform(actions, on: .client(key))
    }

    private func handle(_ request: SIPRequest, from source: SIPTransportAddress) async {
        if let (key, found) = servers.server(matching: request) {
            var entry = found
            let actions = entry.machine.receive(request)
            servers[server: key] = entry
            await perform(actions, on: .server(key))
            return
        }
        if request.method == "ACK" {
            eventSink.yield(.ack(request, source: source))
            return
        }
        let reliable = source.kind.isReliable
        var actions: [TransactionAction]
        let machine: Machine
        if request.method == "INVITE" {
            var m = ServerInviteTransaction(request: request, isReliable: reliable, timers: timers)
            actions = m.start()
            machine = .serverInvite(m)
        } else {
            var m = ServerNonInviteTransaction(request: request, isReliable: reliable, timers: timers)
            actions = m.start()
            machine = .serverNonInvite(m)
        }
        guard let key = servers.insertServer(ServerEntry(machine: machine, source: source), for: request) else {
            logger.debug("dropped a request without a usable Via", metadata: ["sip.method": "\(request.method)"])
            return
        }
        let cancels = request.method == "CANCEL" ? servers.server(cancelledBy: request).map { ServerTransactionID(key: $0.key) } : nil
        // The request goes up first, so the TU may answer before the 100 goes out.
        if case .passRequest = actions.first {
            actions.removeFirst()
            eventSink.yield(.request(IncomingRequest(request: request, source: source, transaction: ServerTransactionID(key: key), cancels: cancels)))
        }
        await perform(actions, on: .server(key))
    }

    private func timerFired(_ id: TimerID, generation: Int) async {
        guard timerTasks[id]?.generation == generation else { return }
        timerTasks[id] = nil
        switch id.side {
        case .client(let key):
            guard var entry = clients[client: key] else { return }
            let actions = entry.machine.timerFired(id.timer)
            clients[client: key] = entry
            await perform(actions, on: id.side)
        case .server(let key):
            guard var entry = servers[server: key] else { return }
            let actions = entry.machine.timerFired(id.timer)
            servers[server: key] = entry
            await perform(actions, on: id.side)
        }
    }

    private func perform(_ actions: [TransactionAction], on side: Side) async {
        for action in actions {
            switch action {
            case .send(let message):
                do {
                    switch side {
                    case .client(let key):
                        guard let destination = clients[client: key]?.destination else { return }
                        try await endpoint.send(message, to: destination)
                    case .server(let key):
                        guard let source = servers[server: key]?.source, case .response(let response) = message else { return }
                        try await endpoint.sendResponse(response, toRequestFrom: source)
                    }
                } catch {
                    logger.debug("transport error", metadata: ["sip.error": "\(error)"])
                    await transportFailed(on: side)
                    return
                }
            case .passResponse(let response):
                if case .client(let key) = side { clients[client: key]?.continuation.yield(response) }
            case .passRequest(let request):
                // Only the Accepted state passes a request after the first: the ACK for a 2xx.
                if case .server(let key) = side, let source = servers[server: key]?.source {
                    eventSink.yield(.ack(request, source: source))
                }
            case .startTimer(let timer, let duration):
                startTimer(TimerID(side: side, timer: timer), after: duration)
            case .stopTimer(let timer):
                timerTasks.removeValue(forKey: TimerID(side: side, timer: timer))?.task.cancel()
            case .terminated(let reason):
                end(side, reason)
            }
        }
    }

    private func transportFailed(on side: Side) async {
        switch side {
        case .client(let key):
            guard var entry = clients[client: key] else { return }
            let actions = entry.machine.transportFailed()
            clients[client: key] = entry
            await perform(actions.filter { if case .send = $0 { false } else { true } }, on: side)
        case .server(let key):
            guard var entry = servers[server: key] else { return }
            let actions = entry.machine.transportFailed()
            servers[server: key] = entry
            await perform(actions.filter { if case .send = $0 { false } else { true } }, on: side)
        }
    }

    private func startTimer(_ id: TimerID, after duration: Duration) {
        timerTasks[id]?.task.cancel()
        nextGeneration += 1
        let generation = nextGeneration
        let task = Task {
            do { try await Task.sleep(for: duration) } catch { return }
            await self.timerFired(id, generation: generation)
        }
        timerTasks[id] = (generation, task)
    }

    private func end(_ side: Side, _ reason: TransactionTermination) {
        for id in timerTasks.keys where id.side == side { timerTasks.removeValue(forKey: id)?.task.cancel() }
        switch side {
        case .client(let key):
            let continuation = clients[client: key]?.continuation
            clients[client: key] = nil
            switch reason {
            case .normal: continuation?.finish()
            case .timeout: continuation?.finish(throwing: ClientTransactionError.timeout)
            case .transportError: continuation?.finish(throwing: ClientTransactionError.transportError)
            }
        case .server(let key):
            servers[server: key] = nil
        }
    }
}
