import Logging
import NIOCore
import SIPCore
import SIPTransport

/// A SIP phone (RFC 3261 user agent): registers one account with a
/// registrar that is also its outbound proxy, places and receives calls,
/// and hands each call's audio to a `CallMedia` once offer/answer settles.
/// Everything it observes comes out of `events`, in order.
public actor SIPUserAgent {
    public nonisolated let events: AsyncStream<SIPUserAgentEvent>
    let eventSink: AsyncStream<SIPUserAgentEvent>.Continuation
    let account: SIPAccount
    let configuration: SIPUserAgentConfiguration
    let logger: Logger

    enum RunState { case idle, starting, running, stopping, stopped }
    var runState = RunState.idle
    /// The endpoint and its transaction layer, while started.
    var wire: Wire?
    var layerTasks: [Task<Void, Never>] = []

    /// Live calls, and ended outgoing ones whose INVITE transaction still runs.
    var calls: [SIPCallID: Call] = [:]
    /// Calls whose media is being made: they count against `maximumCalls`.
    var reservedCalls = 0

    let registrationCallID = RandomToken.make() + RandomToken.make()
    let registrationTag = RandomToken.make()
    var registrationSequence: UInt32 = 0
    var refreshTask: Task<Void, Never>?
    var refreshFailures = 0

    /// Requests in flight outside any call's lifetime (BYE, INVITE
    /// transactions); cancelled by `stop()` once it has unregistered.
    var background: [Int: Task<Void, Never>] = [:]
    var nextBackgroundKey = 0

    struct Wire: Sendable {
        let endpoint: SIPTransportEndpoint
        let layer: SIPTransactionLayer
    }

    public init(account: SIPAccount, configuration: SIPUserAgentConfiguration, logger: Logger = Logger(label: "sip.ua")) {
        self.account = account
        self.configuration = configuration
        self.logger = logger
        (events, eventSink) = AsyncStream.makeStream(of: SIPUserAgentEvent.self)
    }

    /// Our SIP address on the server's transport, while started.
    public var localAddress: SIPTransportAddress? {
        guard let wire else { return nil }
        let kind = configuration.server.kind
        return SIPTransportAddress(kind, kind == .udp ? wire.endpoint.udpAddress : wire.endpoint.tcpAddress)
    }

    /// Binds a free port on `bindHost`, registers (answering the digest
    /// challenge) and returns once the registrar said 200; on failure
    /// everything is closed again.
    public func start() async throws(SIPUserAgentError) {
        switch runState {
        case .running: return
        case .starting, .stopping, .stopped: throw .notStarted
        case .idle: break
        }
        runState = .starting
        let endpoint: SIPTransportEndpoint
        do {
            endpoint = try await SIPTransportEndpoint.bind(host: configuration.bindHost, port: 0, logger: logger)
        } catch {
            runState = .idle
            throw .transport("cannot bind \(configuration.bindHost): \(error)")
        }
        let layer = SIPTransactionLayer(endpoint: endpoint, timers: configuration.timers, logger: logger)
        wire = Wire(endpoint: endpoint, layer: layer)
        layerTasks = [
            Task { await layer.run() },
            Task { [weak self] in
                for await event in layer.events {
                    guard let self else { return }
                    await self.handle(event)
                }
            },
        ]
        switch await register(expiry: configuration.registrationExpiry) {
        case .success(let granted):
            runState = .running
            emit(.registration(.registered(expires: granted)))
            scheduleRefresh(afterSeconds: Self.refreshDelay(granted: granted))
        case .failure(let error):
            await closeWire()
            runState = .idle
            throw error
        }
    }

    /// Ends every call (CANCEL, BYE or 603), removes our registration,
    /// closes the sockets and finishes `events`.
    public func stop() async {
        guard runState == .running else {
            if runState == .idle {
                runState = .stopped
                eventSink.finish()
            }
            return
        }
        runState = .stopping
        refreshTask?.cancel()
        refreshTask = nil
        for id in Array(calls.keys) { await hangUp(id) }
        switch await register(expiry: 0) {
        case .success: emit(.registration(.unregistered))
        case .failure(let error): emit(.registration(Self.failedState(error)))
        }
        for task in background.values { task.cancel() }
        background.removeAll()
        await closeWire()
        runState = .stopped
        eventSink.finish()
    }

    private func closeWire() async {
        guard let wire else { return }
        await wire.endpoint.close()
        for task in layerTasks { await task.value }
        layerTasks = []
        self.wire = nil
    }

    // MARK: Shared plumbing

    func emit(_ event: SIPUserAgentEvent) {
        eventSink.yield(event)
    }

    /// Runs `body` as a tracked task that `stop()` cancels if it outlives the calls.
    func spawn(_ body: @escaping @Sendable (SIPUserAgent) async -> Void) {
        nextBackgroundKey += 1
        let key = nextBackgroundKey
        background[key] = Task { [weak self] in
            guard let self else { return }
            await body(self)
            await self.backgroundEnded(key)
        }
    }

    private func backgroundEnded(_ key: Int) {
        background[key] = nil
    }

    /// Runs `action` after `delay` unless the call ends first.
    func startTimer(for id: SIPCallID, after delay: Duration, _ action: @escaping @Sendable (SIPUserAgent) async -> Void) {
        let task = Task { [weak self] in
            guard (try? await Task.sleep(for: delay)) != nil, let self else { return }
            await action(self)
        }
        calls[id]?.timers.append(task)
    }

    /// A new Via with a fresh branch, on the server's transport.
    func via(_ wire: Wire) -> SIPVia {
        wire.endpoint.via(for: configuration.server.kind, branch: SIPBranch.make())
    }

    /// The address written into SDP and Contact.
    func advertisedHost(_ wire: Wire) -> String {
        wire.endpoint.udpAddress.ipAddress ?? configuration.bindHost
    }

    /// `<sip:user@host:port;transport=udp|tcp>`.
    func contact(_ wire: Wire) -> SIPNameAddress {
        let kind = configuration.server.kind
        let port = (kind == .udp ? wire.endpoint.udpAddress : wire.endpoint.tcpAddress).port.map { UInt16($0) }
        let uri = SIPURI(
            user: account.username, host: advertisedHost(wire), port: port,
            parameters: [SIPParameter("transport", kind.rawValue.lowercased())])
        return SIPNameAddress(uri: .sip(uri))
    }

    static let allowedMethods = "INVITE, ACK, CANCEL, BYE, OPTIONS"

    static func failedState(_ error: SIPUserAgentError) -> SIPRegistrationState {
        if case .registrationFailed(let status, let reason) = error { return .failed(statusCode: status, reason: reason) }
        return .failed(statusCode: nil, reason: "\(error)")
    }
}
