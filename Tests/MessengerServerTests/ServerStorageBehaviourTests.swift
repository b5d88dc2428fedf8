import Foundation
import MessengerServer
import Testing
import XMPPCore

/// One behavioural suite, run against every storage implementation.
@Suite("ServerStorage behaviour")
struct ServerStorageBehaviourTests {
    // MARK: Accounts

    @Test(arguments: StorageKind.allCases)
    func createdAccountExistsAndDuplicateIsRejected(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            #expect(try await storage.accountExists("alice") == false)
            try await storage.createAccount("alice", credentials: [sampleCredential(.sha256)])
            #expect(try await storage.accountExists("alice"))
            await #expect(throws: StorageError.accountExists("alice")) {
                try await storage.createAccount("alice", credentials: [])
            }
            // The failed attempt left the first account's credentials alone.
            #expect(try await storage.credentials(for: "alice") == [sampleCredential(.sha256)])
        }
    }

    @Test(arguments: StorageKind.allCases)
    func credentialsRoundTripForBothHashFamilies(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            let both = [sampleCredential(.sha256, seed: 7), sampleCredential(.sha1, seed: 9)]
            try await storage.createAccount("bob", credentials: both)
            // Returned in SHA-1, SHA-256 order whatever order they were given in.
            #expect(try await storage.credentials(for: "bob") == [sampleCredential(.sha1, seed: 9), sampleCredential(.sha256, seed: 7)])

            try await storage.setCredentials([sampleCredential(.sha256, seed: 42)], for: "bob")
            #expect(try await storage.credentials(for: "bob") == [sampleCredential(.sha256, seed: 42)])

            try await storage.setCredentials([], for: "bob")
            #expect(try await storage.credentials(for: "bob") == [])
            #expect(try await storage.credentials(for: "nobody") == nil)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func credentialWithEmptyByteFieldsRoundTrips(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            let empty = StoredCredential(hash: .sha1, salt: [], iterations: 1, storedKey: [], serverKey: [0])
            try await storage.createAccount("carol", credentials: [empty])
            #expect(try await storage.credentials(for: "carol") == [empty])
        }
    }

    @Test(arguments: StorageKind.allCases)
    func settingCredentialsOfUnknownAccountFails(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.setCredentials([sampleCredential(.sha1)], for: "ghost")
            }
            #expect(try await storage.accountExists("ghost") == false)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func accountsAreListedSorted(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            for name in ["mallory", "alice", "zoe", "bob"] {
                try await storage.createAccount(name, credentials: [])
            }
            #expect(try await storage.listAccounts() == ["alice", "bob", "mallory", "zoe"])
        }
    }

    @Test(arguments: StorageKind.allCases)
    func removingAccountRemovesEverythingItOwns(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [sampleCredential(.sha256)])
            try await storage.createAccount("bob", credentials: [])
            try await storage.setRosterItem(RosterItem(jid: jid("bob@example.test")), of: "alice")
            try await storage.storeOffline(
                OfflineMessage(stanza: "<message/>", from: jid("bob@example.test/phone"), stamp: Date()), for: "alice")
            try await storage.setVCard("<vCard xmlns='vcard-temp'/>", of: "alice")
            try await storage.block([jid("spam.example")], for: "alice")
            // Bob's data must survive Alice's removal.
            try await storage.setVCard("<vCard xmlns='vcard-temp'><FN>Bob</FN></vCard>", of: "bob")

            #expect(try await storage.removeAccount("alice"))
            #expect(try await storage.removeAccount("alice") == false)
            #expect(try await storage.accountExists("alice") == false)
            #expect(try await storage.listAccounts() == ["bob"])
            #expect(try await storage.credentials(for: "alice") == nil)

            try await storage.createAccount("alice", credentials: [])
            #expect(try await storage.rosterItems(of: "alice") == [])
            #expect(try await storage.rosterVersion(of: "alice") == 0)
            #expect(try await storage.offlineMessages(for: "alice") == [])
            #expect(try await storage.offlineCount(for: "alice") == 0)
            #expect(try await storage.vCard(of: "alice") == nil)
            #expect(try await storage.blocklist(of: "alice") == [])
            #expect(try await storage.credentials(for: "alice") == [])
            #expect(try await storage.vCard(of: "bob") == "<vCard xmlns='vcard-temp'><FN>Bob</FN></vCard>")
        }
    }

    // MARK: Roster

    @Test(arguments: StorageKind.allCases)
    func rosterItemIsStoredReplacedAndRemoved(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            #expect(try await storage.rosterVersion(of: "alice") == 0)

            let bob = RosterItem(
                jid: try jid("bob@example.test"), name: "Bob", groups: ["Work", "Friends", "Chess"],
                subscription: .to, askOut: true, pendingIn: true,
                pendingInStanza: "<presence from='bob@example.test' type='subscribe'/>", listed: true
            )
            try await storage.setRosterItem(bob, of: "alice")
            #expect(try await storage.rosterItem(of: "alice", contact: jid("bob@example.test")) == bob)
            #expect(try await storage.rosterItems(of: "alice").first?.groups == ["Work", "Friends", "Chess"])
            #expect(try await storage.rosterVersion(of: "alice") == 1)

            var replaced = bob
            replaced.name = nil
            replaced.groups = ["Zeta", "Alpha"]
            replaced.subscription = .both
            replaced.askOut = false
            replaced.pendingIn = false
            replaced.pendingInStanza = nil
            try await storage.setRosterItem(replaced, of: "alice")
            #expect(try await storage.rosterItems(of: "alice") == [replaced])
            #expect(try await storage.rosterVersion(of: "alice") == 2)

            #expect(try await storage.removeRosterItem(jid("bob@example.test"), of: "alice"))
            #expect(try await storage.rosterItems(of: "alice") == [])
            #expect(try await storage.rosterVersion(of: "alice") == 3)
            let emptied = try await storage.rosterWithVersion(of: "alice")
            #expect(emptied.version == 3 && emptied.items.isEmpty)

            // Removing what is not there changes nothing, not even the version.
            #expect(try await storage.removeRosterItem(jid("bob@example.test"), of: "alice") == false)
            #expect(try await storage.rosterVersion(of: "alice") == 3)
            #expect(try await storage.rosterItem(of: "alice", contact: jid("bob@example.test")) == nil)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func rosterIsOrderedByJIDAndKeepsUnlistedItems(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("dave", credentials: [])
            let pending = RosterItem(
                jid: try jid("zed@example.test"), pendingIn: true,
                pendingInStanza: "<presence type='subscribe'/>", listed: false)
            let carol = RosterItem(jid: try jid("carol@example.test"), subscription: .from)
            let bob = RosterItem(jid: try jid("bob@example.test"), subscription: .both)
            for item in [pending, carol, bob] {
                try await storage.setRosterItem(item, of: "alice")
            }
            try await storage.setRosterItem(RosterItem(jid: try jid("eve@example.test")), of: "dave")

            #expect(try await storage.rosterItems(of: "alice") == [bob, carol, pending])
            let roster = try await storage.rosterWithVersion(of: "alice")
            #expect(roster.version == 3 && roster.items == [bob, carol, pending])
            #expect(try await storage.rosterItem(of: "alice", contact: jid("zed@example.test"))?.listed == false)
            #expect(try await storage.rosterVersion(of: "alice") == 3)
            #expect(try await storage.rosterVersion(of: "dave") == 1)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func concurrentRosterChangesAreAllKept(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        try await storage.setRosterItem(RosterItem(jid: try JID("contact\(index)@example.test")), of: "alice")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await storage.rosterItems(of: "alice").count == 20)
            #expect(try await storage.rosterVersion(of: "alice") == 20)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func rosterOfUnknownAccount(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.setRosterItem(RosterItem(jid: try jid("bob@example.test")), of: "ghost")
            }
            #expect(try await storage.rosterItems(of: "ghost") == [])
            #expect(try await storage.rosterVersion(of: "ghost") == 0)
            let none = try await storage.rosterWithVersion(of: "ghost")
            #expect(none.version == 0 && none.items.isEmpty)
            #expect(try await storage.removeRosterItem(jid("bob@example.test"), of: "ghost") == false)
        }
    }

    // MARK: Offline messages

    @Test(arguments: StorageKind.allCases)
    func offlineMessagesComeBackOldestFirstAndAreRemovedById(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("bob", credentials: [])
            let sender = try jid("bob@example.test/laptop")
            let base = Date(timeIntervalSince1970: 1_700_000_000.123)
            var ids: [Int64] = []
            for index in 0..<4 {
                let message = OfflineMessage(
                    stanza: "<message><body>\(index)</body></message>", from: sender,
                    stamp: base.addingTimeInterval(Double(index)))
                ids.append(try await storage.storeOffline(message, for: "alice"))
            }
            let bobsID = try await storage.storeOffline(
                OfflineMessage(stanza: "<message/>", from: try jid("alice@example.test"), stamp: base), for: "bob")

            #expect(Set(ids + [bobsID]).count == 5)
            #expect(try await storage.offlineCount(for: "alice") == 4)
            let stored = try await storage.offlineMessages(for: "alice")
            #expect(stored.map(\.id) == ids)
            #expect(stored.map(\.stanza) == (0..<4).map { "<message><body>\($0)</body></message>" })
            #expect(stored.allSatisfy { $0.from == sender })
            #expect(stored.first?.stamp == Date(timeIntervalSince1970: 1_700_000_000.123))

            // Another user's id is not ours to remove.
            try await storage.removeOffline(ids: [ids[1], ids[3], bobsID], for: "alice")
            #expect(try await storage.offlineMessages(for: "alice").map(\.id) == [ids[0], ids[2]])
            #expect(try await storage.offlineCount(for: "alice") == 2)
            #expect(try await storage.offlineCount(for: "bob") == 1)

            try await storage.removeOffline(ids: [], for: "alice")
            #expect(try await storage.offlineCount(for: "alice") == 2)

            // Ids are never handed out twice, even after removal.
            let next = try await storage.storeOffline(
                OfflineMessage(stanza: "<message/>", from: sender, stamp: base), for: "alice")
            #expect(next > bobsID)
        }
    }

    @Test(arguments: StorageKind.allCases)
    func offlineStampKeepsMillisecondPrecision(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            let stamp = Date(timeIntervalSince1970: 1_700_000_000.987_6)
            try await storage.storeOffline(
                OfflineMessage(stanza: "<message/>", from: try jid("bob@example.test"), stamp: stamp), for: "alice")
            #expect(try await storage.offlineMessages(for: "alice").map(\.stamp) == [Date(timeIntervalSince1970: 1_700_000_000.988)])
        }
    }

    @Test(arguments: StorageKind.allCases)
    func offlineForUnknownAccountIsRejected(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.storeOffline(
                    OfflineMessage(stanza: "<message/>", from: try jid("bob@example.test"), stamp: Date()), for: "ghost")
            }
            #expect(try await storage.offlineCount(for: "ghost") == 0)
            #expect(try await storage.offlineMessages(for: "ghost") == [])
        }
    }

    // MARK: vCard

    @Test(arguments: StorageKind.allCases)
    func vCardIsSetReplacedAndCleared(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            #expect(try await storage.vCard(of: "alice") == nil)
            try await storage.setVCard("<vCard xmlns='vcard-temp'><FN>Alice</FN></vCard>", of: "alice")
            #expect(try await storage.vCard(of: "alice") == "<vCard xmlns='vcard-temp'><FN>Alice</FN></vCard>")
            try await storage.setVCard("<vCard xmlns='vcard-temp'><FN>Alice Liddell</FN></vCard>", of: "alice")
            #expect(try await storage.vCard(of: "alice") == "<vCard xmlns='vcard-temp'><FN>Alice Liddell</FN></vCard>")
            try await storage.setVCard(nil, of: "alice")
            #expect(try await storage.vCard(of: "alice") == nil)

            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.setVCard("<vCard xmlns='vcard-temp'/>", of: "ghost")
            }
            try await storage.setVCard(nil, of: "ghost")
        }
    }

    // MARK: Blocking

    @Test(arguments: StorageKind.allCases)
    func blocklistBlocksUnblocksAndDeduplicates(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await storage.createAccount("alice", credentials: [])
            try await storage.createAccount("bob", credentials: [])
            try await storage.block([jid("spam.example"), jid("mallory@example.test/bot"), jid("eve@example.test")], for: "alice")
            try await storage.block([jid("eve@example.test"), jid("eve@example.test")], for: "alice")
            try await storage.block([jid("eve@example.test")], for: "bob")
            #expect(try await storage.blocklist(of: "alice") == [
                jid("eve@example.test"), jid("mallory@example.test/bot"), jid("spam.example"),
            ])

            // A bare JID does not unblock the full JID it covers: entries are kept as given.
            try await storage.unblock([jid("mallory@example.test"), jid("spam.example")], for: "alice")
            #expect(try await storage.blocklist(of: "alice") == [jid("eve@example.test"), jid("mallory@example.test/bot")])
            #expect(try await storage.allBlocklists() == [
                "alice": [jid("eve@example.test"), jid("mallory@example.test/bot")], "bob": [jid("eve@example.test")],
            ])

            try await storage.unblockAll(for: "alice")
            #expect(try await storage.blocklist(of: "alice") == [])
            #expect(try await storage.blocklist(of: "bob") == [jid("eve@example.test")])
            #expect(try await storage.allBlocklists() == ["bob": [jid("eve@example.test")]])

            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.block([jid("eve@example.test")], for: "ghost")
            }
            #expect(try await storage.blocklist(of: "ghost") == [])
        }
    }
}
