import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Private XML storage (XEP-0049)")
struct PrivateStorageTests {
    static let prefs = "<exodus xmlns='exodus:prefs'><defaultnick>Hamlet</defaultnick></exodus>"

    @Test func storedElementRoundTripsAndSurvivesReconnect() async throws {
        try await withServer { server in
            let alice = try await server.signIn("alice", resource: "desk")
            // Nothing stored yet: the empty element comes back.
            let empty = try await alice.private("get", "<exodus xmlns='exodus:prefs'/>", id: "g0")
            #expect(empty.stanzaType == "result")
            let echoed = try #require(empty.child("query", namespace: XMLNamespace.privateStorage)?.elements.first)
            #expect(echoed.name == "exodus" && echoed.namespace == "exodus:prefs" && echoed.children.isEmpty)

            #expect(try await alice.private("set", Self.prefs, id: "s1").stanzaType == "result")
            #expect(try await alice.storedNick(id: "g1") == "Hamlet")
            await alice.close()

            let again = try await server.signIn("alice", resource: "phone")
            #expect(try await again.storedNick(id: "g2") == "Hamlet")
            // A set replaces the element.
            _ = try await again.private("set", "<exodus xmlns='exodus:prefs'><defaultnick>Macbeth</defaultnick></exodus>", id: "s2")
            #expect(try await again.storedNick(id: "g3") == "Macbeth")
            // Same name, other namespace: a different element.
            let other = try await again.private("get", "<exodus xmlns='exodus:other'/>", id: "g4")
            #expect(other.child("query")?.elements.first?.children.isEmpty == true)
            // Setting the empty element removes what was there.
            _ = try await again.private("set", "<exodus xmlns='exodus:prefs'/>", id: "s3")
            #expect(try await again.storedNick(id: "g5") == nil)
            #expect(await server.storage.privateData(of: "alice", namespace: "exodus:prefs", name: "exodus") == nil)
            await again.close()
        }
    }

    @Test func anotherAccountsDataIsForbidden() async throws {
        try await withServer { server in
            let alice = try await server.signIn("alice")
            _ = try await alice.private("set", Self.prefs, id: "s1")
            let bob = try await server.signIn("bob")
            for (index, (type, to)) in [("get", "alice@example.test"), ("set", "alice@example.test"), ("get", "example.test")].enumerated() {
                let reply = try await bob.private(type, "<exodus xmlns='exodus:prefs'><defaultnick>Bob</defaultnick></exodus>", id: "x\(index)", to: to)
                #expect(reply.stanzaType == "error")
                #expect(reply.errorCondition == "forbidden", "\(type) to \(to)")
            }
            // Bob's own storage is his alone, and alice's is untouched.
            let own = try await bob.private("get", "<exodus xmlns='exodus:prefs'/>", id: "b1")
            #expect(own.child("query")?.elements.first?.children.isEmpty == true)
            #expect(try await alice.storedNick(id: "g1") == "Hamlet")
            // Addressing one's own bare JID is the same as leaving `to` out.
            let addressed = try await alice.private("get", "<exodus xmlns='exodus:prefs'/>", id: "g2", to: "alice@example.test")
            #expect(addressed.child("query")?.elements.first?.child("defaultnick")?.text == "Hamlet")
            await alice.close()
            await bob.close()
        }
    }

    @Test(arguments: [
        ("get", "<query xmlns='jabber:iq:roster'/>", "not-acceptable"),
        ("set", "<vCard xmlns='vcard-temp'><FN>Hamlet</FN></vCard>", "not-acceptable"),
        ("set", "<x xmlns='http://jabber.org/protocol/muc'/>", "not-acceptable"),
        ("set", "<inherits>no namespace of its own</inherits>", "not-acceptable"),
        ("get", "", "not-acceptable"),
        ("set", "<a xmlns='test:a'/><b xmlns='test:b'/>", "bad-request"),
    ])
    func badRequestsGetTheDocumentedErrors(type: String, content: String, condition: String) async throws {
        try await withServer { server in
            let alice = try await server.signIn("alice")
            let reply = try await alice.private(type, content, id: "bad")
            #expect(reply.stanzaType == "error")
            #expect(reply.errorCondition == condition)
            await alice.close()
        }
    }

    @Test func elementSizeAndCountAreBounded() async throws {
        try await withServer { server in
            let alice = try await server.signIn("alice")
            let tooBig = "<big xmlns='test:big'>\(String(repeating: "a", count: PrivateStoreQuota.maxElementBytes))</big>"
            let refused = try await alice.private("set", tooBig, id: "big")
            #expect(refused.errorCondition == "not-acceptable")
            let fits = "<big xmlns='test:big'>\(String(repeating: "a", count: PrivateStoreQuota.maxElementBytes - 100))</big>"
            #expect(try await alice.private("set", fits, id: "fits").stanzaType == "result")
            let read = try await alice.private("get", "<big xmlns='test:big'/>", id: "read")
            #expect(read.child("query")?.elements.first?.text.count == PrivateStoreQuota.maxElementBytes - 100)

            // test:big is one; fill the rest of the quota.
            for index in 1..<PrivateStoreQuota.maxElementsPerAccount {
                #expect(try await alice.private("set", "<e xmlns='test:\(index)'>\(index)</e>", id: "e\(index)").stanzaType == "result")
            }
            let full = try await alice.private("set", "<e xmlns='test:one-more'>x</e>", id: "more")
            #expect(full.errorCondition == "resource-constraint")
            // Replacing an element needs no new room; removing one frees some.
            #expect(try await alice.private("set", "<e xmlns='test:1'>replaced</e>", id: "r").stanzaType == "result")
            _ = try await alice.private("set", "<e xmlns='test:2'/>", id: "rm")
            #expect(try await alice.private("set", "<e xmlns='test:one-more'>x</e>", id: "more2").stanzaType == "result")
            await alice.close()
        }
    }

    @Test func discoAdvertisesPrivateStorageAndInvisibility() async throws {
        try await withServer { server in
            let alice = try await server.signIn("alice")
            let info = try await alice.request(
                "<iq type='get' id='d1' to='example.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", id: "d1")
            let features = Set(info.child("query")?.children("feature").compactMap { $0[attribute: "var"] } ?? [])
            #expect(features.isSuperset(of: ["jabber:iq:private", "urn:xmpp:invisible:0"]))
            await alice.close()
        }
    }
}

extension TestXMPPClient {
    /// A jabber:iq:private request carrying `content` inside its query.
    func `private`(_ type: String, _ content: String, id: String, to: String? = nil) async throws -> XMLElement {
        let address = to.map { " to='\($0)'" } ?? ""
        return try await request("<iq type='\(type)' id='\(id)'\(address)><query xmlns='jabber:iq:private'>\(content)</query></iq>", id: id)
    }

    /// The defaultnick kept in exodus:prefs, or nil when nothing is stored.
    func storedNick(id: String) async throws -> String? {
        let reply = try await `private`("get", "<exodus xmlns='exodus:prefs'/>", id: id)
        return reply.child("query", namespace: XMLNamespace.privateStorage)?.child("exodus", namespace: "exodus:prefs")?
            .child("defaultnick", namespace: "exodus:prefs")?.text
    }
}

extension XMLElement {
    /// The defined condition of an error reply.
    var errorCondition: String? {
        child("error")?.elements.first { $0.namespace == XMLNamespace.stanzaErrors }?.name
    }
}
