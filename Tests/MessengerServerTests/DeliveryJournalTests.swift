import Foundation
import Logging
import Testing
@testable import MessengerServer
import XMPPCore

/// DESIGN: "a message the server has accepted (acknowledged) is durable
/// before the ack" — the delivery journal on a live server.
@Suite("Delivery journal: durable before the ack")
struct DeliveryJournalTests {
    typealias SM = StreamManagementTests

    @Test func theSendersAckNeverCoversAMessageNotYetJournaled() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            _ = try await SM.enable(alice)
            let bob = try await server.signIn("bob")
            _ = try await SM.enable(bob)
            try await bob.send(SM.chat(1, to: "alice@example.test"))
            try await bob.send("<r xmlns='urn:xmpp:sm:3'/>")
            let ack = try await bob.next { $0.name == "a" }
            #expect(ack[attribute: "h"] == "1")
            // Alice has not acknowledged it: at this moment it must be on disk.
            let rows = await server.storage.journalEntries()
            #expect(rows.count == 1)
            #expect(rows.first?.username == "alice")
            #expect(rows.first?.from == (try JID("bob@example.test/test")))
            #expect(rows.first.flatMap { XMLElement(storedStanza: $0.stanza) }?[attribute: "id"] == "m1")
            await alice.close()
            await bob.close()
        }
    }

    @Test func theRecipientsAckRemovesTheRow() async throws {
        try await withServer(configure: { $0.smAckRequestDelay = .seconds(600) }) { server in
            let alice = try await server.online("alice")
            _ = try await SM.enable(alice)
            let bob = try await server.online("bob")
            for n in 1...3 { try await bob.send(SM.chat(n, to: "alice@example.test")) }
            try await bob.sync()
            #expect(try await SM.bodies(alice, count: 3) == ["m1", "m2", "m3"])
            #expect(await server.storage.journalEntries().count == 3)
            try await alice.send("<a xmlns='urn:xmpp:sm:3' h='2'/>")
            #expect(try await SM.eventually { await server.storage.journalEntries().count == 1 })
            #expect(await server.storage.journalEntries().first?.stanza.contains("m3") == true)
            try await alice.send("<a xmlns='urn:xmpp:sm:3' h='3'/>")
            #expect(try await SM.eventually { await server.storage.journalEntries().isEmpty })
            await alice.close()
            await bob.close()
        }
    }

    @Test func aRecipientWithoutStreamManagementLeavesNoRow() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            try await bob.send(SM.chat(1, to: "alice@example.test"))
            #expect(try await SM.bodies(alice, count: 1) == ["m1"])
            #expect(try await SM.eventually { await server.storage.journalEntries().isEmpty })
            await alice.close()
            await bob.close()
        }
    }

    @Test func anUnacknowledgedMessageMovesFromTheJournalToOfflineStorage() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            _ = try await SM.enable(alice)
            let bob = try await server.online("bob")
            try await bob.send(SM.chat(1, to: "alice@example.test"))
            #expect(try await SM.bodies(alice, count: 1) == ["m1"])
            await alice.close()
            #expect(try await SM.eventually { await server.storage.offlineCount(for: "alice") == 1 })
            #expect(try await SM.eventually { await server.storage.journalEntries().isEmpty })
            await bob.close()
        }
    }

    @Test func offlineMessagesStayJournaledUntilTheSessionAcknowledgesThem() async throws {
        try await withServer(configure: { $0.smAckRequestDelay = .seconds(600) }) { server in
            let bob = try await server.online("bob")
            for n in 1...2 { try await bob.send(SM.chat(n, to: "alice@example.test")) }
            try await bob.sync()
            #expect(await server.storage.offlineCount(for: "alice") == 2)
            let alice = try await server.signIn("alice")
            _ = try await SM.enable(alice)
            try await alice.send("<presence/>")
            #expect(try await SM.bodies(alice, count: 2) == ["m1", "m2"])
            #expect(await server.storage.offlineCount(for: "alice") == 0)
            #expect(await server.storage.journalEntries().count == 2)
            // Its own presence came back first: three stanzas.
            try await alice.send("<a xmlns='urn:xmpp:sm:3' h='3'/>")
            #expect(try await SM.eventually { await server.storage.journalEntries().isEmpty })
            await alice.close()
            await bob.close()
        }
    }

    @Test func startUpMovesWhatWasInFlightToOfflineStorage() async throws {
        let storage = InMemoryStorage()
        try await AccountManager(storage: storage, sipRealm: TestServer.domain).create("alice", password: "alice-pw")
        let ids = try await storage.recordInJournal([
            JournalEntry(
                username: "alice", stanza: "<message xmlns='jabber:client' type='chat' id='x1'><body>in flight</body></message>",
                from: try JID("bob@example.test/test"), receivedAt: Date(timeIntervalSince1970: 1_800_000_000))
        ])
        #expect(ids.count == 1)
        try await withTemporaryFolder { folder in
            let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: TestServer.domain, dataFolder: folder)
            var configuration = XMPPServer.Configuration(domain: TestServer.domain, tls: try certificate.makeServerTLSConfiguration())
            configuration.c2sPort = 0
            let logger = Logger(label: "test.server", factory: { _ in SwiftLogNoOpLogHandler() })
            let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
            try await server.start()
            #expect(await storage.journalEntries().isEmpty)
            #expect(await storage.offlineCount(for: "alice") == 1)
            do {
                let alice = try await TestXMPPClient.signIn(port: server.listeningPort ?? 0, user: "alice", password: "alice-pw")
                try await alice.send("<presence/>")
                let message = try await alice.next { $0.name == "message" }
                #expect(message[attribute: "id"] == "x1")
                #expect(message.child("delay", namespace: XMLNamespace.delay)?[attribute: "stamp"] == "2027-01-15T08:00:00.000Z")
                await alice.close()
            } catch {
                await server.shutdown()
                throw error
            }
            await server.shutdown()
        }
    }
}
