import Foundation
import Testing
import XMPPCore

@testable import MessengerServer

@Suite("SQLiteStorage")
struct SQLiteStorageTests {
    @Test func dataSurvivesCloseAndReopen() async throws {
        try await withTemporaryFolder { folder in
            // The parent folders do not exist yet: open must create them.
            let path = folder.appendingPathComponent("data/db/server.sqlite").path
            let bob = RosterItem(jid: try jid("bob@example.test"), name: "Bob", groups: ["B", "A"], subscription: .both)
            let stamp = Date(timeIntervalSince1970: 1_700_000_123.456)

            let first = try await SQLiteStorage.open(path: path, logger: testLogger)
            try await first.createAccount("alice", credentials: [sampleCredential(.sha1), sampleCredential(.sha256)])
            try await first.setRosterItem(bob, of: "alice")
            let id = try await first.storeOffline(
                OfflineMessage(stanza: "<message><body>hi</body></message>", from: try jid("bob@example.test/phone"), stamp: stamp),
                for: "alice")
            try await first.setVCard("<vCard xmlns='vcard-temp'/>", of: "alice")
            try await first.block([jid("spam.example")], for: "alice")
            try await first.close()
            #expect(FileManager.default.fileExists(atPath: path))

            let second = try await SQLiteStorage.open(path: path, logger: testLogger)
            do {
                #expect(try await second.listAccounts() == ["alice"])
                #expect(try await second.credentials(for: "alice") == [sampleCredential(.sha1), sampleCredential(.sha256)])
                #expect(try await second.rosterItems(of: "alice") == [bob])
                #expect(try await second.rosterVersion(of: "alice") == 1)
                #expect(try await second.offlineMessages(for: "alice") == [
                    OfflineMessage(id: id, stanza: "<message><body>hi</body></message>", from: try jid("bob@example.test/phone"), stamp: stamp)
                ])
                #expect(try await second.vCard(of: "alice") == "<vCard xmlns='vcard-temp'/>")
                #expect(try await second.blocklist(of: "alice") == [jid("spam.example")])
            } catch {
                try await second.close()
                throw error
            }
            try await second.close()
        }
    }

    @Test func migrationsAreRecordedOnceAndNotReappliedOnReopen() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("server.sqlite").path
            let first = try await SQLiteStorage.open(path: path, logger: testLogger)
            let applied = try await first.appliedMigrations()
            try await first.close()
            #expect(applied.keys.sorted() == SQLiteMigrator.migrations.map(\.name).sorted())

            let second = try await SQLiteStorage.open(path: path, logger: testLogger)
            let reapplied = try await second.appliedMigrations()
            try await second.close()
            // Same rows with the same times: nothing ran again (it would have failed on CREATE TABLE anyway).
            #expect(reapplied == applied)
        }
    }

    @Test func migrationsFromANewerVersionAreIgnored() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("server.sqlite").path
            let first = try await SQLiteStorage.open(path: path, logger: testLogger)
            try await first.executeForTesting(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, 0)", ["2999-12-31-from-the-future"])
            try await first.close()

            let second = try await SQLiteStorage.open(path: path, logger: testLogger)
            let applied = try await second.appliedMigrations()
            try await second.createAccount("alice", credentials: [])
            let accounts = try await second.listAccounts()
            try await second.close()
            #expect(applied["2999-12-31-from-the-future"] == 0)
            #expect(applied.count == SQLiteMigrator.migrations.count + 1)
            #expect(accounts == ["alice"])
        }
    }

    @Test func fileDatabaseRunsInWALModeWithFullSync() async throws {
        try await withTemporaryFolder { folder in
            let storage = try await SQLiteStorage.open(path: folder.appendingPathComponent("server.sqlite").path, logger: testLogger)
            let journalMode = try await storage.currentValue(of: .journalMode)
            let synchronous = try await storage.currentValue(of: .synchronous)
            let foreignKeys = try await storage.currentValue(of: .foreignKeys)
            let busyTimeout = try await storage.currentValue(of: .busyTimeout)
            try await storage.close()
            #expect(journalMode == "wal")
            #expect(synchronous == "2")  // FULL
            #expect(foreignKeys == "1")
            #expect(busyTimeout == "5000")
        }
    }

    @Test func unparsableStoredJIDIsReportedAsCorrupt() async throws {
        let storage = try await SQLiteStorage.openInMemory()
        try await storage.createAccount("alice", credentials: [])
        try await storage.executeForTesting(
            """
            INSERT INTO roster_items (username, contact, groups, subscription, ask_out, pending_in, listed)
            VALUES (?, ?, '[]', 'none', 0, 0, 1)
            """,
            ["alice", "@example.test"])
        await #expect(throws: StorageError.corrupt(#"stored JID "@example.test" does not parse: the localpart is empty"#)) {
            try await storage.rosterItems(of: "alice")
        }
        try await storage.close()
    }

    @Test func closedStorageRefusesWorkAndClosesOnce() async throws {
        let storage = try await SQLiteStorage.openInMemory()
        try await storage.close()
        try await storage.close()
        await #expect(throws: SQLiteStorage.ClosedError()) {
            try await storage.accountExists("alice")
        }
    }
}
