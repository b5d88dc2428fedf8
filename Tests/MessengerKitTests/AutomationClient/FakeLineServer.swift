import Foundation
import NIOCore
import NIOPosix
@testable import MessengerAutomation
import MessengerKit

/// A stand-in endpoint for client tests: listens on a fresh Unix socket,
/// accepts one connection and lets the test script what it reads and
/// writes. The connection closes when the script returns.
enum FakeLineServer {
    /// The accepted connection, seen from the server's side.
    final class Peer {
        private var inbound: NIOAsyncChannelInboundStream<InputLine>.AsyncIterator
        private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        init(inbound: NIOAsyncChannelInboundStream<InputLine>, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
            self.inbound = inbound.makeAsyncIterator()
            self.outbound = outbound
        }

        /// The next request line the client sent, parsed.
        func readRequest() async throws -> JSONValue {
            guard case .line(let line)? = try await inbound.next() else { throw Closed() }
            return try JSONValue(parsing: line.readableBytesView)
        }

        func write(_ line: String) async throws {
            try await outbound.write(ByteBuffer(string: line + "\n"))
        }

        func write(_ message: JSONValue) async throws {
            try await write(message.serialized())
        }
    }

    struct Closed: Error {}

    static func temporarySocketPath() -> String {
        // Short: a Unix socket path must fit in 108 bytes.
        "/tmp/ac-\(UUID().uuidString.prefix(12)).sock"
    }

    /// Binds, runs `script` on the first connection and `test` with the
    /// socket path at the same time, then stops and removes the socket.
    static func run(
        script: @escaping @Sendable (Peer) async throws -> Void,
        test: @Sendable (String) async throws -> Void
    ) async throws {
        let path = temporarySocketPath()
        defer { unlink(path) }
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: true) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(AutomationLineDecoder(maximumLength: 1 << 20)))
                    return try NIOAsyncChannel<InputLine, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        try await connection.executeThenClose { inbound, outbound in
                            try await script(Peer(inbound: inbound, outbound: outbound))
                        }
                        return
                    }
                }
            }
            do {
                try await test(path)
            } catch {
                group.cancelAll()
                throw error
            }
            try await group.waitForAll()
        }
    }

    /// Leaves a socket file that nobody listens on, as a client that
    /// crashed does: bound, never listening, closed.
    static func makeStaleSocket(at path: String) throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Closed() }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: pathBytes.prefix(raw.count - 1))
        }
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw Closed() }
    }

    static func reply(to request: JSONValue, hr: Int32 = 0, value: JSONValue?) -> JSONValue {
        var result: [String: JSONValue] = ["hr": JSONValue(hr)]
        if let value { result["value"] = value }
        return ["jsonrpc": "2.0", "id": request["id"] ?? .null, "result": .object(result)]
    }
}
