import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import SIPCore
import XMPPCore

/// The communications server's client-to-server listener (RFC 6120/6121).
/// Run it as a `Service` (graceful shutdown closes every stream), or call
/// `start()`/`shutdown()` directly in tests.
public final class XMPPServer: Service, Sendable {
    let context: ServerContext
    private let sslContext: NIOSSLContext
    private let connections = ConnectionTracker()
    private let serverChannel = NIOLockedBox<(any Channel)?>(nil)
    private let sip = NIOLockedBox<SIPService?>(nil)

    public init(configuration: Configuration, storage: any ServerStorage, logger: Logger) throws {
        self.context = try ServerContext(configuration: configuration, storage: storage, logger: logger)
        self.sslContext = try NIOSSLContext(configuration: configuration.tls)
    }

    public var domain: String { context.domain.description }

    /// The bound port once `start()` returned (useful with port 0).
    public var listeningPort: Int? { serverChannel.value?.localAddress?.port }

    /// The SIP port (UDP and TCP) once `start()` returned, when SIP is on.
    public var sipPort: Int? { sip.value?.port }

    /// The SIP contacts `username` (a localpart) has registered right now;
    /// empty without SIP. Tests wait on it before calling someone.
    func sipContacts(of username: String) async -> [SIPURI] {
        await sip.value?.contacts(of: username) ?? []
    }

    /// Open client connections (authenticated or not).
    public var connectionCount: Int { connections.count }

    public func start() async throws {
        if !context.configuration.requireTLS, !Configuration.isLoopback(context.configuration.bindHost) {
            throw PlaintextNotAllowedError(bindHost: context.configuration.bindHost)
        }
        let context = self.context
        let sslContext = self.sslContext
        let connections = self.connections
        let idle = context.configuration.idleTimeoutSeconds
        // What was in flight at a crash is delivered from offline storage; before anyone can connect.
        let recovered = try await context.storage.moveJournalToOffline()
        if recovered > 0 {
            context.logger.notice("recovered undelivered messages", metadata: ["storage.rows": "\(recovered)"])
        }
        context.blocklists.prime(try await context.storage.allBlocklists())
        context.offlineIndex.prime(try await context.storage.usersWithOfflineMessages())
        let group = MultiThreadedEventLoopGroup.singleton
        let executors = EventLoopTaskExecutors(group: group)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.recvAllocator, value: Self.receiveBuffers)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: .seconds(idle)))
                    try channel.pipeline.syncOperations.addHandler(FlushCoalescer())
                    try channel.pipeline.syncOperations.addHandler(
                        C2SChannelHandler(context: context, sslContext: sslContext, connections: connections, executors: executors))
                }
            }
            .bind(host: context.configuration.bindHost, port: context.configuration.c2sPort)
            .get()
        serverChannel.value = channel
        context.logger.info(
            "c2s listening",
            metadata: ["xmpp.domain": "\(context.domain)", "net.address": "\(channel.localAddress?.description ?? "?")"])
        if let port = context.configuration.sipPort {
            do {
                sip.value = try await SIPService.start(context: context, port: port)
            } catch {
                try? await channel.close()
                serverChannel.value = nil
                throw error
            }
        }
    }

    /// Stops accepting, then closes every stream cleanly.
    public func shutdown() async {
        if let service = sip.value {
            sip.value = nil
            await service.shutdown()
        }
        if let channel = serverChannel.value {
            try? await channel.close()
            serverChannel.value = nil
        }
        _ = await context.resumableSessions.beginShutdown()
        await connections.closeAll()
        await SessionLifecycle(context: context).endHibernatingSessions()
        // Rows of messages that reached offline storage or an ack go before the storage closes.
        await context.journal.flush()
        context.logger.info("c2s stopped")
    }

    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        await shutdown()
    }

    /// NIO keeps each connection's last receive buffer for its next read, so
    /// the first size is what every idle session holds: client traffic is
    /// small stanzas, and 512 bytes instead of NIO's 2,048 saves 1.5 KiB per
    /// session. Bursts grow it as before (up to 64 KiB).
    static let receiveBuffers = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 512, maximum: 65536)
}

/// A value behind a lock, for the few fields set once at start/stop.
final class NIOLockedBox<Value: Sendable>: Sendable {
    private let storage: NIOLockedValueBox<Value>
    init(_ value: Value) { storage = NIOLockedValueBox(value) }
    var value: Value {
        get { storage.withLockedValue { $0 } }
        set { storage.withLockedValue { $0 = newValue } }
    }
}
