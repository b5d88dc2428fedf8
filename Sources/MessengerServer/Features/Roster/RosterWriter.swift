import Logging

/// Group commit for roster changes. Every change must be on disk before its
/// client hears of it, and a commit costs one fsync; changes that arrive
/// while a transaction is being written wait and go together in the next
/// one. A change alone waits for nothing but its own commit; thousands of
/// subscription handshakes at once share a few hundred commits.
actor RosterWriter {
    private let store: any RosterStore
    private let changes: RosterChangeCounter
    private let logger: Logger
    private var waiting: [(change: RosterChange, reply: CheckedContinuation<RosterChangeOutcome, any Error>)] = []
    private var isWriting = false

    init(store: any RosterStore, changes: RosterChangeCounter, logger: Logger) {
        self.store = store
        self.changes = changes
        self.logger = logger
    }

    /// Durable when this returns. A failed commit throws its error to every
    /// change that was in it; none of them was written.
    func apply(_ change: RosterChange) async throws -> RosterChangeOutcome {
        try await withCheckedThrowingContinuation { reply in
            waiting.append((change, reply))
            startWriting()
        }
    }

    /// Changes waiting for the next commit (tests).
    var waitingCount: Int { waiting.count }

    private func startWriting() {
        guard !isWriting else { return }
        isWriting = true
        Task { await self.writeUntilIdle() }
    }

    private func writeUntilIdle() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting = []
            do {
                let outcomes = try await store.applyRosterChanges(batch.map(\.change))
                changes.changed()
                guard outcomes.count == batch.count else {
                    throw StorageError.corrupt("\(outcomes.count) outcomes for \(batch.count) roster changes")
                }
                for (request, outcome) in zip(batch, outcomes) { request.reply.resume(returning: outcome) }
            } catch {
                logger.warning("roster write failed", metadata: ["storage.rows": "\(batch.count)", "error": "\(error)"])
                for request in batch { request.reply.resume(throwing: error) }
            }
        }
        isWriting = false
    }
}
