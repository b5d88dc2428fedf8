import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Messages, offline storage, vCard, blocking, disco (RFC 6121, XEP-0160/0054/0191/0030)")
struct MessagingTests {
    @Test func chatToBareJIDReachesTheContact() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            try await alice.send("<message to='bob@example.test' type='chat' id='c1'><body>Hello &amp; welcome</body></message>")
            let message = try await bob.next { $0.name == "message" }
            #expect(message[attribute: "from"] == "alice@example.test/test")
            #expect(message.stanzaType == "chat")
            #expect(message.child("body")?.text == "Hello & welcome")
            await alice.close()
            await bob.close()
        }
    }

    @Test func highestPriorityResourceGetsBareJIDMessages() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let low = try await server.signIn("bob", resource: "low")
            try await low.send("<presence><priority>1</priority></presence>")
            let high = try await server.signIn("bob", resource: "high")
            try await high.send("<presence><priority>5</priority></presence>")
            try await low.sync()
            try await high.sync()
            try await alice.send("<message to='bob@example.test' type='chat'><body>to the best</body></message>")
            _ = try await high.next { $0.name == "message" }
            #expect(try await low.nothing(within: .milliseconds(300)) { $0.name == "message" } == nil)
            await alice.close()
            await low.close()
            await high.close()
        }
    }

    @Test func offlineMessagesAreStoredAndDeliveredWithADelayStamp() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let sentAt = Date()
            try await alice.send("<message to='carol@example.test' type='chat' id='o1'><body>while you were out</body></message>")
            try await alice.sync()
            #expect(await server.storage.offlineCount(for: "carol") == 1)

            let carol = try await server.online("carol")
            let message = try await carol.next { $0.name == "message" }
            #expect(message.child("body")?.text == "while you were out")
            let delay = try #require(message.child("delay", namespace: XMLNamespace.delay))
            let stamp = try #require(delay[attribute: "stamp"].flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) })
            #expect(abs(stamp.timeIntervalSince(sentAt)) < 60)
            try await carol.sync()
            #expect(await server.storage.offlineCount(for: "carol") == 0)
            await alice.close()
            await carol.close()
        }
    }

    @Test func messageToUnknownUserIsServiceUnavailable() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            try await alice.send("<message to='nobody@example.test' id='u1'><body>hi</body></message>")
            let error = try await alice.next { $0.name == "message" && $0.stanzaType == "error" }
            #expect(error[attribute: "from"] == "nobody@example.test")
            #expect(error.child("error")?.elements.first?.name == "service-unavailable")
            await alice.close()
        }
    }

    @Test func vCardWithPhoneNumbersRoundTrips() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            let set = try await alice.request(
                "<iq type='set' id='v1'><vCard xmlns='vcard-temp'><FN>Alice</FN><TEL><WORK/><VOICE/><NUMBER>+1 425 555 0100</NUMBER></TEL><TEL><CELL/><NUMBER>+1 425 555 0199</NUMBER></TEL></vCard></iq>",
                id: "v1")
            #expect(set.stanzaType == "result")
            let get = try await bob.request("<iq type='get' id='v2' to='alice@example.test'><vCard xmlns='vcard-temp'/></iq>", id: "v2")
            let tels = try #require(get.child("vCard", namespace: XMLNamespace.vcard)).children("TEL", namespace: XMLNamespace.vcard)
            #expect(tels.count == 2)
            #expect(tels.first?.child("WORK") != nil)
            #expect(tels.first?.child("NUMBER")?.text == "+1 425 555 0100")
            #expect(tels.last?.child("CELL") != nil)
            // Nobody else may set alice's vCard.
            let forged = try await bob.request("<iq type='set' id='v3' to='alice@example.test'><vCard xmlns='vcard-temp'><FN>X</FN></vCard></iq>", id: "v3")
            #expect(forged.stanzaType == "error")
            await alice.close()
            await bob.close()
        }
    }

    @Test func blockingStopsDeliveryUntilUnblocked() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            _ = try await alice.request("<iq type='get' id='bl0'><blocklist xmlns='urn:xmpp:blocking'/></iq>", id: "bl0")
            let block = try await alice.request(
                "<iq type='set' id='bl1'><block xmlns='urn:xmpp:blocking'><item jid='bob@example.test'/></block></iq>", id: "bl1")
            #expect(block.stanzaType == "result")
            let push = try await alice.next { $0.name == "iq" && $0.child("block", namespace: XMLNamespace.blocking) != nil }
            #expect(push.child("block")?.child("item")?[attribute: "jid"] == "bob@example.test")

            try await bob.send("<message to='alice@example.test' type='chat' id='x1'><body>let me in</body></message>")
            let bounced = try await bob.next { $0.name == "message" && $0.stanzaType == "error" }
            #expect(bounced.child("error")?.elements.first?.name == "service-unavailable")
            #expect(try await alice.nothing(within: .milliseconds(300)) { $0.name == "message" } == nil)

            // Alice cannot write to bob either, with the XEP-0191 error.
            try await alice.send("<message to='bob@example.test' type='chat' id='x2'><body>hi</body></message>")
            let refused = try await alice.next { $0.name == "message" && $0.stanzaType == "error" }
            #expect(refused.child("error")?.child("blocked", namespace: XMLNamespace.blockingErrors) != nil)

            let list = try await alice.request("<iq type='get' id='bl2'><blocklist xmlns='urn:xmpp:blocking'/></iq>", id: "bl2")
            #expect(list.child("blocklist")?.elements.map { $0[attribute: "jid"] } == ["bob@example.test"])

            _ = try await alice.request("<iq type='set' id='bl3'><unblock xmlns='urn:xmpp:blocking'><item jid='bob@example.test'/></unblock></iq>", id: "bl3")
            try await bob.send("<message to='alice@example.test' type='chat' id='x3'><body>thanks</body></message>")
            let delivered = try await alice.next { $0.name == "message" && $0.stanzaType == "chat" }
            #expect(delivered.child("body")?.text == "thanks")
            await alice.close()
            await bob.close()
        }
    }

    @Test func discoListsTheSupportedFeaturesAndPingAnswers() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let info = try await alice.request(
                "<iq type='get' id='d1' to='example.test'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", id: "d1")
            let features = Set(info.child("query")?.children("feature").compactMap { $0[attribute: "var"] } ?? [])
            for feature in ["jabber:iq:roster", "vcard-temp", "urn:xmpp:blocking", "urn:xmpp:ping", "jabber:iq:version", "msgoffline"] {
                #expect(features.contains(feature), "\(feature)")
            }
            #expect(!features.contains("jabber:iq:register"))
            let pong = try await alice.request("<iq type='get' id='p' to='example.test'><ping xmlns='urn:xmpp:ping'/></iq>", id: "p")
            #expect(pong.stanzaType == "result")
            let version = try await alice.request("<iq type='get' id='ver' to='example.test'><query xmlns='jabber:iq:version'/></iq>", id: "ver")
            #expect(version.child("query")?.child("name")?.text == "Communicator")
            await alice.close()
        }
    }

    @Test func inBandRegistrationOnlyWhenEnabled() async throws {
        try await withServer(configure: { $0.allowRegistration = true }) { server in
            let (client, features) = try await TestXMPPClient.connectWithTLS(port: server.port)
            #expect(features.child("register", namespace: XMLNamespace.registerFeature) != nil)
            let reply = try await client.request(
                "<iq type='set' id='reg1'><query xmlns='jabber:iq:register'><username>dave</username><password>dave-pw</password></query></iq>",
                id: "reg1")
            #expect(reply.stanzaType == "result")
            let taken = try await client.request(
                "<iq type='set' id='reg2'><query xmlns='jabber:iq:register'><username>alice</username><password>x</password></query></iq>",
                id: "reg2")
            #expect(taken.child("error")?.elements.first?.name == "conflict")
            await client.close()
            let dave = try await server.signIn("dave")
            #expect(dave.jid?.bare.description == "dave@example.test")
            await dave.close()
        }
        try await withServer { server in
            let (client, features) = try await TestXMPPClient.connectWithTLS(port: server.port)
            #expect(features.child("register", namespace: XMLNamespace.registerFeature) == nil)
            await client.close()
        }
    }
}
