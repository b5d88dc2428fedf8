import NIOConcurrencyHelpers

/// The lines waiting to be written to one client, bounded in bytes: a client
/// that stops reading must not make the client process hold its events
/// forever (automation-rpc.md: a slow client never blocks the others).
final class OutboundQueue: Sendable {
    let lines: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let pendingBytes = NIOLockedValueBox(0)
    let limit: Int

    init(limit: Int) {
        self.limit = limit
        (lines, continuation) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .unbounded)
    }

    /// Queues a line; false when the client is already `limit` bytes behind
    /// (the line is not queued and the caller disconnects the client).
    func send(_ line: String) -> Bool {
        let size = line.utf8.count + 1
        let accepted = pendingBytes.withLockedValue { pending in
            guard pending + size <= limit else { return false }
            pending += size
            return true
        }
        if accepted { continuation.yield(line) }
        return accepted
    }

    /// The writer wrote `line`.
    func written(_ line: String) {
        let size = line.utf8.count + 1
        pendingBytes.withLockedValue { $0 -= size }
    }

    var queuedBytes: Int { pendingBytes.withLockedValue { $0 } }

    /// No more lines; the writer drains what is queued and stops.
    func finish() {
        continuation.finish()
    }
}
