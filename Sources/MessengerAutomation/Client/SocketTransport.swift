import MessengerKit

/// `MessengerTransport` over the automation socket: what
/// `Messenger.attach(socketPath:)` uses. Calls share one connection; each
/// `events()` subscription gets a connection of its own, closed when its
/// stream ends, so subscribers never steal each other's notifications.
public final class SocketTransport: MessengerTransport {
    public let socketPath: String
    private let client: AutomationClient

    private init(socketPath: String, client: AutomationClient) {
        self.socketPath = socketPath
        self.client = client
    }

    /// E_FAIL "no Communicator running at PATH" when nobody listens there.
    public static func connect(socketPath: String) async throws(MessengerError) -> SocketTransport {
        SocketTransport(socketPath: socketPath, client: try await connectClient(socketPath))
    }

    public func call(_ method: String, _ params: [String: JSONValue]) async throws(MessengerError) -> RemoteReply {
        try await Self.call(client, method, params)
    }

    public func events() async throws(MessengerError) -> AsyncStream<RemoteEvent> {
        let subscriber = try await Self.connectClient(socketPath)
        do {
            _ = try await Self.call(subscriber, "Events.Subscribe", [:])
        } catch {
            await subscriber.close()
            throw error
        }
        let (stream, continuation) = AsyncStream.makeStream(of: RemoteEvent.self, bufferingPolicy: .unbounded)
        let relay = Task {
            for await notification in subscriber.notifications where notification.method.hasPrefix("Event.") {
                continuation.yield(RemoteEvent(name: String(notification.method.dropFirst(6)), params: notification.params))
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in
            relay.cancel()
            Task { await subscriber.close() }
        }
        return stream
    }

    /// Closes the calling connection (subscriptions end with their streams).
    public func close() async {
        await client.close()
    }

    private static func connectClient(_ socketPath: String) async throws(MessengerError) -> AutomationClient {
        do {
            return try await AutomationClient.connect(socketPath: socketPath)
        } catch {
            if error.meansNotRunning { throw MessengerError(.E_FAIL, "no Communicator running at \(socketPath)") }
            throw MessengerError(.E_FAIL, "\(error)")
        }
    }

    private static func call(
        _ client: AutomationClient, _ method: String, _ params: [String: JSONValue]
    ) async throws(MessengerError) -> RemoteReply {
        do {
            let reply = try await client.call(method, params)
            return RemoteReply(hr: HRESULT(signedValue: reply.hr), value: reply.value)
        } catch {
            switch error {
            case .remote(let remote): throw MessengerError(remoteCode: remote.code, message: remote.message)
            case .connectionClosed: throw MessengerError(.E_FAIL, "the Communicator closed the automation connection")
            default: throw MessengerError(.E_FAIL, "\(error)")
            }
        }
    }
}

extension Messenger {
    /// The running Communicator at `socketPath` (default: this user's), as a
    /// `Messenger` with the same API and errors as in-process.
    ///
    /// ```swift
    /// let messenger = try await Messenger.attach()
    /// let window = try await messenger.instantMessage("bob@example.test")
    /// try await window.sendText("Hello from another process")
    /// ```
    public static func attach(socketPath: String = AutomationPaths.defaultSocket()) async throws(MessengerError) -> Messenger {
        try await Messenger(attachingTo: try await SocketTransport.connect(socketPath: socketPath))
    }
}
