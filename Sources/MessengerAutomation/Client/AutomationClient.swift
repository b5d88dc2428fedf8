import MessengerKit
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A JSON-RPC 2.0 client for a running Communicator's automation socket
/// (automation-rpc.md): one request line out, its reply line back, matched
/// by id so many calls may be in flight at once, and events as notifications.
///
/// ```swift
/// let client = try await AutomationClient.connect(socketPath: AutomationPaths.defaultSocket())
/// let status = try await client.call("Messenger.get_MyStatus").value
/// await client.close()
/// ```
public final class AutomationClient: Sendable {
    /// Replies and notifications longer than this close the connection.
    static let defaultMaxLineLength = 16 * 1024 * 1024
    /// Unread notifications kept before the connection closes (see `notifications`).
    static let maxQueuedNotifications = 100_000

    /// Notifications (events) in arrival order; one stream per client, one
    /// reader. Finishes when the connection closes. If more than 100 000 go
    /// unread the connection closes instead of dropping events silently.
    public let notifications: AsyncStream<AutomationNotification>

    private let channel: any Channel
    private let handler: NIOLoopBound<AutomationClientHandler>
    private let lastID = NIOLockedValueBox<Int64>(0)

    private init(channel: any Channel, handler: NIOLoopBound<AutomationClientHandler>,
                 notifications: AsyncStream<AutomationNotification>) {
        self.channel = channel
        self.handler = handler
        self.notifications = notifications
    }

    deinit {
        // A forgotten client must not keep its socket open.
        channel.close(promise: nil)
    }

    /// Connects; throws `.cannotConnect` with a readable reason (no socket,
    /// refused, permission).
    public static func connect(socketPath: String) async throws(AutomationClientError) -> AutomationClient {
        try await connect(socketPath: socketPath, maxLineLength: defaultMaxLineLength)
    }

    static func connect(socketPath: String, maxLineLength: Int) async throws(AutomationClientError) -> AutomationClient {
        let (stream, continuation) = AsyncStream.makeStream(
            of: AutomationNotification.self, bufferingPolicy: .bufferingOldest(maxQueuedNotifications))
        // The initializer runs on the channel's loop before connect returns;
        // keeping the handler from there works even if the peer hangs up at once.
        let handlerBox = NIOLockedValueBox<NIOLoopBound<AutomationClientHandler>?>(nil)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let handler = AutomationClientHandler(notifications: continuation, maxLineLength: maxLineLength)
                        try channel.pipeline.syncOperations.addHandler(
                            ByteToMessageHandler(AutomationLineDecoder(maximumLength: maxLineLength)))
                        try channel.pipeline.syncOperations.addHandler(handler)
                        handlerBox.withLockedValue { $0 = NIOLoopBound(handler, eventLoop: channel.eventLoop) }
                    }
                }
                .connect(unixDomainSocketPath: socketPath)
                .get()
        } catch {
            continuation.finish()
            throw .cannotConnect(path: socketPath, reason: connectReason(error))
        }
        guard let handler = handlerBox.withLockedValue({ $0 }) else {
            channel.close(promise: nil)
            continuation.finish()
            throw .cannotConnect(path: socketPath, reason: "the connection was not set up")
        }
        return AutomationClient(channel: channel, handler: handler, notifications: stream)
    }

    private static func connectReason(_ error: any Error) -> String {
        if let ioError = error as? IOError {
            return AutomationClientError.connectReason(errno: ioError.errnoCode)
        }
        if let failure = error as? NIOConnectionError,
           let ioError = failure.connectionErrors.lazy.compactMap({ $0.error as? IOError }).first {
            return AutomationClientError.connectReason(errno: ioError.errnoCode)
        }
        if case .unixDomainSocketPathTooLong = error as? SocketAddressError {
            return "the path is too long for a Unix socket"
        }
        return "\(error)"
    }

    /// Sends one request (ids assigned by the client) and waits for its
    /// reply. Many calls may be in flight at once (from different tasks);
    /// replies are matched by id.
    public func call(_ method: String, _ params: [String: JSONValue] = [:]) async throws(AutomationClientError) -> AutomationReply {
        let id = lastID.withLockedValue { last in
            last += 1
            return last
        }
        let request: JSONValue = [
            "jsonrpc": "2.0", "id": .number(Double(id)), "method": .string(method), "params": .object(params),
        ]
        let line = request.serialized() + "\n"
        let handler = self.handler
        do {
            return try await handler.eventLoop.flatSubmit {
                let promise = handler.eventLoop.makePromise(of: AutomationReply.self)
                handler.value.send(id: id, line: line, promise: promise)
                return promise.futureResult
            }.get()
        } catch let error as AutomationClientError {
            throw error
        } catch {
            throw .connectionClosed
        }
    }

    /// Closes the connection: calls still waiting fail with
    /// `.connectionClosed` and `notifications` finishes. Safe to call twice.
    public func close() async {
        try? await channel.close()
    }
}
