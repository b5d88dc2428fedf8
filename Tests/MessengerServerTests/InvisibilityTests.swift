import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Invisible command (XEP-0186)")
struct InvisibilityTests {
    static let alice = "alice@example.test/test"

    @Test func contactsSeeUnavailableWhileMessagesStillArrive() async throws {
        try await withServer { server in
            try await server.befriend("alice", "bob")
            let bob = try await server.online("bob")
            let alice = try await server.online("alice")
            _ = try await bob.next { $0.isPresence(from: Self.alice, type: nil) }
            _ = try await alice.next { $0.isPresence(from: "bob@example.test/test", type: nil) }

            #expect(try await alice.invisibility("invisible", id: "i1").stanzaType == "result")
            _ = try await bob.next { $0.isPresence(from: Self.alice, type: "unavailable") }

            // Still routed to: a chat to the bare JID reaches the session, not offline storage.
            try await bob.send("<message to='alice@example.test' type='chat'><body>still there?</body></message>")
            let message = try await alice.next { $0.name == "message" }
            #expect(message.child("body")?.text == "still there?")
            #expect(await server.storage.offlineCount(for: "alice") == 0)

            // Its broadcasts stay home: the sender sees its own, the contact nothing.
            try await alice.send("<presence><show>dnd</show></presence>")
            let own = try await alice.next { $0.isPresence(from: Self.alice, type: nil) }
            #expect(own.child("show")?.text == "dnd")
            #expect(try await bob.nothing(within: .milliseconds(300)) { $0.isPresence(from: Self.alice, type: nil) } == nil)

            // And it still hears its contacts.
            try await bob.send("<presence><show>away</show></presence>")
            let bobs = try await alice.next { $0.isPresence(from: "bob@example.test/test", type: nil) }
            #expect(bobs.child("show")?.text == "away")
            await alice.close()
            await bob.close()
        }
    }

    @Test func probesAreAnsweredAsIfUnavailableButDirectedPresenceGoesOut() async throws {
        try await withServer { server in
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            _ = try await alice.invisibility("invisible", id: "i1")
            let bob = try await server.online("bob")
            #expect(try await bob.nothing(within: .milliseconds(300)) { $0.isPresence(from: Self.alice, type: nil) } == nil)

            // Carol is no contact; presence sent to her directly still arrives.
            let carol = try await server.online("carol")
            try await alice.send("<presence to='carol@example.test'><status>only you</status></presence>")
            let directed = try await carol.next { $0.isPresence(from: Self.alice, type: nil) }
            #expect(directed.child("status")?.text == "only you")
            #expect(try await bob.nothing(within: .milliseconds(300)) { $0.isPresence(from: Self.alice, type: nil) } == nil)
            await alice.close()
            await bob.close()
            await carol.close()
        }
    }

    @Test func becomingVisibleBroadcastsTheLastPresence() async throws {
        try await withServer { server in
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            _ = try await alice.invisibility("invisible", id: "i1")
            try await alice.send("<presence><show>chat</show><status>back soon</status></presence>")
            try await alice.sync()
            let bob = try await server.online("bob")
            #expect(try await bob.nothing(within: .milliseconds(200)) { $0.isPresence(from: Self.alice, type: nil) } == nil)

            #expect(try await alice.invisibility("visible", id: "v1").stanzaType == "result")
            let restored = try await bob.next { $0.isPresence(from: Self.alice, type: nil) }
            #expect(restored.child("show")?.text == "chat")
            #expect(restored.child("status")?.text == "back soon")
            await alice.close()
            await bob.close()
        }
    }

    @Test func invisibilityIsASet() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let reply = try await alice.request("<iq type='get' id='g'><invisible xmlns='urn:xmpp:invisible:0'/></iq>", id: "g")
            #expect(reply.errorCondition == "bad-request")
            await alice.close()
        }
    }
}

@Suite("Presence reflection (RFC 6121 §4.2.2, §4.4.2)")
struct PresenceReflectionTests {
    @Test func broadcastPresenceReachesEveryOwnResourceIncludingTheSender() async throws {
        try await withServer { server in
            let phone = try await server.online("alice", resource: "phone")
            let desk = try await server.signIn("alice", resource: "desk")
            try await desk.send("<presence><show>dnd</show></presence>")
            let own = try await desk.next { $0.isPresence(from: "alice@example.test/desk", type: nil) }
            #expect(own.child("show")?.text == "dnd")
            #expect(own[attribute: "to"] == "alice@example.test/desk")
            let other = try await phone.next { $0.isPresence(from: "alice@example.test/desk", type: nil) }
            #expect(other.child("show")?.text == "dnd")
            await desk.close()
            await phone.close()
        }
    }
}

extension TestXMPPClient {
    /// Sends `<invisible/>` or `<visible/>` and returns the reply.
    func invisibility(_ command: String, id: String) async throws -> XMLElement {
        try await request("<iq type='set' id='\(id)'><\(command) xmlns='urn:xmpp:invisible:0'/></iq>", id: id)
    }
}

extension XMLElement {
    func isPresence(from: String, type: String?) -> Bool {
        name == "presence" && self[attribute: "from"] == from && stanzaType == type
    }
}
