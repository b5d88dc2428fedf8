import NIOCore

extension Channel {
    /// Writes a stream's last words, then closes: once they are written, or
    /// after `C2SChannelHandler.lingerAfterStreamError` at the latest. The
    /// deadline matters for a client that never reads: its write stays
    /// pending forever and would otherwise keep the socket open.
    func closeAfterWriting(_ text: String) {
        let channel = self
        writeAndFlush(allocator.buffer(string: text)).whenComplete { _ in
            channel.close(promise: nil)
        }
        eventLoop.scheduleTask(in: C2SChannelHandler.lingerAfterStreamError) { channel.close(promise: nil) }
    }
}
