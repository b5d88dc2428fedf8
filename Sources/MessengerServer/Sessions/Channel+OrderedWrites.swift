import NIOCore

extension Channel {
    /// Writes `text` from a task queued on the channel's loop, never inline.
    /// `writeAndFlush` runs at once on the loop and is queued from elsewhere;
    /// callers that order their writes under a lock (`ClientSession.link`)
    /// need every write to take the same queue.
    func writeInOrder(_ text: String) {
        let buffer = allocator.buffer(string: text)
        eventLoop.execute { self.writeAndFlush(buffer, promise: nil) }
    }

    /// Writes a stream's last words, then closes: once they are written, or
    /// after `C2SChannelHandler.lingerAfterStreamError` at the latest. The
    /// deadline matters for a client that never reads: its write stays
    /// pending forever and would otherwise keep the socket open. Queued like
    /// `writeInOrder`, so it follows every write queued before it.
    func closeAfterWriting(_ text: String) {
        let channel = self
        let buffer = allocator.buffer(string: text)
        eventLoop.execute {
            channel.writeAndFlush(buffer).whenComplete { _ in
                channel.close(promise: nil)
            }
            channel.eventLoop.scheduleTask(in: C2SChannelHandler.lingerAfterStreamError) { channel.close(promise: nil) }
        }
    }
}
