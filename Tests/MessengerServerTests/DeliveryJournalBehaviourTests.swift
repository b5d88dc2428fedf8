import Foundation
import MessengerServer
import Testing
import XMPPCore

/// The delivery journal, against every storage implementation.
@Suite("DeliveryJournal behaviour")
struct DeliveryJournalBehaviourTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ user: String, _ body: String, from sender: String = "carol@example.test/pc", at seconds: Double = 0) throws
        -> JournalEntry
    {
        JournalEntry(
            username: user, stanza: "<message xmlns='jabber:client' type='chat'><body>\(body)</body></message>",
            from: try JID(sender), receivedAt: start.addingTimeInterval(seconds))
    }

    @Test(arguments: StorageKind.allCases)
    func recordedRowsAreKeptInOrderUntilRemoved(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("bob", credentials: [])
            let ids = try await storage.recordInJournal([
                try Self.entry("alice", "one"), try Self.entry("ghost", "lost"), try Self.entry("bob", "two"),
                try Self.entry("alice", "three", at: 1.5),
            ])
            #expect(ids.count == 4)
            #expect(ids[1] == nil)
            let kept = ids.compactMap { $0 }
            #expect(kept == kept.sorted() && Set(kept).count == 3)

            let rows = try await storage.journalEntries()
            #expect(rows.map(\.username) == ["alice", "bob", "alice"])
            #expect(rows.map(\.id) == kept)
            #expect(rows[2].receivedAt == Self.start.addingTimeInterval(1.5))
            #expect(rows[2].from == (try JID("carol@example.test/pc")))
            #expect(rows[2].stanza == "<message xmlns='jabber:client' type='chat'><body>three</body></message>")

            try await storage.removeFromJournal(ids: [kept[1], 999_999])
            #expect(try await storage.journalEntries().map(\.id) == [kept[0], kept[2]])
            // Recording and removing in one commit.
            let four = try await storage.recordInJournal([try Self.entry("bob", "four")], removing: [kept[0]])
            #expect(try await storage.journalEntries().map(\.username) == ["alice", "bob"])
            #expect(try await storage.journalEntries().map(\.id) == [kept[2], four[0]])
            // An account's rows go with it.
            #expect(try await storage.removeAccount("alice"))
            #expect(try await storage.journalEntries().map(\.username) == ["bob"])
        }
    }

    @Test(arguments: StorageKind.allCases)
    func movingToOfflineKeepsOrderAndStampAndEmptiesTheJournal(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("bob", credentials: [])
            let earlier = OfflineMessage(stanza: "<message xmlns='jabber:client'><body>zero</body></message>", from: try JID("dave@example.test"), stamp: Self.start)
            try await storage.storeOffline(earlier, for: "alice")
            _ = try await storage.recordInJournal([
                try Self.entry("alice", "one", at: 1), try Self.entry("bob", "two", at: 2), try Self.entry("alice", "three", at: 3),
            ])

            #expect(try await storage.moveJournalToOffline() == 3)
            #expect(try await storage.journalEntries().isEmpty)
            let alice = try await storage.offlineMessages(for: "alice")
            #expect(alice.map(\.stanza) == [
                "<message xmlns='jabber:client'><body>zero</body></message>",
                "<message xmlns='jabber:client' type='chat'><body>one</body></message>",
                "<message xmlns='jabber:client' type='chat'><body>three</body></message>",
            ])
            #expect(alice.map(\.stamp) == [Self.start, Self.start.addingTimeInterval(1), Self.start.addingTimeInterval(3)])
            #expect(alice[1].from == (try JID("carol@example.test/pc")))
            #expect(try await storage.offlineMessages(for: "bob").map(\.stamp) == [Self.start.addingTimeInterval(2)])
            #expect(try await storage.moveJournalToOffline() == 0)
        }
    }
}
