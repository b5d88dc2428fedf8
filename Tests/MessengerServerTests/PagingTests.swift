import Foundation
import Testing
@testable import MessengerServer
import XMPPCore

@Suite("Pages: every device, offline, pager gateway, receipts (docs/protocol.md)")
struct PagingTests {
    static let pagerVCard =
        "<iq type='set' id='pv'><vCard xmlns='vcard-temp'><FN>Bob</FN><TEL><PAGER/><NUMBER>+1 425 555 0199</NUMBER></TEL></vCard></iq>"

    static func page(to user: String, id: String, body: String = "Call me") -> String {
        "<message to='\(address(user))' type='headline' id='\(id)'><body>\(body)</body><page xmlns='urn:xmpp:communicator:page:0'/></message>"
    }

    /// Publishes a vCard with a pager for `user` (and optionally a gateway) over a short-lived connection.
    static func enablePaging(_ user: String, on server: TestServer, webhook: String? = nil) async throws {
        let client = try await server.signIn(user, resource: "setup")
        let set = try await client.request(pagerVCard, id: "pv")
        #expect(set.stanzaType == "result")
        if let webhook {
            let stored = try await client.request(
                "<iq type='set' id='pg'><query xmlns='jabber:iq:private'><pager xmlns='urn:xmpp:communicator:pager:0' webhook='\(webhook)'/></query></iq>",
                id: "pg")
            #expect(stored.stanzaType == "result")
        }
        await client.close()
    }

    static func receipt(_ client: TestXMPPClient, id: String) async throws -> XMLElement {
        let message = try await client.next {
            $0.name == "message" && $0.child("page-receipt", namespace: XMLNamespace.page)?[attribute: "id"] == id
        }
        #expect(message[attribute: "from"] == address("bob"))
        #expect(message.stanzaType == "headline")
        return try #require(message.child("page-receipt", namespace: XMLNamespace.page))
    }

    @Test func aPageReachesEveryDeviceAndTheReceiptCountsThem() async throws {
        try await withServer { server in
            try await Self.enablePaging("bob", on: server)
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            let phone = try await server.online("bob", resource: "phone")
            let desk = try await server.online("bob", resource: "desk")
            try await alice.send(Self.page(to: "bob", id: "p1"))
            for device in [phone, desk] {
                let page = try await device.next { $0.name == "message" && $0.stanzaType == "headline" }
                #expect(page[attribute: "id"] == "p1")
                #expect(page[attribute: "from"] == "alice@example.test/test")
                #expect(page.child("body")?.text == "Call me")
                #expect(page.child("page", namespace: XMLNamespace.page) != nil)
            }
            let receipt = try await Self.receipt(alice, id: "p1")
            #expect(receipt[attribute: "devices"] == "2")
            #expect(receipt[attribute: "stored"] == "false")
            #expect(receipt[attribute: "gateway"] == "none")
            for client in [alice, phone, desk] { await client.close() }
        }
    }

    @Test func aPageToAnOfflineUserIsStoredAndDeliveredAtSignInWithADelay() async throws {
        try await withServer { server in
            try await Self.enablePaging("bob", on: server)
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            try await alice.send(Self.page(to: "bob", id: "p2", body: "while you were out"))
            let receipt = try await Self.receipt(alice, id: "p2")
            #expect(receipt[attribute: "devices"] == "0")
            #expect(receipt[attribute: "stored"] == "true")
            #expect(await server.storage.offlineCount(for: "bob") == 1)

            let bob = try await server.online("bob")
            let page = try await bob.next { $0.name == "message" }
            #expect(page.stanzaType == "headline")
            #expect(page.child("body")?.text == "while you were out")
            #expect(page.child("page", namespace: XMLNamespace.page) != nil)
            #expect(page.child("delay", namespace: XMLNamespace.delay)?[attribute: "from"] == "example.test")
            await alice.close()
            await bob.close()
        }
    }

    @Test func anOrdinaryHeadlineIsStillNotStored() async throws {
        try await withServer { server in
            try await Self.enablePaging("bob", on: server)
            let alice = try await server.online("alice")
            try await alice.send("<message to='bob@example.test' type='headline'><body>news</body></message>")
            try await alice.sync()
            #expect(await server.storage.offlineCount(for: "bob") == 0)
            await alice.close()
        }
    }

    @Test func aPageToSomeoneWithoutAPagerIsNotAcceptable() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            let carol = try await server.online("carol")
            try await alice.send(Self.page(to: "carol", id: "p3"))
            let error = try await alice.next { $0.name == "message" && $0.stanzaType == "error" }
            #expect(error[attribute: "id"] == "p3")
            #expect(error[attribute: "from"] == "carol@example.test")
            let details = try #require(error.child("error"))
            #expect(details.elements.first?.name == "not-acceptable")
            #expect(details.child("text", namespace: XMLNamespace.stanzaErrors)?.text == "carol@example.test has not enabled paging")
            #expect(try await carol.nothing(within: .milliseconds(300)) { $0.name == "message" } == nil)
            await alice.close()
            await carol.close()
        }
    }

    @Test func aPageToNobodyIsServiceUnavailable() async throws {
        try await withServer { server in
            let alice = try await server.online("alice")
            try await alice.send(Self.page(to: "nobody", id: "p4"))
            let error = try await alice.next { $0.name == "message" && $0.stanzaType == "error" }
            #expect(error[attribute: "id"] == "p4")
            #expect(error.child("error")?.elements.first?.name == "service-unavailable")
            await alice.close()
        }
    }

    @Test func theGatewayReceivesThePageAsJSON() async throws {
        let webhook = try await TestWebhookServer.start()
        try await withServer(configure: { $0.pagerWebhookHosts = ["127.0.0.1:\(webhook.port)"] }) { server in
            try await Self.enablePaging("bob", on: server, webhook: "http://127.0.0.1:\(webhook.port)/pages/bob?k=1")
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            let sentAt = Date()
            try await alice.send(Self.page(to: "bob", id: "p5", body: "Call me &quot;now&quot;"))
            let receipt = try await Self.receipt(alice, id: "p5")
            #expect(receipt[attribute: "gateway"] == "delivered")
            #expect(receipt[attribute: "stored"] == "true")

            let request = try #require(webhook.requests.first)
            #expect(webhook.requests.count == 1)
            #expect(request.method == "POST")
            #expect(request.uri == "/pages/bob?k=1")
            #expect(request.header("Content-Type") == "application/json")
            let prefix = #"{"from":"alice@example.test","to":"bob@example.test","body":"Call me \"now\"","sent":""#
            let suffix = #"","id":"p5"}"#
            #expect(request.body.hasPrefix(prefix))
            #expect(request.body.hasSuffix(suffix))
            let stamp = String(request.body.dropFirst(prefix.count).dropLast(suffix.count))
            let sent = try Date.ISO8601FormatStyle().parse(stamp)
            #expect(stamp.hasSuffix("Z"))
            #expect(abs(sent.timeIntervalSince(sentAt)) < 60)
            await alice.close()
        }
        await webhook.stop()
    }

    @Test func aGatewayOnAHostNotAllowedFailsWithoutARequest() async throws {
        let webhook = try await TestWebhookServer.start()
        try await withServer(configure: { $0.pagerWebhookHosts = ["pager.example.test"] }) { server in
            try await Self.enablePaging("bob", on: server, webhook: "http://127.0.0.1:\(webhook.port)/pages")
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            let bob = try await server.online("bob")
            try await alice.send(Self.page(to: "bob", id: "p6"))
            let receipt = try await Self.receipt(alice, id: "p6")
            #expect(receipt[attribute: "gateway"] == "failed")
            #expect(receipt[attribute: "devices"] == "1")
            _ = try await bob.next { $0.name == "message" && $0.stanzaType == "headline" }
            #expect(webhook.requests.isEmpty)
            await alice.close()
            await bob.close()
        }
        await webhook.stop()
    }

    @Test func anUnreachableGatewayFails() async throws {
        // A port nothing listens on: bind one, note it, close it.
        let closed = try await TestWebhookServer.start()
        let port = closed.port
        await closed.stop()
        try await withServer(configure: { $0.pagerWebhookHosts = ["127.0.0.1:\(port)"] }) { server in
            try await Self.enablePaging("bob", on: server, webhook: "http://127.0.0.1:\(port)/pages")
            try await server.befriend("alice", "bob")
            let alice = try await server.online("alice")
            try await alice.send(Self.page(to: "bob", id: "p7"))
            let receipt = try await Self.receipt(alice, id: "p7")
            #expect(receipt[attribute: "gateway"] == "failed")
            await alice.close()
        }
    }

    @Test(arguments: [
        ("http://pager.example.test/p", "http://pager.example.test/p"),
        ("HTTP://Pager.Example.Test:8080/a?b=c", "http://pager.example.test:8080/a?b=c"),
        ("http://10.0.0.1:80/x", "http://10.0.0.1/x"),
    ])
    func webhookAddressesThatParse(_ row: (String, String)) {
        #expect(PagerWebhookURL(row.0)?.description == row.1)
    }

    @Test(arguments: [
        "https://pager.example.test/p", "http://pager.example.test", "http://pager.example.test:0/p",
        "http://pager.example.test:99999/p", "http://user@host/p", "http://[::1]/p", "http:///p",
        "http://host/p#frag", "http://host/a b", "ftp://host/p", "http://host/" + String(repeating: "a", count: 600),
    ])
    func webhookAddressesThatDoNot(_ text: String) {
        #expect(PagerWebhookURL(text) == nil)
    }

    @Test(arguments: [
        ("pager.example.test", "pager.example.test:80"), ("Pager.Example.Test:8080", "pager.example.test:8080"),
        ("127.0.0.1:80", "127.0.0.1:80"),
    ])
    func allowListEntriesThatParse(_ row: (String, String)) {
        #expect(PagerWebhookURL.allowListEntry(row.0) == row.1)
    }

    @Test(arguments: ["", "pager.example.test:0", "pager.example.test:99999", "pager.example.test:", "http://pager.example.test/", "host/p", "[::1]:80", "user@host"])
    func allowListEntriesThatDoNot(_ text: String) {
        #expect(PagerWebhookURL.allowListEntry(text) == nil)
    }

    @Test func gatewayJSONEscapesControlCharacters() {
        let page = PagerGateway.Page(
            from: "a@d", to: "b@d", body: "tab\there\nline \\ \u{1}", sent: Date(timeIntervalSince1970: 0), id: "x")
        #expect(page.json == #"{"from":"a@d","to":"b@d","body":"tab\there\nline \\ \u0001","sent":"1970-01-01T00:00:00Z","id":"x"}"#)
    }
}
