import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import XMPPCore

@testable import MessengerServer

/// The roster group commit: changes that wait share one write, and a failed
/// write fails exactly the changes that were in it.
@Suite("Roster writer: group commit")
struct RosterWriterTests {
    struct DiskFull: Error, Equatable {}

    /// In-memory roster storage whose batched writes can be held back and made to fail.
    final class GatedRosterStore: RosterStore {
        private struct State {
            var batches: [[RosterChange]] = []
            var held = false
            var heldWrite: CheckedContinuation<Void, Never>?
            var failing: Set<Int> = []
        }

        private let inner = InMemoryStorage()
        private let state = NIOLockedValueBox(State())

        init(accounts: [String]) async throws {
            for account in accounts { try await inner.createAccount(account, credentials: []) }
        }

        /// The next write waits in `applyRosterChanges` until `release()`.
        func holdNextWrite() { state.withLockedValue { $0.held = true } }

        func release() {
            let write = state.withLockedValue { state in
                defer { state.heldWrite = nil }
                return state.heldWrite
            }
            write?.resume()
        }

        /// The write with this index (0 = first) throws `DiskFull`.
        func failWrite(_ index: Int) { state.withLockedValue { _ = $0.failing.insert(index) } }

        var batches: [[RosterChange]] { state.withLockedValue { $0.batches } }
        var isHoldingAWrite: Bool { state.withLockedValue { $0.heldWrite != nil } }

        func applyRosterChanges(_ changes: [RosterChange]) async throws -> [RosterChangeOutcome] {
            let (index, hold) = state.withLockedValue { state in
                state.batches.append(changes)
                defer { state.held = false }
                return (state.batches.count - 1, state.held)
            }
            if hold { await withCheckedContinuation { continuation in state.withLockedValue { $0.heldWrite = continuation } } }
            if state.withLockedValue({ $0.failing.contains(index) }) { throw DiskFull() }
            return await inner.applyRosterChanges(changes)
        }

        func rosterItems(of username: String) async throws -> [RosterItem] { await inner.rosterItems(of: username) }
        func rosterItem(of username: String, contact: JID) async throws -> RosterItem? {
            await inner.rosterItem(of: username, contact: contact)
        }
        func setRosterItem(_ item: RosterItem, of username: String) async throws {
            try await inner.setRosterItem(item, of: username)
        }
        func removeRosterItem(_ contact: JID, of username: String) async throws -> Bool {
            await inner.removeRosterItem(contact, of: username)
        }
        func rosterVersion(of username: String) async throws -> Int { await inner.rosterVersion(of: username) }
        func listedRosterCount(of username: String) async throws -> Int { await inner.listedRosterCount(of: username) }
    }

    static func item(_ name: String) throws -> RosterItem {
        RosterItem(jid: try JID("\(name)@example.test"), subscription: .both)
    }

    /// Starts one change per user while the first write is held, and waits until all are queued.
    static func queueBehindHeldWrite(
        _ users: [String], store: GatedRosterStore, writer: RosterWriter
    ) async throws -> [Task<RosterChangeOutcome, any Error>] {
        store.holdNextWrite()
        let first = Task { try await writer.apply(.set(try item("zed"), of: "alice")) }
        try await waitUntil { store.isHoldingAWrite }
        var tasks = [first]
        for user in users {
            tasks.append(Task { try await writer.apply(.set(try item("zed"), of: user)) })
        }
        try await waitUntil { await writer.waitingCount == users.count }
        return tasks
    }

    static func waitUntil(_ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while await !condition() {
            guard ContinuousClock.now < deadline else { throw CancellationError() }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func changesThatWaitDuringACommitShareTheNextOne() async throws {
        let users = ["bob", "carol", "dave"]
        let store = try await GatedRosterStore(accounts: ["alice"] + users)
        let writer = RosterWriter(store: store, changes: RosterChangeCounter(), logger: Logger(label: "test"))
        let tasks = try await Self.queueBehindHeldWrite(users, store: store, writer: writer)
        store.release()

        var outcomes: [RosterChangeOutcome] = []
        for task in tasks { outcomes.append(try await task.value) }
        #expect(outcomes == Array(repeating: .applied(version: 1), count: 4))
        #expect(store.batches.map(\.count) == [1, 3])
        #expect(Set(store.batches[1].map(\.username)) == Set(users))
    }

    @Test func aFailedCommitFailsEveryChangeInItAndTheWriterGoesOn() async throws {
        let users = ["bob", "carol", "dave"]
        let store = try await GatedRosterStore(accounts: ["alice"] + users)
        store.failWrite(1)
        let writer = RosterWriter(store: store, changes: RosterChangeCounter(), logger: Logger(label: "test"))
        let tasks = try await Self.queueBehindHeldWrite(users, store: store, writer: writer)
        store.release()

        #expect(try await tasks[0].value == .applied(version: 1))
        for task in tasks.dropFirst() {
            await #expect(throws: DiskFull.self) { try await task.value }
        }
        // Nothing of the failed batch was written, and the next change goes through.
        for user in users { #expect(try await store.rosterItems(of: user) == []) }
        #expect(try await writer.apply(.set(try Self.item("zed"), of: "bob")) == .applied(version: 1))
        #expect(try await store.rosterItems(of: "bob") == [try Self.item("zed")])
        #expect(store.batches.map(\.count) == [1, 3, 1])
    }
}
