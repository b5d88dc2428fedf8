import NIOConcurrencyHelpers
import NIOCore

/// What a session writes to its connection, handed over in the order it was
/// queued, a burst at a time.
///
/// Writes come from every thread: other connections' tasks, timers, and the
/// session's own task on the connection's event loop. `writeAndFlush` runs at
/// once on the loop but is queued from elsewhere, so calling it directly let
/// a write from the loop overtake one queued earlier from another thread;
/// XEP-0198 counts need the wire order to be the order of the session's
/// lock. Here every write joins one buffer, and one task on the loop hands
/// the whole buffer over: a presence burst of a sign-in costs one task and
/// one write instead of one each.
final class SessionOutbox: Sendable {
    private struct Pending {
        let channel: any Channel
        var bytes: ByteBuffer
        /// The stream's last words are in `bytes`: close once they are written.
        var closeAfter = false
    }

    private let pending = NIOLockedValueBox<Pending?>(nil)

    func write(_ text: String, to channel: any Channel) {
        enqueue(text, to: channel, closing: false)
    }

    /// Writes `text` after everything queued before it, then closes the
    /// connection (at the latest after `C2SChannelHandler.lingerAfterStreamError`).
    func close(after text: String, on channel: any Channel) {
        enqueue(text, to: channel, closing: true)
    }

    private func enqueue(_ text: String, to channel: any Channel, closing: Bool) {
        let startsBurst = pending.withLockedValue { pending -> Bool in
            if pending != nil, pending?.channel === channel {
                // Nothing follows a close; a session stops writing before it closes.
                guard pending?.closeAfter == false else { return false }
                pending?.bytes.writeString(text)
                pending?.closeAfter = closing
                return false
            }
            // Bytes still waiting for another connection were for one this
            // session left (a resume moved it): that one is being closed.
            pending = Pending(channel: channel, bytes: channel.allocator.buffer(string: text), closeAfter: closing)
            return true
        }
        if startsBurst {
            channel.eventLoop.execute { self.handOver(to: channel) }
        }
    }

    /// On the channel's loop: everything queued so far, in one write.
    private func handOver(to channel: any Channel) {
        let burst = pending.withLockedValue { pending -> Pending? in
            guard let current = pending, current.channel === channel else { return nil }
            pending = nil
            return current
        }
        guard let burst else { return }
        guard burst.closeAfter else {
            channel.writeAndFlush(burst.bytes, promise: nil)
            return
        }
        channel.writeAndFlush(burst.bytes).whenComplete { _ in channel.close(promise: nil) }
        // A client that never reads keeps that write pending forever.
        channel.eventLoop.scheduleTask(in: C2SChannelHandler.lingerAfterStreamError) { channel.close(promise: nil) }
    }
}
