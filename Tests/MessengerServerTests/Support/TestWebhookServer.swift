import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP server on 127.0.0.1 port 0 that records every request and
/// answers `204 No Content`: the other end of a pager gateway in tests.
final class TestWebhookServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    private let channel: any Channel
    private let received: NIOLockedValueBox<[Request]>

    var port: Int { channel.localAddress?.port ?? 0 }
    var requests: [Request] { received.withLockedValue { $0 } }

    private init(channel: any Channel, received: NIOLockedValueBox<[Request]>) {
        self.channel = channel
        self.received = received
    }

    static func start() async throws -> TestWebhookServer {
        let received = NIOLockedValueBox<[Request]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TestWebhookServer(channel: channel, received: received)
    }

    /// The first request, waiting up to `timeout` for one.
    func firstRequest(within timeout: Duration = .seconds(30)) async -> Request? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let first = requests.first { return first }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return requests.first
    }

    func stop() async {
        try? await channel.close()
    }
}

private final class RecordingHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let received: NIOLockedValueBox<[TestWebhookServer.Request]>
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(received: NIOLockedValueBox<[TestWebhookServer.Request]>) { self.received = received }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
        case .end:
            guard let head else { return }
            let request = TestWebhookServer.Request(
                method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                body: String(decoding: body, as: UTF8.self))
            received.withLockedValue { $0.append(request) }
            var response = HTTPResponseHead(version: head.version, status: .noContent)
            response.headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(response)), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
