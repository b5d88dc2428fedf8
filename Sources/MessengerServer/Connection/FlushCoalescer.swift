import NIOCore

/// Makes the flushes a connection gets within one turn of its event loop
/// into one, so stanzas written back to back leave in one system call.
///
/// A client signing in is sent the presence of each online contact, its
/// roster and more, each with its own `writeAndFlush`: one `write(2)` per
/// stanza, and on loopback one wake-up of the reader each. Deferred to a task
/// queued behind them, the first flush sends them all. A close, which would
/// drop writes not yet flushed, flushes first.
final class FlushCoalescer: ChannelOutboundHandler {
    typealias OutboundIn = ByteBuffer

    private var flushPending = false

    func flush(context: ChannelHandlerContext) {
        guard !flushPending else { return }
        flushPending = true
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (handler, context) = bound.value
            handler.flushNow(context: context)
        }
    }

    /// An outbound user event: flush now. STARTTLS sends it after
    /// `<proceed/>`, which must leave in the clear before the TLS handler
    /// joins the pipeline (that handler holds flushes until its handshake).
    struct FlushNow: Sendable {}

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard event is FlushNow else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        flushNow(context: context)
        promise?.succeed()
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        flushNow(context: context)
        context.close(mode: mode, promise: promise)
    }

    private func flushNow(context: ChannelHandlerContext) {
        guard flushPending else { return }
        flushPending = false
        context.flush()
    }
}
