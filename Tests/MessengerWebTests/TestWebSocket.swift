import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket

/// A WebSocket client that sends exactly the headers a browser would
/// (`Host` and one `Origin`), so tests can present the page's own origin, a
/// foreign one, or none.
enum TestWebSocket {
    enum Outcome: Sendable {
        case upgraded(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>)
        case refused
    }

    static func connect(port: Int, path: String, origin: String?) async throws -> Outcome {
        let outcome = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let upgrader = NIOTypedWebSocketClientUpgrader<Outcome>(maxFrameSize: 8 << 20) { channel, _ in
                        channel.eventLoop.makeCompletedFuture {
                            .upgraded(try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel))
                        }
                    }
                    var headers = HTTPHeaders([("Host", "127.0.0.1:\(port)"), ("Content-Length", "0")])
                    if let origin { headers.add(name: "Origin", value: origin) }
                    let configuration = NIOTypedHTTPClientUpgradeConfiguration<Outcome>(
                        upgradeRequestHead: HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers),
                        upgraders: [upgrader],
                        notUpgradingCompletionHandler: { channel in
                            channel.close(promise: nil)
                            return channel.eventLoop.makeSucceededFuture(.refused)
                        })
                    return try channel.pipeline.syncOperations.configureUpgradableHTTPClientPipeline(
                        configuration: NIOUpgradableHTTPClientPipelineConfiguration(upgradeConfiguration: configuration))
                }
            }
        return try await outcome.get()
    }

    /// A client frame (clients must mask theirs).
    static func frame(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data)
    }

    static func text(_ string: String) -> WebSocketFrame {
        frame(.text, ByteBuffer(string: string))
    }

    static func close(_ code: WebSocketErrorCode = .normalClosure) -> WebSocketFrame {
        var data = ByteBuffer()
        data.write(webSocketErrorCode: code)
        return frame(.connectionClose, data)
    }

    /// Sends `frames`, then reads until the server closes; the server's close code.
    static func closeCode(afterSending frames: [WebSocketFrame], on channel: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>) async throws
        -> WebSocketErrorCode?
    {
        try await channel.executeThenClose { inbound, outbound in
            for frame in frames { try await outbound.write(frame) }
            for try await frame in inbound where frame.opcode == .connectionClose {
                var data = frame.unmaskedData
                return data.readWebSocketErrorCode()
            }
            return nil
        }
    }
}
