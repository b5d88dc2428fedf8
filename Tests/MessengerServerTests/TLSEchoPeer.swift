import NIOCore
import NIOPosix
import NIOSSL

/// Runs a TLS echo server on 127.0.0.1 (port chosen by the system) for the
/// duration of `body`, then closes it.
func withTLSEchoServer<T: Sendable>(
    configuration: TLSConfiguration,
    _ body: @Sendable (Int) async throws -> T
) async throws -> T {
    let context = try NIOSSLContext(configuration: configuration)
    let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .bind(host: "127.0.0.1", port: 0) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    guard let port = server.channel.localAddress?.port else {
        try await server.channel.close()
        throw TLSEchoPeerError.serverHasNoPort
    }
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    // One connection at a time is enough here; a failed
                    // handshake only ends that connection.
                    try? await connection.executeThenClose { inbound, outbound in
                        for try await bytes in inbound {
                            try await outbound.write(bytes)
                        }
                    }
                }
            }
        }
        let result = try await body(port)
        group.cancelAll()
        return result
    }
}

/// Connects over TLS to 127.0.0.1:`port`, sends `message` and returns what
/// came back. The server is verified against `hostname` (also sent as SNI),
/// or against the IP address connected to when `hostname` is nil.
func tlsEcho(
    port: Int,
    hostname: String?,
    trustRoots: NIOSSLTrustRoots?,
    maximumTLSVersion: TLSVersion? = nil,
    message: String
) async throws -> String {
    var configuration = TLSConfiguration.makeClientConfiguration()
    if let trustRoots {
        configuration.trustRoots = trustRoots
    }
    if let maximumTLSVersion {
        configuration.minimumTLSVersion = .tlsv1
        configuration.maximumTLSVersion = maximumTLSVersion
    }
    let context = try NIOSSLContext(configuration: configuration)
    let client = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: context, serverHostname: hostname)
                )
                return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await client.executeThenClose { inbound, outbound in
        // When the handshake fails the write may only learn that the channel
        // closed; the reason (the TLS error) is delivered on the inbound side.
        var writeError: (any Error)?
        do {
            try await outbound.write(ByteBuffer(string: message))
        } catch {
            writeError = error
        }
        var received = ""
        for try await chunk in inbound {
            received += String(buffer: chunk)
            if received.utf8.count >= message.utf8.count { break }
        }
        if let writeError { throw writeError }
        return received
    }
}

enum TLSEchoPeerError: Error {
    case serverHasNoPort
}
