import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

/// XEP-0198 on our server over real sockets: acks, resumption after a
/// dropped connection, and no message lost when a session dies unresumed.
@Suite("Stream management (XEP-0198): acks, resumption, redelivery")
struct StreamManagementTests {
    static let sm = XMLNamespace.streamManagement

    // MARK: Enabling and acks

    @Test func enableAnswersWithAResumableIDAndTheWindow() async throws {
        try await withServer(configure: { $0.smResumptionSeconds = 300 }) { server in
            let (client, features) = try await TestXMPPClient.authenticated(port: server.port, user: "alice", password: "alice-pw")
            #expect(features.child("sm", namespace: Self.sm) != nil)
            try await client.bind(resource: "phone")
            let enabled = try await Self.enable(client, extra: "max='120'")
            #expect(enabled.name == "enabled")
            #expect(enabled[attribute: "resume"] == "true")
            #expect(enabled[attribute: "max"] == "120")
            #expect((enabled[attribute: "id"] ?? "").count >= 10)
            await client.close()
        }
    }

    @Test func ackReportsExactlyTheStanzasHandledSinceEnable() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            _ = try await Self.enable(alice)
            try await alice.send("<presence><show>away</show></presence>")
            try await alice.send("<iq type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>")
            try await alice.send("<message to='bob@example.test' type='chat'><body>hi</body></message>")
            try await alice.send("<r xmlns='urn:xmpp:sm:3'/>")
            let ack = try await alice.next { $0.name == "a" && $0.namespace == Self.sm }
            #expect(ack[attribute: "h"] == "3")
            await alice.close()
        }
    }

    @Test func enablingTwiceOrBeforeBindingFails() async throws {
        try await withServer { server in
            let (early, _) = try await TestXMPPClient.authenticated(port: server.port, user: "alice", password: "alice-pw")
            let beforeBind = try await Self.enable(early)
            #expect(beforeBind.name == "failed")
            #expect(beforeBind.child("unexpected-request", namespace: XMLNamespace.stanzaErrors) != nil)
            // The stream is still usable: the client binds and enables properly.
            try await early.bind(resource: "r")
            #expect(try await Self.enable(early).name == "enabled")
            let twice = try await Self.enable(early)
            #expect(twice.name == "failed")
            #expect(twice.child("unexpected-request", namespace: XMLNamespace.stanzaErrors) != nil)
            await early.close()
        }
    }

    @Test func ackRequestBeforeEnableIsAStreamError() async throws {
        try await withServer { server in
            let alice = try await server.signIn("alice")
            try await alice.send("<r xmlns='urn:xmpp:sm:3'/>")
            #expect(try await alice.streamEnd() == "unsupported-stanza-type")
        }
    }

    @Test func serverAsksForAnAckAfterEveryFiveStanzas() async throws {
        try await withServer(configure: { $0.smAckRequestDelay = .seconds(600) }) { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            _ = try await Self.enable(alice)
            for n in 1...5 { try await bob.send(Self.chat(n, to: "alice@example.test")) }
            _ = try await alice.next { $0.name == "r" && $0.namespace == Self.sm }
            #expect(try await Self.bodies(alice, count: 5) == ["m1", "m2", "m3", "m4", "m5"])
            await alice.close()
            await bob.close()
        }
    }

    // MARK: Resumption

    @Test func resumptionDeliversEverythingUnackedInOrderAndContactsSeeNoGap() async throws {
        try await withServer { server in
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            _ = try await alice.next { $0.name == "presence" && $0[attribute: "from"] == "bob@example.test/test" }
            let id = try #require(try await Self.enable(alice)[attribute: "id"])
            for n in 1...3 { try await bob.send(Self.chat(n, to: "alice@example.test")) }
            #expect(try await Self.bodies(alice, count: 3) == ["m1", "m2", "m3"])
            try await alice.send("<a xmlns='urn:xmpp:sm:3' h='1'/>")
            await alice.drop()
            for n in 4...5 { try await bob.send(Self.chat(n, to: "alice@example.test")) }
            try await bob.sync()

            let (again, _) = try await TestXMPPClient.authenticated(port: server.port, user: "alice", password: "alice-pw")
            try await again.send("<resume xmlns='urn:xmpp:sm:3' previd='\(id)' h='1'/>")
            let resumed = try await again.next { $0.namespace == Self.sm && $0.name != "r" }
            #expect(resumed.name == "resumed")
            #expect(resumed[attribute: "previd"] == id)
            #expect(resumed[attribute: "h"] == "0")
            #expect(try await Self.bodies(again, count: 4) == ["m2", "m3", "m4", "m5"])
            #expect(try await again.nothing(within: .milliseconds(500)) { $0.name == "message" } == nil)
            // Same full JID, still available: Bob's next message arrives live.
            try await bob.send(Self.chat(6, to: "alice@example.test/test"))
            #expect(try await Self.bodies(again, count: 1) == ["m6"])
            #expect(try await bob.nothing(within: .milliseconds(300)) {
                $0.name == "presence" && $0[attribute: "from"] == "alice@example.test/test" && $0.stanzaType == "unavailable"
            } == nil)
            #expect(await server.storage.offlineCount(for: "alice") == 0)
            await again.close()
            await bob.close()
        }
    }

    @Test func resumingWhileTheOldConnectionIsOpenTakesItOver() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            let id = try #require(try await Self.enable(alice)[attribute: "id"])
            try await bob.send(Self.chat(1, to: "alice@example.test"))
            #expect(try await Self.bodies(alice, count: 1) == ["m1"])

            let (again, _) = try await TestXMPPClient.authenticated(port: server.port, user: "alice", password: "alice-pw")
            try await again.send("<resume xmlns='urn:xmpp:sm:3' previd='\(id)' h='0'/>")
            #expect(try await again.next { $0.name == "resumed" }[attribute: "previd"] == id)
            #expect(try await Self.bodies(again, count: 1) == ["m1"])
            #expect(try await alice.streamEnd() == nil)
            await again.close()
            await bob.close()
        }
    }

    @Test(arguments: ["unknown", "bob"])
    func resumeWithAnIDThatIsNotYoursFails(_ whose: String) async throws {
        try await withServer { server in
            let bob = try await server.online("bob")
            let bobsID = try #require(try await Self.enable(bob)[attribute: "id"])
            let previd = whose == "bob" ? bobsID : "no-such-session"
            let (alice, _) = try await TestXMPPClient.authenticated(port: server.port, user: "alice", password: "alice-pw")
            try await alice.send("<resume xmlns='urn:xmpp:sm:3' previd='\(previd)' h='0'/>")
            let failed = try await alice.next { $0.namespace == Self.sm }
            #expect(failed.name == "failed")
            #expect(failed.child("item-not-found", namespace: XMLNamespace.stanzaErrors) != nil)
            // XEP-0198 §5: the client may bind normally after a failed resume.
            try await alice.bind(resource: "fresh")
            #expect(alice.jid?.description == "alice@example.test/fresh")
            await alice.close()
            await bob.close()
        }
    }

    // MARK: Never into the void

    @Test func expiredHibernationSendsUnavailableAndUnackedMessagesToOfflineStorageOnce() async throws {
        try await withServer(configure: { $0.smResumptionSeconds = 1 }) { server in
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            _ = try await alice.next { $0.name == "presence" && $0[attribute: "from"] == "bob@example.test/test" }
            let available = try await bob.next { $0.name == "presence" && $0[attribute: "from"] == "alice@example.test/test" }
            #expect(available.stanzaType == nil)
            _ = try await Self.enable(alice)
            let sentAt = Date()
            for n in 1...3 { try await bob.send(Self.chat(n, to: "alice@example.test")) }
            #expect(try await Self.bodies(alice, count: 3) == ["m1", "m2", "m3"])
            try await alice.send("<a xmlns='urn:xmpp:sm:3' h='1'/>")
            await alice.drop()

            let gone = try await bob.next(timeout: .seconds(30)) {
                $0.name == "presence" && $0[attribute: "from"] == "alice@example.test/test"
            }
            #expect(gone.stanzaType == "unavailable")
            #expect(try await Self.eventually { await server.storage.offlineCount(for: "alice") == 2 })

            let fresh = try await server.online("alice")
            let messages = try await Self.messages(fresh, count: 2)
            #expect(messages.map { $0.child("body")?.text } == ["m2", "m3"])
            for message in messages {
                let delay = try #require(message.child("delay", namespace: XMLNamespace.delay))
                let stamp = try #require(delay[attribute: "stamp"].flatMap {
                    try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0)
                })
                #expect(abs(stamp.timeIntervalSince(sentAt)) < 60)
            }
            #expect(try await fresh.nothing(within: .milliseconds(500)) { $0.name == "message" } == nil)
            #expect(await server.storage.offlineCount(for: "alice") == 0)
            await fresh.close()
            await bob.close()
        }
    }

    @Test func unackedMessagesGoToAnotherAvailableResource() async throws {
        try await withServer(configure: { $0.smResumptionSeconds = 1 }) { server in
            let phone = try await server.online("alice", resource: "phone")
            let desk = try await server.online("alice", resource: "desk")
            let bob = try await server.online("bob")
            _ = try await Self.enable(phone)
            for n in 1...3 { try await bob.send(Self.chat(n, to: "alice@example.test/phone")) }
            #expect(try await Self.bodies(phone, count: 3) == ["m1", "m2", "m3"])
            try await phone.send("<a xmlns='urn:xmpp:sm:3' h='1'/>")
            await phone.drop()

            let redelivered = try await Self.messages(desk, count: 2, timeout: .seconds(30))
            #expect(redelivered.map { $0.child("body")?.text } == ["m2", "m3"])
            #expect(redelivered.map { $0[attribute: "to"] } == ["alice@example.test", "alice@example.test"])
            #expect(redelivered.map { $0[attribute: "from"] } == ["bob@example.test/test", "bob@example.test/test"])
            #expect(try await desk.nothing(within: .milliseconds(500)) { $0.name == "message" } == nil)
            #expect(await server.storage.offlineCount(for: "alice") == 0)
            await desk.close()
            await bob.close()
        }
    }

    @Test func ackingMoreThanWasSentEndsTheStreamAndKeepsTheMessage() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            _ = try await Self.enable(alice)
            try await bob.send(Self.chat(1, to: "alice@example.test"))
            #expect(try await Self.bodies(alice, count: 1) == ["m1"])
            try await alice.send("<a xmlns='urn:xmpp:sm:3' h='5'/>")
            let error = try await alice.next { $0.name == "error" && $0.namespace == XMLNamespace.streams }
            #expect(error.child("undefined-condition", namespace: XMLNamespace.streamErrors) != nil)
            let detail = try #require(error.child("handled-count-too-high", namespace: Self.sm))
            #expect(detail[attribute: "h"] == "5")
            #expect(detail[attribute: "send-count"] == "1")
            #expect(try await Self.eventually { await server.storage.offlineCount(for: "alice") == 1 })
            await bob.close()
        }
    }

    @Test func unackedOverflowEndsTheStreamAndStoresEveryMessage() async throws {
        try await withServer(configure: { $0.smMaxUnacked = 5 }) { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            _ = try await Self.enable(alice)
            for n in 1...6 { try await bob.send(Self.chat(n, to: "alice@example.test")) }
            #expect(try await alice.streamEnd(timeout: .seconds(30)) == "resource-constraint")
            #expect(try await Self.eventually { await server.storage.offlineCount(for: "alice") == 6 })
            let fresh = try await server.online("alice")
            let messages = try await Self.messages(fresh, count: 6)
            #expect(messages.map { $0.child("body")?.text } == ["m1", "m2", "m3", "m4", "m5", "m6"])
            #expect(messages.allSatisfy { $0.child("delay", namespace: XMLNamespace.delay) != nil })
            await fresh.close()
            await bob.close()
        }
    }

    @Test func shutdownStoresWhatAHibernatingSessionNeverAcknowledged() async throws {
        let server = try await TestServer.start()
        let alice = try await server.online("alice")
        let bob = try await server.online("bob")
        _ = try await Self.enable(alice)
        try await bob.send(Self.chat(1, to: "alice@example.test"))
        #expect(try await Self.bodies(alice, count: 1) == ["m1"])
        await alice.drop()
        // Hibernating now (default window 300 s); a shutdown must not lose it.
        try await Task.sleep(for: .milliseconds(200))
        await bob.close()
        await server.server.shutdown()
        #expect(try await Self.eventually { await server.storage.offlineCount(for: "alice") == 1 })
        await server.stop()
    }

    // MARK: Helpers

    static func enable(_ client: TestXMPPClient, extra: String = "") async throws -> XMLElement {
        try await client.send("<enable xmlns='urn:xmpp:sm:3' resume='true' \(extra)/>")
        return try await client.next { $0.namespace == sm && ($0.name == "enabled" || $0.name == "failed") }
    }

    static func chat(_ n: Int, to: String) -> String {
        "<message to='\(to)' type='chat' id='m\(n)'><body>m\(n)</body></message>"
    }

    static func messages(_ client: TestXMPPClient, count: Int, timeout: Duration = .seconds(30)) async throws -> [XMLElement] {
        var result: [XMLElement] = []
        for _ in 0..<count {
            result.append(try await client.next(timeout: timeout) { $0.name == "message" })
        }
        return result
    }

    static func bodies(_ client: TestXMPPClient, count: Int) async throws -> [String] {
        try await messages(client, count: count).map { $0.child("body")?.text ?? "" }
    }

    /// Polls a condition the server reaches asynchronously (up to 30 s).
    static func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
