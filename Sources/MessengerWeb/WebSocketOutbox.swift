import NIOConcurrencyHelpers

/// The messages waiting to go to one page, bounded in bytes: a page that
/// cannot keep up is disconnected instead of making the client hold its
/// updates forever.
final class WebSocketOutbox: Sendable {
    let messages: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let state = NIOLockedValueBox(State())
    let limit: Int

    private struct State {
        var pendingBytes = 0
        var overflowed = false
    }

    init(limit: Int) {
        self.limit = limit
        (messages, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
    }

    /// Queues a message; false (and the outbox is finished) when the page is
    /// already `limit` bytes behind.
    func send(_ message: String) -> Bool {
        let size = message.utf8.count
        let accepted = state.withLockedValue { state in
            guard !state.overflowed, state.pendingBytes + size <= limit else {
                state.overflowed = true
                return false
            }
            state.pendingBytes += size
            return true
        }
        if accepted { continuation.yield(message) } else { continuation.finish() }
        return accepted
    }

    func written(_ message: String) {
        let size = message.utf8.count
        state.withLockedValue { $0.pendingBytes -= size }
    }

    /// Whether the outbox finished because the page fell too far behind.
    var hasOverflowed: Bool { state.withLockedValue { $0.overflowed } }

    var queuedBytes: Int { state.withLockedValue { $0.pendingBytes } }

    func finish() {
        continuation.finish()
    }
}
