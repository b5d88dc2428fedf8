import MessengerKit
import NIOCore

/// The client's end of one endpoint connection, on its event loop: writes
/// requests, matches replies to waiting calls by id, and passes
/// notifications on in arrival order.
final class AutomationClientHandler: ChannelInboundHandler {
    typealias InboundIn = InputLine
    typealias OutboundOut = ByteBuffer

    private let notifications: AsyncStream<AutomationNotification>.Continuation
    private let maxLineLength: Int
    private var pending: [Int64: EventLoopPromise<AutomationReply>] = [:]
    private var context: ChannelHandlerContext?

    init(notifications: AsyncStream<AutomationNotification>.Continuation, maxLineLength: Int) {
        self.notifications = notifications
        self.maxLineLength = maxLineLength
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        finish(failing: .connectionClosed)
    }

    /// Writes one request line and completes `promise` with its reply.
    func send(id: Int64, line: String, promise: EventLoopPromise<AutomationReply>) {
        guard let context, context.channel.isActive else {
            promise.fail(AutomationClientError.connectionClosed)
            return
        }
        pending[id] = promise
        let buffer = context.channel.allocator.buffer(string: line)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenFailure { [weak self] _ in
            self?.pending.removeValue(forKey: id)?.fail(AutomationClientError.connectionClosed)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .line(let line) = unwrapInboundIn(data) else {
            // Unlike the endpoint, which answers and reads on, a client cannot
            // know which reply it lost: the stream is no longer trustworthy.
            failPending(with: .invalidReply("a line longer than \(maxLineLength) bytes"))
            context.close(promise: nil)
            return
        }
        let incoming: AutomationIncoming
        do {
            incoming = try AutomationIncoming(line: line.readableBytesView)
        } catch {
            // The stream can no longer be trusted to pair replies with calls.
            failPending(with: error)
            context.close(promise: nil)
            return
        }
        switch incoming {
        case .reply(let id, let result):
            // A reply to an id we are not waiting for is dropped: nobody asked.
            guard let promise = pending.removeValue(forKey: id) else { return }
            switch result {
            case .success(let reply): promise.succeed(reply)
            case .failure(let remote): promise.fail(AutomationClientError.remote(remote))
            }
        case .notification(let notification):
            if case .dropped = notifications.yield(notification) {
                // Nobody reads events fast enough; close rather than lose some silently.
                context.close(promise: nil)
            }
        case .uncorrelatedError(let remote):
            failPending(with: .remote(remote))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failPending(with: .invalidReply("\(error)"))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        finish(failing: .connectionClosed)
        context.fireChannelInactive()
    }

    private func failPending(with error: AutomationClientError) {
        let waiting = pending
        pending.removeAll()
        for promise in waiting.values { promise.fail(error) }
    }

    private func finish(failing error: AutomationClientError) {
        failPending(with: error)
        notifications.finish()
    }
}
