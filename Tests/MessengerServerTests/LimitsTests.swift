import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

/// One test per server limit (docs/limits.md): the exact error a client
/// sees when it goes past it, and that other sessions are unaffected.
@Suite("Server limits end with the documented errors")
struct LimitsTests {
    static let users = ["alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw", "dave": "dave-pw"]

    // MARK: Rate limits

    @Test func aByteFloodAfterBindingIsCutWithPolicyViolation() async throws {
        try await withServer(configure: { $0.rateLimits.bytes = RateLimit(perSecond: 1024, burst: 16 * 1024) }) { server in
            let alice = try await server.signIn("alice")
            let bob = try await server.online("bob")
            let carol = try await server.online("carol")
            let body = String(repeating: "x", count: 32 * 1024)
            try await alice.send("<message to='bob@example.test' type='chat'><body>\(body)</body></message>")
            let error = try #require(try await alice.streamError())
            #expect(Self.condition(error) == "policy-violation")
            #expect(Self.text(error) == "byte rate limit: more than 1024 bytes/s (burst 16384)")
            // Others go on.
            try await carol.send("<message to='bob@example.test' type='chat' id='c1'><body>still here</body></message>")
            let message = try await bob.next { $0.name == "message" }
            #expect(message[attribute: "id"] == "c1")
            await bob.close()
            await carol.close()
        }
    }

    @Test func aStanzaFloodIsCutButABurstWithinTheAllowancePasses() async throws {
        try await withServer(configure: { $0.rateLimits.stanzas = RateLimit(perSecond: 10, burst: 50) }) { server in
            let alice = try await server.signIn("alice")
            // 40 pings at once: within the burst, every one answered.
            try await alice.send((1...40).map { "<iq type='get' id='p\($0)'><ping xmlns='urn:xmpp:ping'/></iq>" }.joined())
            for index in 1...40 {
                let pong = try await alice.next { $0[attribute: "id"] == "p\(index)" }
                #expect(pong.stanzaType == "result")
            }
            // 200 more at once overdraw it.
            try await alice.send((1...200).map { "<iq type='get' id='q\($0)'><ping xmlns='urn:xmpp:ping'/></iq>" }.joined())
            let error = try #require(try await alice.streamError())
            #expect(Self.condition(error) == "policy-violation")
            #expect(Self.text(error) == "stanza rate limit: more than 10 stanzas/s (burst 50)")
        }
    }

    @Test func negotiationHasAStricterByteLimit() async throws {
        try await withServer(configure: { $0.rateLimits.unboundBytes = RateLimit(perSecond: 1024, burst: 4096) }) { server in
            let client = try await TestXMPPClient.connect(port: server.port)
            try await client.openStream()
            _ = try await client.features()
            // Whitespace between elements is legal XML, so only the rate limit can object.
            try await client.send(String(repeating: " ", count: 16 * 1024))
            let error = try #require(try await client.streamError())
            #expect(Self.condition(error) == "policy-violation")
            #expect(Self.text(error) == "byte rate limit: more than 1024 bytes/s (burst 4096) before binding a resource")
            // A normal sign-in is far below it.
            let alice = try await server.signIn("alice")
            await alice.close()
        }
    }

    // MARK: Sessions, roster, offline storage

    @Test func oneSessionTooManyIsAResourceConstraint() async throws {
        try await withServer(configure: { $0.maxSessionsPerAccount = 2 }) { server in
            let first = try await server.signIn("alice", resource: "one")
            let second = try await server.signIn("alice", resource: "two")
            let (third, _) = try await TestXMPPClient.connectWithTLS(port: server.port)
            try await third.authenticate(user: "alice", password: "alice-pw")
            try await third.openStream()
            _ = try await third.features()
            let reply = try await third.request(
                "<iq type='set' id='b3'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>three</resource></bind></iq>",
                id: "b3")
            #expect(reply.stanzaType == "error")
            #expect(reply.errorConditionName == "resource-constraint")
            #expect(reply.errorText == "at most 2 sessions per account")
            await third.close()

            // Taking over a resource is not a new session.
            let again = try await server.signIn("alice", resource: "one")
            #expect(try await first.streamEnd() == "conflict")
            try await again.sync()
            try await second.sync()
            await again.close()
            await second.close()
        }
    }

    @Test func aRosterAtItsLimitTakesNoNewContact() async throws {
        try await withServer(users: Self.users, configure: { $0.maxRosterItems = 2 }) { server in
            let alice = try await server.online("alice")
            for (index, name) in ["bob", "carol"].enumerated() {
                let reply = try await alice.request(Self.rosterSet(name, id: "r\(index)"), id: "r\(index)")
                #expect(reply.stanzaType == "result")
            }
            let full = try await alice.request(Self.rosterSet("dave", id: "r9"), id: "r9")
            #expect(full.stanzaType == "error")
            #expect(full.errorConditionName == "resource-constraint")
            #expect(full.errorText == "a contact list holds at most 2 contacts")

            // A subscription request would add the contact too (RFC 6121 §3.1.2).
            try await alice.send("<presence to='dave@example.test' type='subscribe' id='s1'/>")
            let refused = try await alice.next { $0.name == "presence" && $0[attribute: "id"] == "s1" }
            #expect(refused.stanzaType == "error")
            #expect(refused.errorConditionName == "resource-constraint")
            let dave = try JID("dave@example.test")
            #expect(await server.storage.rosterItem(of: "alice", contact: dave) == nil)

            // Changing a contact already on the list still works.
            let renamed = try await alice.request(Self.rosterSet("bob", id: "r10", name: "Bobby"), id: "r10")
            #expect(renamed.stanzaType == "result")
            await alice.close()
        }
    }

    @Test func aFullOfflineQueueBouncesTheNextMessage() async throws {
        try await withServer(configure: { $0.maxOfflineMessagesPerUser = 2 }) { server in
            let alice = try await server.online("alice")
            for index in 1...3 {
                try await alice.send("<message to='bob@example.test' type='chat' id='o\(index)'><body>\(index)</body></message>")
            }
            let bounce = try await alice.next { $0.name == "message" && $0.stanzaType == "error" }
            #expect(bounce[attribute: "id"] == "o3")
            #expect(bounce.errorConditionName == "resource-constraint")
            #expect(bounce.errorText == "the recipient's offline storage is full")
            #expect(await server.storage.offlineCount(for: "bob") == 2)
            await alice.close()
        }
    }

    // MARK: Failed-authentication throttling

    @Test func anAddressWithTooManyFailuresIsLockedOutEvenWithTheRightPassword() async throws {
        // A window no run can outlast: under load each attempt's TLS handshake may take seconds.
        try await withServer(configure: Self.throttle(perAddress: 2, perAccount: 100, window: .seconds(600))) { server async throws in
            // 127.0.0.2 fails once; a success elsewhere must not wipe that.
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "wrong") == "not-authorized")
            #expect(try await Self.attempt(server, from: "127.0.0.3", password: "alice-pw") == "success")
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "wrong") == "not-authorized")
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "alice-pw") == "temporary-auth-failure")
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "bob-pw", user: "bob") == "temporary-auth-failure")
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "alice-pw", mechanism: "PLAIN") == "temporary-auth-failure")
            // Other addresses are not affected.
            #expect(try await Self.attempt(server, from: "127.0.0.3", password: "bob-pw", user: "bob") == "success")
        }
    }

    @Test func onceTheWindowHasPassedTheRightPasswordWorksAgain() async throws {
        try await withServer(configure: Self.throttle(perAddress: 1, perAccount: 100, window: .seconds(2))) { server in
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "wrong") == "not-authorized")
            try await Task.sleep(for: .seconds(3))
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "alice-pw") == "success")
        }
    }

    @Test func anAccountWithTooManyFailuresIsLockedOutFromEveryAddress() async throws {
        try await withServer(configure: Self.throttle(perAddress: 100, perAccount: 3)) { server async throws in
            for source in ["127.0.0.2", "127.0.0.3", "127.0.0.4"] {
                #expect(try await Self.attempt(server, from: source, password: "wrong") == "not-authorized")
            }
            #expect(try await Self.attempt(server, from: "127.0.0.5", password: "alice-pw") == "temporary-auth-failure")
            #expect(try await Self.attempt(server, from: "127.0.0.5", password: "alice-pw", mechanism: "PLAIN") == "temporary-auth-failure")
            // Another account from the same addresses is fine.
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "bob-pw", user: "bob") == "success")
        }
    }

    @Test func theLockOutTellsTheClientWhy() async throws {
        try await withServer(configure: { $0.authThrottle.failuresPerAddress = 1 }) { server in
            #expect(try await Self.attempt(server, from: "127.0.0.2", password: "wrong") == "not-authorized")
            let (client, _) = try await TestXMPPClient.connectWithTLS(port: server.port, source: "127.0.0.2")
            let failure = try await client.saslOutcome(user: "alice", password: "alice-pw")
            #expect(failure.name == "failure")
            #expect(failure.elements.map(\.name) == ["temporary-auth-failure", "text"])
            #expect(failure.child("text", namespace: XMLNamespace.sasl)?.text == "too many failed sign-in attempts; try again later")
            await client.close()
        }
    }

    // MARK: Helpers

    static func throttle(
        perAddress: Int, perAccount: Int, window: Duration = .seconds(60)
    ) -> (inout XMPPServer.Configuration) -> Void {
        return {
            $0.authThrottle.failuresPerAddress = perAddress
            $0.authThrottle.failuresPerAccount = perAccount
            $0.authThrottle.window = window
        }
    }

    /// One sign-in attempt on a fresh connection from `source`: "success" or the SASL failure condition.
    static func attempt(
        _ server: TestServer, from source: String, password: String, user: String = "alice",
        mechanism: String = "SCRAM-SHA-256"
    ) async throws -> String {
        let (client, _) = try await TestXMPPClient.connectWithTLS(port: server.port, source: source)
        let outcome = try await client.saslOutcome(user: user, password: password, mechanism: mechanism)
        await client.close()
        return outcome.name == "success" ? "success" : outcome.elements.first?.name ?? "?"
    }

    static func rosterSet(_ user: String, id: String, name: String? = nil) -> String {
        let nameAttribute = name.map { " name='\($0)'" } ?? ""
        return "<iq type='set' id='\(id)'><query xmlns='jabber:iq:roster'><item jid='\(user)@example.test'\(nameAttribute)/></query></iq>"
    }

    static func condition(_ streamError: XMLElement) -> String? {
        streamError.elements.first { $0.namespace == XMLNamespace.streamErrors && $0.name != "text" }?.name
    }

    static func text(_ streamError: XMLElement) -> String? {
        streamError.child("text", namespace: XMLNamespace.streamErrors)?.text
    }
}

extension XMLElement {
    /// The defined condition of a stanza's `<error/>`.
    var errorConditionName: String? {
        child("error")?.elements.first { $0.namespace == XMLNamespace.stanzaErrors && $0.name != "text" }?.name
    }

    /// The `<text/>` of a stanza's `<error/>`.
    var errorText: String? {
        child("error")?.child("text", namespace: XMLNamespace.stanzaErrors)?.text
    }
}
