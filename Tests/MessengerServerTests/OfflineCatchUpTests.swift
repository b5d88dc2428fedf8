import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

/// A message goes to offline storage when its recipient has no available
/// resource. The recipient may come online between that decision and the
/// write; then the message must still reach them now, once, not at their
/// next sign-in.
@Suite("Offline storage racing a sign-in")
struct OfflineCatchUpTests {
    static func chat(_ id: String) -> XMLElement {
        XMLElement(
            name: "message", namespace: XMLNamespace.client, attributes: ["id": id, "type": "chat", "to": "bob@example.test"],
            children: [.element(XMLElement(name: "body", namespace: XMLNamespace.client, text: "hello \(id)"))])
    }

    @Test func aMessageStoredAfterItsRecipientCameOnlineIsDeliveredAtOnce() async throws {
        try await withServer { server in
            let bob = try await server.online("bob")
            // Where a delivery that found bob offline ends up, after his flush has looked.
            try await LocalDelivery(context: server.server.context)
                .storeOffline(Self.chat("late"), username: "bob", sender: try JID("alice@example.test/desk"))
            let message = try await bob.next { $0.name == "message" }
            #expect(message[attribute: "id"] == "late")
            #expect(message.child("delay", namespace: XMLNamespace.delay) != nil)
            #expect(try await server.storage.offlineCount(for: "bob") == 0)
        }
    }

    @Test func flushesThatOverlapDeliverEachMessageOnce() async throws {
        try await withServer { server in
            let bob = try await server.signIn("bob")
            let context = server.server.context
            let delivery = LocalDelivery(context: context)
            let alice = try JID("alice@example.test/desk")
            // Stored while bob has no available resource: they wait.
            for id in ["m1", "m2", "m3"] { try await delivery.storeOffline(Self.chat(id), username: "bob", sender: alice) }
            let bobJID = try #require(bob.jid)
            let session = try #require(context.registry.session(for: bobJID))
            async let first: Void = OfflineModule().flush(to: session, context: context)
            async let second: Void = OfflineModule().flush(to: session, context: context)
            _ = try await (first, second)
            var ids: [String] = []
            for _ in 0..<3 { ids.append(try await bob.next { $0.name == "message" }[attribute: "id"] ?? "") }
            #expect(ids == ["m1", "m2", "m3"])
            // Nothing more: a duplicate would have arrived before this answer.
            try await bob.sync()
            #expect(try await bob.nothing(within: .milliseconds(100)) { $0.name == "message" } == nil)
            #expect(try await server.storage.offlineCount(for: "bob") == 0)
        }
    }
}
