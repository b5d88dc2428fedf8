import Logging
import MessengerKit

/// The local automation endpoint: JSON-RPC 2.0 over a Unix socket, bound
/// one to one to a running `Messenger` (automation-rpc.md).
public final class AutomationEndpoint: Sendable {
    public let socketPath: String
    let messenger: Messenger
    let logger: Logger

    public init(messenger: Messenger, socketPath: String, logger: Logger = Logger(label: "messenger.automation")) {
        self.messenger = messenger
        self.socketPath = socketPath
        self.logger = logger
    }

    /// Creates the socket's folder (0700), replaces a stale socket, binds
    /// and listens (socket 0600). Throws when another instance is listening.
    public func start() async throws {
        // Filled in with the listener.
    }

    /// Stops listening, closes every connection and removes the socket file.
    public func stop() async {}
}
