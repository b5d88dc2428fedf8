import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Roster, subscriptions and presence (RFC 6121)")
struct RosterAndPresenceTests {
    @Test func rosterSetIsPushedToOtherResourcesAndReturnedByGet() async throws {
        try await withServer { server in
            let desk = try await server.online("alice", resource: "desk")
            let phone = try await server.online("alice", resource: "phone")
            let set = try await desk.request(
                "<iq type='set' id='s1'><query xmlns='jabber:iq:roster'><item jid='bob@example.test' name='Bob'><group>Work</group><group>Friends</group></item></query></iq>",
                id: "s1")
            #expect(set.stanzaType == "result")
            let push = try await phone.next { $0.name == "iq" && $0.stanzaType == "set" }
            let pushed = try #require(push.child("query", namespace: XMLNamespace.roster)?.child("item", namespace: XMLNamespace.roster))
            #expect(pushed[attribute: "jid"] == "bob@example.test")
            #expect(pushed[attribute: "subscription"] == "none")

            let roster = try await phone.request("<iq type='get' id='g1'><query xmlns='jabber:iq:roster'/></iq>", id: "g1")
            let items = try #require(roster.child("query", namespace: XMLNamespace.roster)).children("item", namespace: XMLNamespace.roster)
            #expect(items.count == 1)
            #expect(items.first?[attribute: "name"] == "Bob")
            #expect(items.first?.children("group", namespace: XMLNamespace.roster).map(\.text) == ["Work", "Friends"])

            let remove = try await desk.request(
                "<iq type='set' id='s2'><query xmlns='jabber:iq:roster'><item jid='bob@example.test' subscription='remove'/></query></iq>",
                id: "s2")
            #expect(remove.stanzaType == "result")
            let empty = try await desk.request("<iq type='get' id='g2'><query xmlns='jabber:iq:roster'/></iq>", id: "g2")
            #expect(empty.child("query", namespace: XMLNamespace.roster)?.elements.isEmpty == true)
            await desk.close()
            await phone.close()
        }
    }

    @Test func badRosterSetsGetTheDocumentedErrors() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let cases: [(String, String)] = [
                ("<item jid='bob@example.test'><group>A</group><group>A</group></item>", "bad-request"),
                ("<item jid='bob@example.test'><group></group></item>", "not-acceptable"),
                ("<item jid='bad@@jid'/>", "jid-malformed"),
                ("<item jid='a@example.test'/><item jid='b@example.test'/>", "bad-request"),
                ("<item jid='nobody@example.test' subscription='remove'/>", "item-not-found"),
            ]
            for (index, (items, condition)) in cases.enumerated() {
                let reply = try await alice.request(
                    "<iq type='set' id='b\(index)'><query xmlns='jabber:iq:roster'>\(items)</query></iq>", id: "b\(index)")
                #expect(reply.stanzaType == "error")
                #expect(reply.child("error")?.elements.first?.name == condition, "\(items)")
            }
            await alice.close()
        }
    }

    @Test func subscriptionHandshakeEndsInBothAndPresenceFlows() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")

            try await alice.send("<presence to='bob@example.test' type='subscribe'/>")
            let askPush = try await alice.next { $0.name == "iq" && $0.stanzaType == "set" }
            #expect(askPush.child("query")?.child("item")?[attribute: "ask"] == "subscribe")
            let request = try await bob.next { $0.name == "presence" && $0.stanzaType == "subscribe" }
            #expect(request[attribute: "from"] == "alice@example.test")

            try await bob.send("<presence to='alice@example.test' type='subscribed'/>")
            let bobPush = try await bob.next { $0.name == "iq" && $0.stanzaType == "set" }
            #expect(bobPush.child("query")?.child("item")?[attribute: "subscription"] == "from")
            let alicePush = try await alice.next {
                $0.name == "iq" && $0.child("query")?.child("item")?[attribute: "subscription"] == "to"
            }
            #expect(alicePush.child("query")?.child("item")?[attribute: "ask"] == nil)
            // Approval brings bob's current presence to alice.
            let bobPresence = try await alice.next { $0.name == "presence" && $0.stanzaType == nil }
            #expect(bobPresence[attribute: "from"] == "bob@example.test/test")

            // Mutual: bob subscribes back; alice already... has not approved, so she approves.
            try await bob.send("<presence to='alice@example.test' type='subscribe'/>")
            _ = try await alice.next { $0.name == "presence" && $0.stanzaType == "subscribe" }
            try await alice.send("<presence to='bob@example.test' type='subscribed'/>")
            _ = try await alice.next { $0.name == "iq" && $0.child("query")?.child("item")?[attribute: "subscription"] == "both" }
            _ = try await bob.next { $0.name == "iq" && $0.child("query")?.child("item")?[attribute: "subscription"] == "both" }

            // Presence with show and status reaches the subscriber exactly.
            try await bob.send("<presence><show>dnd</show><status>In a meeting</status></presence>")
            let update = try await alice.next { $0.name == "presence" && $0.child("show")?.text == "dnd" }
            #expect(update.child("status")?.text == "In a meeting")

            // Going offline is broadcast as unavailable.
            await bob.close()
            let gone = try await alice.next { $0.name == "presence" && $0.stanzaType == "unavailable" }
            #expect(gone[attribute: "from"] == "bob@example.test/test")
            await alice.close()
        }
    }

    @Test func pendingSubscriptionRequestIsDeliveredAgainAtLogin() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            try await alice.send("<presence to='carol@example.test' type='subscribe'/>")
            _ = try await alice.next { $0.name == "iq" && $0.stanzaType == "set" }
            let carol = try await server.online("carol")
            let request = try await carol.next { $0.name == "presence" && $0.stanzaType == "subscribe" }
            #expect(request[attribute: "from"] == "alice@example.test")
            // Not answered: it comes again next time.
            await carol.close()
            let again = try await server.online("carol")
            _ = try await again.next { $0.name == "presence" && $0.stanzaType == "subscribe" }
            // A pending-in contact is not shown in the roster (RFC 6121 §3.1.3).
            let roster = try await again.request("<iq type='get' id='g'><query xmlns='jabber:iq:roster'/></iq>", id: "g")
            #expect(roster.child("query")?.elements.isEmpty == true)
            await again.close()
            await alice.close()
        }
    }

    /// Initial presence uses the roster its session fetched just before, but
    /// not when a change was committed in between (RosterSnapshot).
    @Test func initialPresenceGoesToWhoIsSubscribedNowNotWhenTheRosterWasFetched() async throws {
        try await withServer { server in
            try await server.befriend("alice", "bob")
            let bob = try await server.online("bob")
            let phone = try await server.signIn("alice", resource: "phone")
            _ = try await phone.request("<iq type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>", id: "r1")
            let laptop = try await server.signIn("alice", resource: "laptop")
            let removal = try await laptop.request(
                "<iq type='set' id='rm'><query xmlns='jabber:iq:roster'><item jid='bob@example.test' subscription='remove'/></query></iq>",
                id: "rm")
            #expect(removal.stanzaType == "result")
            try await phone.send("<presence/>")
            try await phone.sync()
            let leaked = try await bob.nothing(within: .milliseconds(500)) {
                $0.name == "presence" && $0[attribute: "from"] == "alice@example.test/phone" && $0.stanzaType == nil
            }
            #expect(leaked == nil, "bob is no longer subscribed to alice")
            await phone.close()
            await laptop.close()
            await bob.close()
        }
    }

    @Test func contactsPresenceIsProbedAtLogin() async throws {
        try await withServer { server in
            try await server.befriend("alice", "bob")
            let bob = try await server.online("bob")
            try await bob.send("<presence><show>away</show></presence>")
            try await bob.sync()
            let alice = try await server.online("alice")
            let probed = try await alice.next { $0.name == "presence" && $0[attribute: "from"] == "bob@example.test/test" }
            #expect(probed.child("show")?.text == "away")
            await alice.close()
            await bob.close()
        }
    }
}

extension TestServer {
    /// Mutual subscription set up directly in storage.
    func befriend(_ a: String, _ b: String, groups: [String] = []) async throws {
        try await storage.setRosterItem(RosterItem(jid: try JID(address(b)), groups: groups, subscription: .both), of: a)
        try await storage.setRosterItem(RosterItem(jid: try JID(address(a)), groups: groups, subscription: .both), of: b)
    }
}
