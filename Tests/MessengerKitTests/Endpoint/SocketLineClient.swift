import Foundation
@testable import MessengerAutomation
import MessengerKit
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A bare line client for the automation socket: writes exactly the bytes
/// a test gives it and hands back every line that arrives, replies and
/// notifications alike, so tests see the wire as any other program would.
final class SocketLineClient: Sendable {
    private let channel: NIOAsyncChannel<InputLine, ByteBuffer>
    private let lines: Collector<String>
    private let writer: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let nextID = NIOLockedValueBox(1000)

    private init(channel: NIOAsyncChannel<InputLine, ByteBuffer>, lines: Collector<String>, writer: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.channel = channel
        self.lines = lines
        self.writer = writer
    }

    static func connect(_ path: String) async throws -> SocketLineClient {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(unixDomainSocketPath: path) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(AutomationLineDecoder(maximumLength: 16 << 20)))
                    return try NIOAsyncChannel<InputLine, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        // The writer is handed out of the scope that owns it; the scope lives
        // until the connection closes, so the writer stays valid meanwhile.
        let (writers, writerContinuation) = AsyncStream.makeStream(of: NIOAsyncChannelOutboundWriter<ByteBuffer>.self)
        let (stream, lineContinuation) = AsyncStream.makeStream(of: String.self)
        Task {
            try? await channel.executeThenClose { inbound, outbound in
                writerContinuation.yield(outbound)
                writerContinuation.finish()
                for try await input in inbound {
                    if case .line(let buffer) = input { lineContinuation.yield(String(buffer: buffer)) }
                }
            }
            lineContinuation.finish()
        }
        var next = writers.makeAsyncIterator()
        guard let outbound = await next.next() else { throw SocketLineClientError.timedOut("connection") }
        return SocketLineClient(channel: channel, lines: Collector(stream), writer: outbound)
    }

    func send(raw line: String) async throws {
        try await writer.write(ByteBuffer(string: line + "\n"))
    }

    /// Sends a request with a fresh id (from 1000 up) and returns its reply.
    func call(_ method: String, _ params: JSONValue = [:]) async throws -> JSONValue {
        let id = nextID.withLockedValue { value in
            value += 1
            return value
        }
        return try await call(method, params, id: id)
    }

    /// Sends a request with `id` and returns its reply line, parsed.
    func call(_ method: String, _ params: JSONValue = [:], id: Int) async throws -> JSONValue {
        try await send(raw: JSONValue.object(["jsonrpc": "2.0", "id": JSONValue(id), "method": .string(method), "params": params]).serialized())
        return try await reply(id: id)
    }

    func reply(id: Int) async throws -> JSONValue {
        try await firstLine("reply \(id)") { $0["id"] == JSONValue(id) }
    }

    /// The first line (already received or still coming) that matches.
    func firstLine(_ what: String, within timeout: Duration = .seconds(30), where predicate: @escaping @Sendable (JSONValue) -> Bool) async throws -> JSONValue {
        let line = await lines.first(within: timeout) { line in
            (try? JSONValue(parsing: line)).map(predicate) ?? false
        }
        guard let line else { throw SocketLineClientError.timedOut(what) }
        return try JSONValue(parsing: line)
    }

    /// Every line received so far, parsed.
    var received: [JSONValue] {
        get async { await lines.received.compactMap { try? JSONValue(parsing: $0) } }
    }

    var isClosedByPeer: Bool {
        get async { await lines.waitUntilFinished(within: .seconds(30)) }
    }

    func close() async {
        try? await channel.channel.close()
    }
}

enum SocketLineClientError: Error {
    case timedOut(String)
}

extension JSONValue {
    /// `result.value` of a reply.
    var resultValue: JSONValue? { self["result"]?["value"] }
    var errorCode: Int64? { self["error"]?["code"]?.integerValue }
    var errorName: String? { self["error"]?["data"]?["name"]?.stringValue }
}
