import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import MessengerKit
import NIOConcurrencyHelpers
import NIOCore
import ServiceLifecycle

/// The web UI of a running client: its page and a WebSocket that carries
/// the automation endpoint's JSON-RPC, on 127.0.0.1 under a secret token
/// (docs/web.md).
///
/// ```swift
/// let web = WebUIServer(messenger: messenger, port: 8412, token: .random(), logger: logger)
/// try await web.start()
/// print("web:     \(web.url)")
/// ```
public final class WebUIServer: Sendable {
    public let token: WebToken
    let messenger: Messenger
    let requestedPort: Int
    let logger: Logger
    let files: StaticFiles
    private let running = NIOLockedValueBox<Running?>(nil)

    private struct Running: Sendable {
        let port: Int
        let group: ServiceGroup
        let task: Task<Void, Never>
    }

    /// - Parameter port: 0 picks a free port (see `port` after `start()`).
    public convenience init(messenger: Messenger, port: Int, token: WebToken, logger: Logger) {
        self.init(messenger: messenger, port: port, token: token, files: .bundled, logger: logger)
    }

    init(messenger: Messenger, port: Int, token: WebToken, files: StaticFiles, logger: Logger) {
        self.messenger = messenger
        requestedPort = port
        self.token = token
        self.files = files
        self.logger = logger
    }

    /// The port it listens on once started; until then the one asked for.
    public var port: Int {
        running.withLockedValue { $0?.port } ?? requestedPort
    }

    /// The address to open: `http://127.0.0.1:PORT/TOKEN/`.
    public var url: String {
        "http://127.0.0.1:\(port)/\(token.value)/"
    }

    /// Binds 127.0.0.1 and serves until `stop()`. Throws `WebUIServerError`
    /// when the port is taken.
    public func start() async throws {
        let (started, startup) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
        let policy = WebAccessPolicy(token: token)
        let bridge = WebSocketBridge(messenger: messenger, limits: .init(), logger: logger)
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            ws: WebSocketServerConfiguration(
                // A page that does not answer the close handshake must not hold up Ctrl-C for long.
                maxFrameSize: bridge.limits.maximumMessageSize, closeTimeout: .seconds(2)))
        let server = HTTPServerBuilder { responder in
            UpgradeGuardChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: responder, configuration: configuration) {
                    request, channel, _ -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> in
                    // UpgradeGuardChannel already checked; checked again so
                    // this closure is safe on its own.
                    let port = channel.localAddress?.port ?? 0
                    guard policy.allowsUpgrade(
                        path: request.path ?? "", host: request.authority, origin: request.headerFields[.origin], port: port)
                    else { return .dontUpgrade }
                    return .upgrade(SecurityHeaders.fields) { inbound, outbound, _ in
                        await bridge.serve(inbound: inbound, outbound: outbound)
                    }
                },
                policy: policy)
        }
        let app = Application(
            responder: WebResponder(policy: policy, files: files),
            server: server,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: requestedPort), serverName: nil),
            onServerRunning: { channel in startup.yield(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        let requestedPort = self.requestedPort
        let task = Task {
            do {
                try await group.run()
            } catch {
                startup.yield(.failure(WebUIServerError(port: requestedPort, underlying: error)))
            }
            startup.finish()
        }
        var outcome: Result<Int, any Error> = .failure(WebUIServerError(port: requestedPort, underlying: nil))
        for await first in started {
            outcome = first
            break
        }
        switch outcome {
        case .success(let port):
            running.withLockedValue { $0 = Running(port: port, group: group, task: task) }
            logger.info("web UI listening", metadata: ["web.port": "\(port)"])
        case .failure(let error):
            await task.value
            throw error
        }
    }

    /// Closes every page's WebSocket and stops listening.
    public func stop() async {
        guard let current = running.withLockedValue({ value in defer { value = nil }; return value }) else { return }
        await current.group.triggerGracefulShutdown()
        await current.task.value
    }
}

/// The web UI could not start listening.
public struct WebUIServerError: Error, CustomStringConvertible {
    public let port: Int
    let underlying: (any Error)?

    public var description: String {
        if let underlying, (underlying as? IOError)?.errnoCode == EADDRINUSE || "\(underlying)".contains("in use") {
            return "port \(port) is in use; pass --web-port 0 to pick a free one"
        }
        if let underlying {
            return "the web UI cannot listen on 127.0.0.1:\(port): \(underlying)"
        }
        return "the web UI stopped before it was listening on 127.0.0.1:\(port)"
    }
}
