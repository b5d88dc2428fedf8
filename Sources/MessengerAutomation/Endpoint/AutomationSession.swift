import Logging
import MessengerKit
import NIOCore

/// One connected automation client: runs its requests one at a time, and
/// after `Events.Subscribe` forwards every event.
///
/// Ordering (automation-rpc.md, Events): while a request runs, events are
/// held back and written after its reply, so the event an operation causes
/// never reaches the client before the reply to the call that started it.
actor AutomationSession {
    private let dispatcher: Dispatcher
    private let output: OutboundQueue
    private let logger: Logger
    private let disconnect: @Sendable () -> Void
    private var requestRunning = false
    private var heldEvents: [String] = []
    private var eventPump: Task<Void, Never>?
    /// nil: every event.
    private var subscribedNames: Set<String>?
    private var closed = false

    init(dispatcher: Dispatcher, output: OutboundQueue, logger: Logger, disconnect: @escaping @Sendable () -> Void) {
        self.dispatcher = dispatcher
        self.output = output
        self.logger = logger
        self.disconnect = disconnect
    }

    func handle(_ input: InputLine) async {
        switch input {
        case .oversized:
            send(RPCLine.reply(id: .null, failure: .invalidRequest("the request line is longer than the 1 MiB limit")))
        case .line(let buffer):
            switch RPCRequest.parse(buffer.readableBytesView) {
            case .failure(let error):
                send(RPCLine.reply(id: error.id, failure: error.failure))
            case .success(let request):
                await run(request)
            }
        }
    }

    private func run(_ request: RPCRequest) async {
        requestRunning = true
        let outcome: Result<RPCResult, RPCFailure>
        switch request.method {
        case "Events.Subscribe": outcome = await subscribe(request.params)
        case "Events.Unsubscribe": outcome = unsubscribe()
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

    private func send(_ line: String) {
        guard !closed else { return }
        if !output.send(line) {
            logger.warning(
                "automation client is not reading; disconnecting it",
                metadata: ["automation.queued_bytes": "\(output.queuedBytes)"])
            end()
            disconnect()
        }
    }

    /// The connection is over: stop the events and let the writer drain.
    func end() {
        closed = true
        eventPump?.cancel()
        eventPump = nil
        output.finish()
    }
}
