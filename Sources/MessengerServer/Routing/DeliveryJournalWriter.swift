import Logging

/// Group commit for the delivery journal: records and removals that arrive
/// while a transaction is being written wait and go together in the next
/// one, so under load many messages share one fsync, and with no load a
/// message waits for nothing but its own.
actor DeliveryJournalWriter {
    private let journal: any DeliveryJournal
    private let logger: Logger
    private var waiting: [(entries: [JournalEntry], reply: CheckedContinuation<[Int64?], any Error>)] = []
    private var doomed: [Int64] = []
    /// Removals whose write failed: they ride along with the next write
    /// rather than start one, so a failing disk is not retried in a loop.
    private var retryRemovals: [Int64] = []
    private var isWriting = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    init(journal: any DeliveryJournal, logger: Logger) {
        self.journal = journal
        self.logger = logger
    }

    /// Durable when this returns; ids in the order given (nil: no such account).
    func record(_ entries: [JournalEntry]) async throws -> [Int64?] {
        guard !entries.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { reply in
            waiting.append((entries, reply))
            startWriting()
        }
    }

    /// Removal is not awaited: a row left behind by a crash only means a
    /// duplicate the recipient drops by stanza id.
    func remove(_ ids: [Int64]) {
        guard !ids.isEmpty else { return }
        doomed.append(contentsOf: ids)
        startWriting()
    }

    /// Returns once everything queued so far is written (shutdown, tests).
    func flush() async {
        guard isWriting else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    private func startWriting() {
        guard !isWriting else { return }
        isWriting = true
        Task { await self.writeUntilIdle() }
    }

    private func writeUntilIdle() async {
        while !waiting.isEmpty || !doomed.isEmpty {
            let batch = waiting
            let removing = retryRemovals + doomed
            waiting = []
            doomed = []
            retryRemovals = []
            if batch.isEmpty {
                do {
                    try await journal.removeFromJournal(ids: removing)
                } catch {
                    retryRemovals.append(contentsOf: removing)
                    logger.warning("delivery journal rows not removed", metadata: ["storage.rows": "\(removing.count)", "error": "\(error)"])
                }
                continue
            }
            do {
                // Removals ride along in the same commit.
                var ids = try await journal.recordInJournal(batch.flatMap(\.entries), removing: removing)[...]
                for request in batch {
                    request.reply.resume(returning: Array(ids.prefix(request.entries.count)))
                    ids = ids.dropFirst(request.entries.count)
                }
            } catch {
                retryRemovals.append(contentsOf: removing)
                for request in batch { request.reply.resume(throwing: error) }
                logger.warning("delivery journal write failed", metadata: ["storage.rows": "\(removing.count)", "error": "\(error)"])
            }
        }
        isWriting = false
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
