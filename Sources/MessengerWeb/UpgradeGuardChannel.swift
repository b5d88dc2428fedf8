import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// The HTTP/1 + WebSocket channel with one change: an upgrade request that
/// `WebAccessPolicy` refuses (wrong token, Host or Origin) loses its upgrade
/// headers before the upgrader sees it, so it is answered like any other
/// request — 403 from `WebResponder` — instead of the upgrader's bare 400.
struct UpgradeGuardChannel: ServerChildChannel {
    typealias Value = HTTP1WebSocketUpgradeChannel.Value

    let inner: HTTP1WebSocketUpgradeChannel
    let policy: WebAccessPolicy

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let policy = self.policy
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let upgrader = try operations.handler(
                type: NIOTypedHTTPServerUpgradeHandler<HTTP1WebSocketUpgradeChannel.UpgradeResult>.self)
            try operations.addHandler(UpgradeRequestFilter(policy: policy), position: .before(upgrader))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// Sits in front of the upgrader; see `UpgradeGuardChannel`. Once it let an
/// upgrade through it removes itself: after the upgrade the pipeline carries
/// WebSocket frames, not HTTP.
final class UpgradeRequestFilter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let policy: WebAccessPolicy

    init(policy: WebAccessPolicy) {
        self.policy = policy
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), head.headers.contains(name: "upgrade") else {
            context.fireChannelRead(data)
            return
        }
        let port = context.channel.localAddress?.port ?? 0
        let allowed = policy.allowsUpgrade(
            path: head.uri, host: head.headers.first(name: "host"), origin: head.headers.first(name: "origin"), port: port)
        guard allowed else {
            // Answered as a plain request (403), then the connection ends.
            head.headers.remove(name: "upgrade")
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.fireChannelRead(wrapInboundOut(.head(head)))
            return
        }
        context.fireChannelRead(data)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
