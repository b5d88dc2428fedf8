import Foundation
import Testing
import XMPPCore

@testable import MessengerServer

/// `PrivateStore` behaves alike in both implementations.
@Suite("PrivateStore behaviour")
struct PrivateStoreBehaviourTests {
    static let prefs = "<exodus xmlns=\"exodus:prefs\"><defaultnick>Hamlet</defaultnick></exodus>"

    @Test(arguments: StorageKind.allCases)
    func elementsAreKeyedByAccountNameAndNamespace(kind: StorageKind) async throws {
        try await kind.withStorage { storage in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("bob", credentials: [])
            try await storage.setPrivateData(Self.prefs, of: "alice", namespace: "exodus:prefs", name: "exodus")
            #expect(try await storage.privateData(of: "alice", namespace: "exodus:prefs", name: "exodus") == Self.prefs)
            #expect(try await storage.privateData(of: "alice", namespace: "exodus:prefs", name: "other") == nil)
            #expect(try await storage.privateData(of: "alice", namespace: "exodus:other", name: "exodus") == nil)
            #expect(try await storage.privateData(of: "bob", namespace: "exodus:prefs", name: "exodus") == nil)

            try await storage.setPrivateData("<exodus xmlns=\"exodus:prefs\"/>", of: "alice", namespace: "exodus:prefs", name: "exodus")
            #expect(try await storage.privateData(of: "alice", namespace: "exodus:prefs", name: "exodus") == "<exodus xmlns=\"exodus:prefs\"/>")
            try await storage.setPrivateData(nil, of: "alice", namespace: "exodus:prefs", name: "exodus")
            #expect(try await storage.privateData(of: "alice", namespace: "exodus:prefs", name: "exodus") == nil)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func unknownAccountsCannotStoreAndRemovingTheAccountRemovesItsData(kind: StorageKind) async throws {
        try await kind.withStorage { storage in
            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.setPrivateData(Self.prefs, of: "ghost", namespace: "exodus:prefs", name: "exodus")
            }
            try await storage.setPrivateData(nil, of: "ghost", namespace: "exodus:prefs", name: "exodus")

            try await storage.createAccount("alice", credentials: [])
            try await storage.setPrivateData(Self.prefs, of: "alice", namespace: "exodus:prefs", name: "exodus")
            #expect(try await storage.removeAccount("alice"))
            try await storage.createAccount("alice", credentials: [])
            #expect(try await storage.privateData(of: "alice", namespace: "exodus:prefs", name: "exodus") == nil)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func quotaBoundsElementSizeAndCount(kind: StorageKind) async throws {
        try await kind.withStorage { storage in
            try await storage.createAccount("alice", credentials: [])
            let limit = PrivateStoreQuota.maxElementBytes
            func element(bytes: Int) -> String { "<b xmlns=\"t:b\">" + String(repeating: "a", count: bytes - 19) + "</b>" }
            let largest = element(bytes: limit)
            #expect(largest.utf8.count == limit)
            try await storage.setPrivateData(largest, of: "alice", namespace: "t:b", name: "b")
            await #expect(throws: PrivateStoreQuotaError(.elementTooLarge)) {
                try await storage.setPrivateData(element(bytes: limit + 1), of: "alice", namespace: "t:b", name: "b")
            }
            #expect(try await storage.privateData(of: "alice", namespace: "t:b", name: "b") == largest)

            for index in 1..<PrivateStoreQuota.maxElementsPerAccount {
                try await storage.setPrivateData("<e/>", of: "alice", namespace: "t:\(index)", name: "e")
            }
            await #expect(throws: PrivateStoreQuotaError(.tooManyElements)) {
                try await storage.setPrivateData("<e/>", of: "alice", namespace: "t:extra", name: "e")
            }
            // Replacing needs no room; another account has its own quota.
            try await storage.setPrivateData("<e>again</e>", of: "alice", namespace: "t:1", name: "e")
            try await storage.createAccount("bob", credentials: [])
            try await storage.setPrivateData("<e/>", of: "bob", namespace: "t:extra", name: "e")
            try await storage.setPrivateData(nil, of: "alice", namespace: "t:1", name: "e")
            try await storage.setPrivateData("<e/>", of: "alice", namespace: "t:extra", name: "e")
        }
    }

    @Test func olderDatabaseGainsPrivateStorageAndKeepsItAcrossReopen() async throws {
        try await withTemporaryFolder { folder in
            let path = folder.appendingPathComponent("server.sqlite").path
            let first = try await SQLiteStorage.open(path: path, logger: testLogger)
            try await first.createAccount("alice", credentials: [])
            // Make it look like a database written before this migration existed.
            try await first.executeForTesting("DROP TABLE private_data", [])
            try await first.executeForTesting("DELETE FROM schema_migrations WHERE name = ?", ["2026-11-21-private-xml-storage"])
            try await first.close()

            let second = try await SQLiteStorage.open(path: path, logger: testLogger)
            do {
                try await second.setPrivateData(Self.prefs, of: "alice", namespace: "exodus:prefs", name: "exodus")
            } catch {
                try await second.close()
                throw error
            }
            try await second.close()

            let third = try await SQLiteStorage.open(path: path, logger: testLogger)
            let stored: String?
            do {
                stored = try await third.privateData(of: "alice", namespace: "exodus:prefs", name: "exodus")
            } catch {
                try await third.close()
                throw error
            }
            try await third.close()
            #expect(stored == Self.prefs)
        }
    }
}
