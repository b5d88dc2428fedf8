import Logging
import MessengerKit

/// One connected automation client, whatever carries its messages: the Unix
/// socket (one request per line) or the web UI's WebSocket (one per text
/// frame). Runs its requests one at a time; after `Events.Subscribe` it
/// forwards every event, after `UI.Subscribe` every change of the view.
///
/// Ordering (automation-rpc.md, Events): while a request runs, events are
/// held back and written after its reply, so the event an operation causes
/// never reaches the client before the reply to the call that started it.
/// View changes wait the same way.
public actor AutomationConnection {
    /// The members this connection answers itself rather than the method table.
    static let connectionMethods = ["Events.Subscribe", "Events.Unsubscribe", "UI.GetView", "UI.Subscribe", "UI.Unsubscribe"]

    let dispatcher: Dispatcher
    let logger: Logger
    private let write: @Sendable (String) -> Bool
    private let disconnect: @Sendable () -> Void
    var requestRunning = false
    private var heldEvents: [String] = []
    private var eventPump: Task<Void, Never>?
    /// nil: every event.
    private var subscribedNames: Set<String>?
    private var closed = false
    /// The view this client last received, whole or in parts (`UI.*`).
    var lastView: MessengerView?
    var viewPump: Task<Void, Never>?
    /// A view change came in while a request ran; it is sent after the reply.
    var viewChangePending = false

    /// - Parameters:
    ///   - send: queues one message for the client; false when the client has
    ///     fallen too far behind, which ends the connection.
    ///   - close: closes the transport (after `send` refused, for instance).
    public init(
        messenger: Messenger, send: @escaping @Sendable (String) -> Bool, close: @escaping @Sendable () -> Void,
        logger: Logger
    ) {
        dispatcher = Dispatcher(messenger: messenger)
        write = send
        disconnect = close
        self.logger = logger
    }

    /// Runs one JSON-RPC request (a whole message: a line without its `\n`,
    /// or a WebSocket text frame) and sends its reply. Size limits are the
    /// transport's to enforce.
    public func receive(_ text: String) async {
        await receive(bytes: Array(text.utf8))
    }

    func receive(bytes: some Collection<UInt8>) async {
        switch RPCRequest.parse(bytes) {
        case .failure(let error):
            send(RPCLine.reply(id: error.id, failure: error.failure))
        case .success(let request):
            await run(request)
        }
    }

    /// A request that was longer than the transport's limit, answered as the
    /// spec says for the socket.
    func receiveOversized() {
        send(RPCLine.reply(id: .null, failure: .invalidRequest("the request line is longer than the 1 MiB limit")))
    }

    private func run(_ request: RPCRequest) async {
        requestRunning = true
        let outcome: Result<RPCResult, RPCFailure>
        switch request.method {
        case "Events.Subscribe": outcome = await subscribe(request.params)
        case "Events.Unsubscribe": outcome = unsubscribe()
        case "UI.GetView": outcome = await getView()
        case "UI.Subscribe": outcome = await subscribeToView()
        case "UI.Unsubscribe": outcome = unsubscribeFromView()
        default: outcome = await dispatcher.run(request.method, request.params)
        }
        if let id = request.id {
            switch outcome {
            case .success(let result): send(RPCLine.reply(id: id, result: result))
            case .failure(let failure): send(RPCLine.reply(id: id, failure: failure))
            }
        }
        requestRunning = false
        let held = heldEvents
        heldEvents = []
        for line in held { send(line) }
        if viewChangePending {
            viewChangePending = false
            await publishViewChange()
        }
    }

    // MARK: Events

    private func subscribe(_ params: [String: JSONValue]) async -> Result<RPCResult, RPCFailure> {
        var names: Set<String>?
        switch params["names"] {
        case nil, .null?: names = nil
        case .array(let items)?:
            var chosen: Set<String> = []
            for item in items {
                guard case .string(let name) = item, EventNotification.knownNames.contains(name) else {
                    return .failure(.invalidParams("names must list event names such as \"OnContactStatusChange\""))
                }
                chosen.insert(name)
            }
            names = chosen
        default:
            return .failure(.invalidParams("names must be an array of event names"))
        }
        subscribedNames = names
        if eventPump == nil {
            let events = await dispatcher.messenger.events()
            eventPump = Task { [weak self] in
                for await event in events {
                    guard let self else { return }
                    await self.deliver(event)
                }
            }
        }
        return .success(.ok)
    }

    private func unsubscribe() -> Result<RPCResult, RPCFailure> {
        guard let pump = eventPump else { return .success(RPCResult(hr: .S_FALSE)) }
        pump.cancel()
        eventPump = nil
        return .success(.ok)
    }

    private func deliver(_ event: MessengerEvent) {
        guard eventPump != nil, subscribedNames?.contains(event.name) ?? true else { return }
        let line = RPCLine.notification(
            method: EventNotification.method(for: event), params: EventNotification.params(for: event))
        if requestRunning {
            heldEvents.append(line)
        } else {
            send(line)
        }
    }

    // MARK: Output

    func send(_ line: String) {
        guard !closed else { return }
        if !write(line) {
            logger.warning("automation client is not reading; disconnecting it")
            end()
            disconnect()
        }
    }

    /// The connection is over: stop the events and view changes. The
    /// transport drains what was queued and closes.
    public func end() {
        closed = true
        eventPump?.cancel()
        eventPump = nil
        viewPump?.cancel()
        viewPump = nil
    }
}
