import Logging
import MessengerKit
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The local automation endpoint: JSON-RPC 2.0 over a Unix socket, bound
/// one to one to a running `Messenger` (automation-rpc.md). Any number of
/// clients at once, each with its own replies and, after subscribing, every
/// event; only the user who runs the client may connect.
public final class AutomationEndpoint: Sendable {
    public struct Limits: Sendable {
        /// The spec's request line limit.
        public var maximumLineLength = 1 << 20
        /// How far (in bytes of replies and events) a client may fall behind
        /// before it is disconnected.
        public var maximumQueuedBytes = 8 << 20
        public var maximumConnections = 64

        public init() {}
    }

    public let socketPath: String
    let messenger: Messenger
    let logger: Logger
    let limits: Limits
    private let running = NIOLockedValueBox<Running?>(nil)
    private let connectionCount = NIOLockedValueBox(0)

    private struct Running: Sendable {
        let serverChannel: any Channel
        let acceptLoop: Task<Void, Never>
    }

    public init(
        messenger: Messenger, socketPath: String, limits: Limits = Limits(),
        logger: Logger = Logger(label: "messenger.automation")
    ) {
        self.messenger = messenger
        self.socketPath = socketPath
        self.limits = limits
        self.logger = logger
    }

    /// Creates the socket's folder (0700), replaces a stale socket, binds
    /// and listens (socket 0600). Throws `AutomationEndpointError` when
    /// another instance is listening on the path.
    public func start() async throws {
        try SocketFile.prepareFolder(for: socketPath)
        try SocketFile.removeStale(at: socketPath)
        let limits = self.limits
        let logger = self.logger
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 64)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: socketPath) { channel in
                PeerCredentials.uid(of: channel).flatMapThrowing { uid in
                    guard uid == PeerCredentials.ownUID else {
                        logger.warning("refused an automation client of another user", metadata: ["peer.uid": "\(uid.map(String.init) ?? "unknown")"])
                        throw ChannelError.ioOnClosedChannel
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(AutomationLineDecoder(maximumLength: limits.maximumLineLength)))
                    return try NIOAsyncChannel<InputLine, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try SocketFile.restrictToOwner(socketPath)
        let acceptLoop = Task { await self.accept(on: server) }
        running.withLockedValue { $0 = Running(serverChannel: server.channel, acceptLoop: acceptLoop) }
        logger.info("automation endpoint listening", metadata: ["automation.socket": "\(socketPath)"])
    }

    /// Stops listening, closes every connection and removes the socket file.
    public func stop() async {
        guard let current = running.withLockedValue({ value in defer { value = nil }; return value }) else { return }
        current.acceptLoop.cancel()
        try? await current.serverChannel.close()
        await current.acceptLoop.value
        SocketFile.remove(socketPath)
    }

    private func accept(on server: NIOAsyncChannel<NIOAsyncChannel<InputLine, ByteBuffer>, Never>) async {
        do {
            try await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } catch {
            if !Task.isCancelled { logger.error("automation endpoint stopped", metadata: ["error": "\(error)"]) }
        }
    }

    private func serve(_ connection: NIOAsyncChannel<InputLine, ByteBuffer>) async {
        let admitted = connectionCount.withLockedValue { count in
            guard count < limits.maximumConnections else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.warning("too many automation clients; refused one", metadata: ["automation.limit": "\(limits.maximumConnections)"])
            try? await connection.channel.close()
            return
        }
        defer { connectionCount.withLockedValue { $0 -= 1 } }
        let channel = connection.channel
        let output = OutboundQueue(limit: limits.maximumQueuedBytes)
        let session = AutomationConnection(
            messenger: messenger, send: { output.send($0) }, close: { channel.close(promise: nil) }, logger: logger)
        try? await connection.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await line in output.lines {
                        try await outbound.write(ByteBuffer(string: line + "\n"))
                        output.written(line)
                    }
                }
                do {
                    for try await input in inbound {
                        switch input {
                        case .line(let buffer): await session.receive(bytes: buffer.readableBytesView)
                        case .oversized: await session.receiveOversized()
                        }
                    }
                } catch {
                    logger.debug("automation client connection ended", metadata: ["error": "\(error)"])
                }
                await session.end()
                output.finish()
                try await group.waitForAll()
            }
        }
    }
}
