import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

/// What a page's sender may learn (docs/protocol.md, "Page messages"):
/// device counts only with the recipient's presence, a bounce when the page
/// went nowhere, and gateways only on allowed host *and* port.
@Suite("Pages: receipts reveal no more than presence, full storage bounces, gateway ports")
struct PageReceiptPrivacyTests {
    typealias Paging = PagingTests

    /// The receipt's attributes other than its id.
    static func facts(_ receipt: XMLElement) -> [String: String] {
        Dictionary(uniqueKeysWithValues: receipt.attributes.filter { $0.name != "id" }.map { ($0.name, $0.value) })
    }

    @Test(arguments: [
        (RosterItem.Subscription?.none, ["accepted": "true"]),
        (.some(.none), ["accepted": "true"]),
        (.some(.to), ["accepted": "true"]),
        (.some(.from), ["devices": "1", "stored": "false", "gateway": "none"]),
        (.some(.both), ["devices": "1", "stored": "false", "gateway": "none"]),
    ])
    func countsOnlyForWhomTheRecipientSharesPresenceWith(_ row: (RosterItem.Subscription?, [String: String])) async throws {
        try await withServer { server in
            try await Paging.enablePaging("bob", on: server)
            if let subscription = row.0 {
                try await server.storage.setRosterItem(RosterItem(jid: try JID(address("alice")), subscription: subscription), of: "bob")
            }
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            try await alice.send(Paging.page(to: "bob", id: "q1"))
            let receipt = try await Paging.receipt(alice, id: "q1")
            #expect(Self.facts(receipt) == row.1)
            _ = try await bob.next { $0.name == "message" && $0.stanzaType == "headline" }
            await alice.close()
            await bob.close()
        }
    }

    @Test func aStrangerPagingAnOfflineUserLearnsNothingOfIt() async throws {
        try await withServer { server in
            try await Paging.enablePaging("bob", on: server)
            let alice = try await server.online("alice")
            try await alice.send(Paging.page(to: "bob", id: "q2"))
            #expect(Self.facts(try await Paging.receipt(alice, id: "q2")) == ["accepted": "true"])
            #expect(await server.storage.offlineCount(for: "bob") == 1)
            await alice.close()
        }
    }

    @Test func anInvisibleDeviceIsNotRevealedEvenToAFriend() async throws {
        try await withServer { server in
            try await Paging.enablePaging("bob", on: server)
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            #expect(try await bob.invisibility("invisible", id: "i1").stanzaType == "result")
            try await alice.send(Paging.page(to: "bob", id: "q3"))
            #expect(Self.facts(try await Paging.receipt(alice, id: "q3")) == ["accepted": "true"])
            // The invisible device still gets the page.
            let page = try await bob.next { $0.name == "message" && $0.stanzaType == "headline" }
            #expect(page[attribute: "id"] == "q3")
            await alice.close()
            await bob.close()
        }
    }

    @Test(arguments: [true, false])
    func aPageToAFullOfflineStoreWithNoGatewayBounces(friends: Bool) async throws {
        try await withServer(configure: { $0.maxOfflineMessagesPerUser = 0 }) { server in
            try await Paging.enablePaging("bob", on: server)
            if friends { try await server.befriend("alice", "bob") }
            let alice = try await server.online("alice")
            try await alice.send(Paging.page(to: "bob", id: "q4"))
            let error = try await alice.next { $0.name == "message" && $0[attribute: "id"] == "q4" }
            #expect(error.stanzaType == "error")
            #expect(error[attribute: "from"] == address("bob"))
            let details = try #require(error.child("error"))
            #expect(details.elements.first?.name == "resource-constraint")
            #expect(details.child("text", namespace: XMLNamespace.stanzaErrors)?.text == "the recipient's offline storage is full")
            #expect(await server.storage.offlineCount(for: "bob") == 0)
            await alice.close()
        }
    }

    @Test func aPageToAFullOfflineStoreWhoseGatewayFailsBounces() async throws {
        let webhook = try await TestWebhookServer.start()
        try await withServer(configure: {
            $0.maxOfflineMessagesPerUser = 0
            $0.pagerWebhookHosts = ["pager.example.test"]
        }) { server in
            try await Paging.enablePaging("bob", on: server, webhook: "http://127.0.0.1:\(webhook.port)/pages")
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            try await alice.send(Paging.page(to: "bob", id: "q5"))
            let error = try await alice.next { $0.name == "message" && $0[attribute: "id"] == "q5" }
            #expect(error.stanzaType == "error")
            #expect(error.child("error")?.elements.first?.name == "resource-constraint")
            #expect(webhook.requests.isEmpty)
            await alice.close()
        }
        await webhook.stop()
    }

    @Test func aPageToAFullOfflineStoreThatReachedTheGatewayIsReceipted() async throws {
        let webhook = try await TestWebhookServer.start()
        try await withServer(configure: {
            $0.maxOfflineMessagesPerUser = 0
            $0.pagerWebhookHosts = ["127.0.0.1:\(webhook.port)"]
        }) { server in
            try await Paging.enablePaging("bob", on: server, webhook: "http://127.0.0.1:\(webhook.port)/pages")
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            try await alice.send(Paging.page(to: "bob", id: "q6"))
            let receipt = try await Paging.receipt(alice, id: "q6")
            #expect(Self.facts(receipt) == ["devices": "0", "stored": "false", "gateway": "delivered"])
            #expect(webhook.requests.count == 1)
            await alice.close()
        }
        await webhook.stop()
    }

    @Test func anAllowedHostOnAnotherPortIsNotContacted() async throws {
        let webhook = try await TestWebhookServer.start()
        try await withServer(configure: { $0.pagerWebhookHosts = ["127.0.0.1"] }) { server in
            try await Paging.enablePaging("bob", on: server, webhook: "http://127.0.0.1:\(webhook.port)/pages")
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            try await alice.send(Paging.page(to: "bob", id: "q7"))
            let receipt = try await Paging.receipt(alice, id: "q7")
            #expect(Self.facts(receipt) == ["devices": "0", "stored": "true", "gateway": "failed"])
            #expect(webhook.requests.isEmpty)
            await alice.close()
        }
        await webhook.stop()
    }
}
