import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import MessengerServer
import XMPPCore

/// The group-commit writer in front of the journal, against a journal that fails on demand.
@Suite("Delivery journal writer: failed writes")
struct DeliveryJournalWriterTests {
    struct DiskFull: Error {}

    /// Fails the first `failingWrites` calls; remembers the removals it was given.
    final class FlakyJournal: DeliveryJournal {
        private let state: NIOLockedValueBox<(failuresLeft: Int, removed: [Int64], nextID: Int64)>

        init(failingWrites: Int) {
            state = NIOLockedValueBox((failingWrites, [], 1))
        }

        var removed: [Int64] { state.withLockedValue { $0.removed } }

        private func attempt() throws {
            try state.withLockedValue { state in
                guard state.failuresLeft == 0 else {
                    state.failuresLeft -= 1
                    throw DiskFull()
                }
            }
        }

        func recordInJournal(_ entries: [JournalEntry], removing: [Int64]) async throws -> [Int64?] {
            try attempt()
            return state.withLockedValue { state in
                state.removed += removing
                defer { state.nextID += Int64(entries.count) }
                return entries.indices.map { state.nextID + Int64($0) }
            }
        }

        func removeFromJournal(ids: [Int64]) async throws {
            try attempt()
            state.withLockedValue { $0.removed += ids }
        }

        func moveJournalToOffline() async throws -> Int { 0 }
        func journalEntries() async throws -> [JournalEntry] { [] }
    }

    static func entry() throws -> JournalEntry {
        JournalEntry(username: "alice", stanza: "<message/>", from: try JID("bob@example.test"), receivedAt: Date())
    }

    @Test func removalsFromFailedWritesGoWithTheNextOne() async throws {
        let journal = FlakyJournal(failingWrites: 2)
        let writer = DeliveryJournalWriter(journal: journal, logger: Logger(label: "test"))
        // Fails alone, then fails again riding along with a record.
        await writer.remove([7, 8])
        await writer.flush()
        await #expect(throws: DiskFull.self) { try await writer.record([try Self.entry()]) }
        await writer.flush()
        #expect(journal.removed == [])
        // The next write succeeds and carries them.
        let ids = try await writer.record([try Self.entry()])
        await writer.flush()
        #expect(ids == [1])
        #expect(journal.removed == [7, 8])
    }
}
