import MessengerServer
import Testing

@Suite("SIP digest credentials in storage")
struct SIPCredentialTests {
    @Test(arguments: StorageKind.allCases)
    func accountManagerStoresBothHA1ValuesForTheRealm(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            let manager = AccountManager(storage: storage, iterations: 4096, sipRealm: "example.test")
            try await manager.create("alice", password: "alice-pw")
            // HA1 = H("alice:example.test:alice-pw"), values from Python's hashlib.
            let stored = try #require(try await storage.sipDigest(for: "alice"))
            #expect(stored.realm == "example.test")
            #expect(stored.md5 == "08e6b18aa192d23a4cf02bc8577ee733")
            #expect(stored.sha256 == "e7ec53ab9f380ec8625b55980581290ab2981c579e780d3ff12167bee67a9c62")

            try await manager.setPassword("alice", password: "new-pw")
            #expect(try await storage.sipDigest(for: "alice")
                == SIPDigestCredential.derive(username: "alice", realm: "example.test", password: "new-pw"))
        }
    }

    @Test(arguments: StorageKind.allCases)
    func passwordChangeWithoutRealmDropsTheOldHA1(kind: StorageKind) async throws {
        try await kind.withStorage { (storage: any ServerStorage) async throws in
            try await AccountManager(storage: storage, iterations: 4096, sipRealm: "example.test").create("bob", password: "old")
            try await AccountManager(storage: storage, iterations: 4096).setPassword("bob", password: "new")
            #expect(try await storage.sipDigest(for: "bob") == nil)
            await #expect(throws: StorageError.accountNotFound("ghost")) {
                try await storage.setSIPDigest(nil, for: "ghost")
            }
        }
    }

    @Test func knownHA1Values() {
        // HA1 for RFC 2617 §3.5's user: MD5("Mufasa:testrealm@host.com:Circle Of Life").
        let credential = SIPDigestCredential.derive(username: "Mufasa", realm: "testrealm@host.com", password: "Circle Of Life")
        #expect(credential.md5 == "939e7578ed9e3c518a452acee763bce9")
        // RFC 7616 §3.9.1: SHA-256 HA1 of the same user in http-auth@example.org.
        let sha = SIPDigestCredential.derive(username: "Mufasa", realm: "http-auth@example.org", password: "Circle of Life")
        #expect(sha.sha256 == "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232")
    }
}
