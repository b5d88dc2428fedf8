import Foundation
import Testing
import XMPPCore

@testable import MessengerServer

/// `applyRosterChanges`, the batched write behind the roster group commit,
/// behaves the same in both stores.
@Suite("Roster changes in one batch")
struct RosterChangesBehaviourTests {
    @Test(arguments: StorageKind.allCases)
    func eachChangeInABatchReportsItsOwnOutcome(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("bob", credentials: [])
            let bob = RosterItem(jid: try jid("bob@example.test"), name: "Bob", groups: ["Work"], subscription: .to)
            let carol = RosterItem(jid: try jid("carol@example.test"), subscription: .none, askOut: true)
            let alice = RosterItem(jid: try jid("alice@example.test"), subscription: .from, listed: false)

            let outcomes = try await storage.applyRosterChanges([
                .set(bob, of: "alice"),
                .set(alice, of: "bob"),
                .set(carol, of: "alice"),
                .set(bob, of: "ghost"),
                .remove(try jid("dave@example.test"), of: "alice"),
                .remove(try jid("carol@example.test"), of: "alice"),
            ])

            #expect(outcomes == [.applied(version: 1), .applied(version: 1), .applied(version: 2), .noAccount, .noItem, .applied(version: 3)])
            #expect(try await storage.rosterItems(of: "alice") == [bob])
            #expect(try await storage.rosterItems(of: "bob") == [alice])
            #expect(try await storage.rosterVersion(of: "alice") == 3)
            #expect(try await storage.rosterItems(of: "ghost") == [])
            #expect(try await storage.listedRosterCount(of: "alice") == 1)
            #expect(try await storage.listedRosterCount(of: "bob") == 0)
        }
    }

    @Test func aCommittedBatchSurvivesCloseAndReopen() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("server.sqlite").path
            let items = try (0..<10).map { RosterItem(jid: try jid("contact\($0)@example.test"), subscription: .both) }
            let first = try await SQLiteStorage.open(path: path, logger: testLogger)
            try await first.createAccount("alice", credentials: [])
            _ = try await first.applyRosterChanges(items.map { .set($0, of: "alice") })
            try await first.close()

            let second = try await SQLiteStorage.open(path: path, logger: testLogger)
            let stored = try await second.rosterItems(of: "alice")
            let version = try await second.rosterVersion(of: "alice")
            try await second.close()
            #expect(stored == items)
            #expect(version == 10)
        }
    }
}
