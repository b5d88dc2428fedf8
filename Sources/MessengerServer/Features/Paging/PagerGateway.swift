import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import XMPPCore

/// Posts pages to users' pager gateways: one small JSON POST over plain
/// HTTP per page, only to hosts and ports the administrator allowed, bounded in time
/// (`timeout`, connecting included), in response bytes read, and in how many
/// run at once (beyond `maxInFlight` a page's gateway is reported as failed).
final class PagerGateway: Sendable {
    enum Outcome: String, Sendable {
        /// The gateway answered 2xx.
        case delivered
        /// Not allowed, refused, unreachable, slow or answered otherwise.
        case failed
        /// The user has no gateway (`none` on the wire).
        case notSet = "none"
    }

    /// What a gateway receives, serialized by `json`.
    struct Page: Sendable, Equatable {
        var from: String
        var to: String
        var body: String
        var sent: Date
        var id: String

        /// `{"from":…,"to":…,"body":…,"sent":…,"id":…}` in that order; `sent` in ISO 8601 UTC, whole seconds.
        var json: String {
            let fields = [("from", from), ("to", to), ("body", body), ("sent", sent.formatted(.iso8601)), ("id", id)]
            return "{" + fields.map { "\(JSONText.quoted($0.0)):\(JSONText.quoted($0.1))" }.joined(separator: ",") + "}"
        }
    }

    /// Response bytes read before the connection is dropped; the body means nothing to us.
    static let maxResponseBytes = 4096

    /// `host:port` entries (`PagerWebhookURL.hostAndPort`).
    private let allowed: Set<String>
    private let timeout: Duration
    private let maxInFlight: Int
    private let inFlight = NIOLockedValueBox(0)
    private let logger: Logger

    /// `allowedHosts` are `HOST[:PORT]` entries, a bare host meaning port 80;
    /// an entry that is neither is ignored (and logged).
    init(allowedHosts: Set<String>, timeout: Duration, maxInFlight: Int, logger: Logger) {
        for entry in allowedHosts where PagerWebhookURL.allowListEntry(entry) == nil {
            logger.warning("pager webhook allow-list entry ignored", metadata: ["pager.host": "\(entry)"])
        }
        self.allowed = Set(allowedHosts.compactMap(PagerWebhookURL.allowListEntry))
        self.timeout = timeout
        self.maxInFlight = maxInFlight
        self.logger = logger
    }

    /// Host and port both listed, checked before any lookup or connection.
    func isAllowed(_ url: PagerWebhookURL) -> Bool { allowed.contains(url.hostAndPort) }

    /// Posts `page` to `url`; never throws, the outcome says how it went.
    func post(_ page: Page, to url: PagerWebhookURL) async -> Outcome {
        guard isAllowed(url) else {
            logger.info("pager webhook host not allowed", metadata: ["pager.host": "\(url.hostAndPort)"])
            return .failed
        }
        let admitted = inFlight.withLockedValue { count -> Bool in
            guard count < maxInFlight else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.warning("too many pager webhooks in flight", metadata: ["pager.host": "\(url.host)"])
            return .failed
        }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        do {
            let status = try await Self.send(Array(page.json.utf8), to: url, timeout: timeout)
            guard (200..<300).contains(status) else {
                logger.info("pager webhook refused", metadata: ["pager.host": "\(url.host)", "http.status": "\(status)"])
                return .failed
            }
            return .delivered
        } catch {
            logger.info("pager webhook failed", metadata: ["pager.host": "\(url.host)", "error": "\(error)"])
            return .failed
        }
    }

    struct TimedOut: Error {}

    /// One request on a fresh connection; the response status code.
    private static func send(_ body: [UInt8], to url: PagerWebhookURL, timeout: Duration) async throws -> Int {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let status = loop.makePromise(of: Int.self)
        let deadline = loop.scheduleTask(in: TimeAmount(timeout)) { status.fail(TimedOut()) }
        let connectTimeout = TimeAmount(timeout)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(connectTimeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHTTPClientHandlers()
                        try channel.pipeline.syncOperations.addHandler(WebhookResponseHandler(status: status))
                    }
                }
                .connect(host: url.host, port: url.port).get()
        } catch {
            deadline.cancel()
            status.fail(error)
            throw error
        }
        var head = HTTPRequestHead(version: .http1_1, method: .POST, uri: url.path)
        head.headers.add(name: "Host", value: url.port == 80 ? url.host : "\(url.host):\(url.port)")
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: "\(body.count)")
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: "User-Agent", value: "Communicator pager gateway")
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(channel.allocator.buffer(bytes: body))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        return try await status.futureResult.get()
    }
}

/// Completes with the response status once the response ended or
/// `maxResponseBytes` of body arrived; fails when the connection ends first.
private final class WebhookResponseHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let status: EventLoopPromise<Int>
    private var code: Int?
    private var bodyBytes = 0

    init(status: EventLoopPromise<Int>) { self.status = status }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            code = Int(head.status.code)
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes >= PagerGateway.maxResponseBytes, let code {
                status.succeed(code)
                context.close(promise: nil)
            }
        case .end:
            if let code { status.succeed(code) }
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        status.fail(ChannelError.eof)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        status.fail(error)
        context.close(promise: nil)
    }
}

/// JSON string literals (RFC 8259 §7): quotes, backslash and control characters escaped.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
