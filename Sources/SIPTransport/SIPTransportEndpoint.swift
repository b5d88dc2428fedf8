import Logging
import NIOCore
import NIOPosix
import SIPCore

/// A SIP transport endpoint (RFC 3261 §18): one UDP socket and one TCP
/// listener on the same address, outgoing TCP connections reused per remote
/// address. Delivers parsed messages with their source on `incoming`.
///
/// Inbound rules applied here: a request's top Via gets `received`/`rport`;
/// an unparsable UDP request gets a 400 naming the problem when a response
/// can be addressed, other garbage is dropped; a TCP stream that fails to
/// parse is closed. Sizes are bounded by the parser (64 KiB).
public final class SIPTransportEndpoint: Sendable {
    /// Bound addresses; the TCP port equals the UDP port.
    public let udpAddress: SocketAddress
    public let tcpAddress: SocketAddress
    public let incoming: AsyncStream<SIPReceivedMessage>

    private let udpChannel: any Channel
    private let tcpListener: any Channel
    private let connections: ConnectionRegistry
    private let continuation: AsyncStream<SIPReceivedMessage>.Continuation
    private let logger: Logger

    private init(
        udpChannel: any Channel, tcpListener: any Channel, connections: ConnectionRegistry,
        incoming: AsyncStream<SIPReceivedMessage>, continuation: AsyncStream<SIPReceivedMessage>.Continuation, logger: Logger
    ) throws {
        guard let udp = udpChannel.localAddress, let tcp = tcpListener.localAddress else { throw ChannelError.inappropriateOperationForState }
        self.udpChannel = udpChannel
        self.tcpListener = tcpListener
        self.udpAddress = udp
        self.tcpAddress = tcp
        self.connections = connections
        self.incoming = incoming
        self.continuation = continuation
        self.logger = logger
    }

    /// Binds UDP and TCP on `host:port`; port 0 picks a free port shared by both.
    public static func bind(host: String, port: Int, logger: Logger = Logger(label: "sip.transport")) async throws -> SIPTransportEndpoint {
        let (incoming, continuation) = AsyncStream.makeStream(of: SIPReceivedMessage.self)
        let registry = ConnectionRegistry()
        var lastError: (any Error)?
        // Port 0: take UDP's port for TCP too; retry if that TCP port is taken.
        for _ in 0..<8 {
            // No SO_REUSEADDR on UDP: on Linux it lets bind(0) hand out a port
            // another SO_REUSEADDR socket already holds, and the newer socket
            // then takes that port's datagrams (a user agent once got the
            // registrar's port and answered its own REGISTER). UDP has no
            // TIME_WAIT, so a fixed port rebinds at once without it.
            let udp = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(DatagramInboundHandler(continuation: continuation, logger: logger))
                    }
                }
                .bind(host: host, port: port).get()
            guard let udpPort = udp.localAddress?.port else { throw ChannelError.inappropriateOperationForState }
            do {
                let tcp = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                    .childChannelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            try StreamInboundHandler.install(on: channel, registry: registry, continuation: continuation, logger: logger)
                        }
                    }
                    .bind(host: host, port: udpPort).get()
                let endpoint = try SIPTransportEndpoint(
                    udpChannel: udp, tcpListener: tcp, connections: registry,
                    incoming: incoming, continuation: continuation, logger: logger)
                return endpoint
            } catch {
                lastError = error
                try? await udp.close()
                if port != 0 { break }
            }
        }
        throw lastError ?? ChannelError.inappropriateOperationForState
    }

    /// The Via for a request we send: our sent-by, a branch and `rport` (RFC 3581).
    public func via(for kind: SIPTransportAddress.Kind, branch: String) -> SIPVia {
        let address = kind == .udp ? udpAddress : tcpAddress
        var via = SIPVia(transport: kind.rawValue, host: address.ipAddress ?? "127.0.0.1", port: address.port.map { UInt16($0) })
        via.branch = branch
        via.parameters.setFlag("rport")
        return via
    }

    /// Sends a message to an address; over TCP the connection to that address
    /// is reused, or opened.
    public func send(_ message: SIPMessage, to destination: SIPTransportAddress) async throws {
        let bytes = message.serialized()
        guard bytes.count <= SIPMessageParser.Limits.default.maxMessageSize else {
            throw SIPTransportError.messageTooLarge(bytes.count)
        }
        let buffer = ByteBuffer(bytes: bytes)
        switch destination.kind {
        case .udp:
            try await udpChannel.writeAndFlush(AddressedEnvelope(remoteAddress: destination.address, data: buffer))
        case .tcp:
            let channel = try await connection(to: destination.address)
            try await channel.writeAndFlush(buffer)
        }
    }

    /// Sends a response as §18.2.2 says: over TCP on the request's connection
    /// while it is open, else to the address the top Via names (`received`,
    /// `rport`).
    public func sendResponse(_ response: SIPResponse, toRequestFrom source: SIPTransportAddress) async throws {
        if source.kind == .tcp, connections.channel(to: source.address) != nil {
            try await send(.response(response), to: source)
            return
        }
        guard let (host, port) = ViaRules.responseDestination(for: response) else {
            throw SIPTransportError.noResponseDestination
        }
        let address = try SocketAddress(ipAddress: host, port: port)
        try await send(.response(response), to: SIPTransportAddress(source.kind, address))
    }

    /// Closes the sockets and every connection, and ends `incoming`.
    public func close() async {
        let open = connections.removeAll()
        for channel in open { try? await channel.close() }
        try? await udpChannel.close()
        try? await tcpListener.close()
        continuation.finish()
    }

    private func connection(to address: SocketAddress) async throws -> any Channel {
        if let existing = connections.channel(to: address) { return existing }
        let continuation = self.continuation
        let logger = self.logger
        let registry = connections
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try StreamInboundHandler.install(on: channel, registry: registry, continuation: continuation, logger: logger)
                }
            }
            .connect(to: address).get()
        return channel
    }
}

public enum SIPTransportError: Error, Hashable, Sendable {
    case messageTooLarge(Int)
    /// A response whose top Via names no address to send it to.
    case noResponseDestination
}
