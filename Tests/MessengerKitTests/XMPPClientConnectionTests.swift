import Foundation
import MessengerKit
@testable import MessengerServer
import Testing
import XMPPCore

/// The client against our own server over real sockets and TLS.
@Suite("XMPPClientConnection (live)")
struct XMPPClientConnectionTests {
    @Test("connects and binds with each SASL mechanism", arguments: XMPPClientConnection.SASLMechanism.allCases)
    func connectWithEachMechanism(mechanism: XMPPClientConnection.SASLMechanism) async throws {
        try await withLiveServer { server in
            var configuration = try server.configuration("alice", resource: "desk")
            configuration.mechanisms = [mechanism]
            let connection = XMPPClientConnection(configuration: configuration)
            try await connection.connect()
            #expect(connection.boundJID == (try JID("alice@example.test/desk")))
            #expect(connection.state == .connected(try JID("alice@example.test/desk")))
            await connection.disconnect()
        }
    }

    @Test("without a resource the server assigns one")
    func serverAssignedResource() async throws {
        try await withLiveServer { server in
            let connection = try await server.connect("bob", resource: nil)
            let bound = try #require(connection.boundJID)
            #expect(bound.bare == (try JID("bob@example.test")))
            #expect(bound.resourcepart?.isEmpty == false)
            await connection.disconnect()
        }
    }

    @Test("a wrong password is an authentication error with not-authorized")
    func wrongPassword() async throws {
        try await withLiveServer { server in
            let connection = XMPPClientConnection(configuration: try server.configuration("alice", password: "wrong"))
            let error = await #expect(throws: XMPPClientError.self) { try await connection.connect() }
            #expect(error?.code == .authenticationFailed)
            #expect(error?.saslCondition == .notAuthorized)
            #expect(connection.state == .disconnected(reason: error))
        }
    }

    @Test("a server whose certificate is not the trusted one fails TLS")
    func untrustedCertificate() async throws {
        try await withLiveServer { server in
            let otherFolder = FileManager.default.temporaryDirectory.appendingPathComponent("msgrkit-other-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: otherFolder) }
            let other = try ServerCertificate.loadOrCreateSelfSigned(domain: LiveServer.domain, dataFolder: otherFolder.path)
            var configuration = try server.configuration("alice")
            configuration.tlsTrust = .certificate(.pem(other.certificateChainPEM))
            let connection = XMPPClientConnection(configuration: configuration)
            let error = await #expect(throws: XMPPClientError.self) { try await connection.connect() }
            #expect(error?.code == .tlsFailure)
        }
    }

    @Test("the system trust store rejects a self-signed certificate; .insecure accepts it")
    func systemTrustAndInsecure() async throws {
        try await withLiveServer { server in
            var configuration = try server.configuration("alice")
            configuration.tlsTrust = .system
            let strict = XMPPClientConnection(configuration: configuration)
            let error = await #expect(throws: XMPPClientError.self) { try await strict.connect() }
            #expect(error?.code == .tlsFailure)

            configuration.tlsTrust = .insecure
            let lax = XMPPClientConnection(configuration: configuration)
            try await lax.connect()
            #expect(lax.boundJID != nil)
            await lax.disconnect()
        }
    }

    @Test("nothing listening is connection refused")
    func connectionRefused() async throws {
        // Start and stop a server to get a port that was just free.
        let server = try await LiveServer.start()
        let configuration = try server.configuration("alice")
        await server.stop()
        let connection = XMPPClientConnection(configuration: configuration)
        let states = Collector(connection.stateUpdates)
        let error = await #expect(throws: XMPPClientError.self) { try await connection.connect() }
        #expect(error?.code == .connectionRefused)
        #expect(await states.waitUntilFinished())
        #expect(await states.received == [.disconnected(reason: error)])
    }

    @Test("request round trips: ping to the server and roster get")
    func requests() async throws {
        try await withLiveServer { server in
            let connection = try await server.connect("alice")
            let pong = try await connection.request(XMLElement(
                name: "iq", attributes: ["type": "get", "to": LiveServer.domain],
                children: [.element(XMLElement(name: "ping", namespace: XMLNamespace.ping))]))
            #expect(pong[attribute: "type"] == "result")
            #expect(pong[attribute: "from"] == LiveServer.domain)

            let roster = try await connection.request(XMLElement(
                name: "iq", attributes: ["type": "get", "id": "roster-1"],
                children: [.element(XMLElement(name: "query", namespace: XMLNamespace.roster))]))
            #expect(roster[attribute: "id"] == "roster-1")
            #expect(roster[attribute: "type"] == "result")
            #expect(roster.child("query", namespace: XMLNamespace.roster)?.elements == [])
            await connection.disconnect()
        }
    }

    @Test("an error reply is thrown as the StanzaError")
    func errorReply() async throws {
        try await withLiveServer { server in
            let connection = try await server.connect("alice")
            let error = await #expect(throws: StanzaError.self) {
                try await connection.request(XMLElement(
                    name: "iq", attributes: ["type": "get", "to": LiveServer.domain],
                    children: [.element(XMLElement(name: "query", namespace: "urn:example:nothing"))]))
            }
            #expect(error == StanzaError(.serviceUnavailable, text: "no such service here"))
            await connection.disconnect()
        }
    }

    @Test("two clients exchange a chat message through stanzas")
    func chat() async throws {
        try await withLiveServer { server in
            let alice = try await server.connect("alice")
            let bob = try await server.connect("bob")
            let bobInbox = Collector(bob.stanzas)
            var message = XMLElement(
                name: "message", attributes: ["to": "bob@example.test/kit", "type": "chat", "id": "m1"])
            message.append(XMLElement(name: "body", namespace: XMLNamespace.client, text: "Hello <Bob> & co"))
            try await alice.send(message)

            let received = await bobInbox.first { $0.name == "message" }
            #expect(received?[attribute: "from"] == "alice@example.test/kit")
            #expect(received?[attribute: "type"] == "chat")
            #expect(received?.child("body")?.text == "Hello <Bob> & co")
            await alice.disconnect()
            await bob.disconnect()
        }
    }

    @Test("a ping from another entity is answered automatically and not delivered")
    func automaticPing() async throws {
        try await withLiveServer { server in
            let alice = try await server.connect("alice")
            let bob = try await server.connect("bob")
            let bobInbox = Collector(bob.stanzas)
            // Alice pings Bob's full JID: Bob's connection answers by itself.
            let pong = try await alice.request(XMLElement(
                name: "iq", attributes: ["type": "get", "to": "bob@example.test/kit"],
                children: [.element(XMLElement(name: "ping", namespace: XMLNamespace.ping))]))
            #expect(pong[attribute: "type"] == "result")
            #expect(pong[attribute: "from"] == "bob@example.test/kit")
            #expect(await bobInbox.first(within: .milliseconds(200)) { _ in true } == nil)
            await alice.disconnect()
            await bob.disconnect()
        }
    }

    @Test("unhandled iq requests can be refused automatically with service-unavailable")
    func refusedRequests() async throws {
        try await withLiveServer { server in
            let alice = try await server.connect("alice")
            var bobConfiguration = try server.configuration("bob")
            bobConfiguration.iqRequests = .deliver(namespaces: [XMLNamespace.version])
            let bob = XMPPClientConnection(configuration: bobConfiguration)
            try await bob.connect()
            let bobInbox = Collector(bob.stanzas)

            let refusal = await #expect(throws: StanzaError.self) {
                try await alice.request(XMLElement(
                    name: "iq", attributes: ["type": "get", "to": "bob@example.test/kit"],
                    children: [.element(XMLElement(name: "query", namespace: "urn:example:unknown"))]))
            }
            #expect(refusal?.condition == .serviceUnavailable)

            // A listed namespace reaches the reader, who answers it.
            async let answer = alice.request(XMLElement(
                name: "iq", attributes: ["type": "get", "to": "bob@example.test/kit", "id": "v1"],
                children: [.element(XMLElement(name: "query", namespace: XMLNamespace.version))]))
            let delivered = try #require(await bobInbox.first { $0.name == "iq" })
            #expect(delivered[attribute: "id"] == "v1")
            #expect(delivered[attribute: "from"] == "alice@example.test/kit")
            try await bob.send(XMLElement(
                name: "iq", attributes: ["type": "result", "id": "v1", "to": "alice@example.test/kit"]))
            #expect(try await answer[attribute: "type"] == "result")
            await alice.disconnect()
            await bob.disconnect()
        }
    }

    @Test("server shutdown is reported on stateUpdates with the reason; pending requests fail")
    func serverShutdown() async throws {
        let server = try await LiveServer.start()
        let connection = try await server.connect("alice")
        let states = Collector(connection.stateUpdates)
        let stanzas = Collector(connection.stanzas)
        await server.stop()
        let drop = await states.first { if case .disconnected = $0 { true } else { false } }
        guard case .disconnected(let reason) = drop else {
            Issue.record("no disconnect reported")
            return
        }
        #expect(reason?.code == .closed)
        #expect(await stanzas.waitUntilFinished())
        let error = await #expect(throws: XMPPClientError.self) {
            try await connection.send(XMLElement(name: "presence"))
        }
        #expect(error?.code == .notConnected)
    }

    @Test("disconnect is clean: state without reason, streams finish, later calls say not connected")
    func cleanDisconnect() async throws {
        try await withLiveServer { server in
            let alice = try await server.connect("alice")
            let states = Collector(alice.stateUpdates)
            let stanzas = Collector(alice.stanzas)
            await alice.disconnect()
            #expect(alice.state == .disconnected(reason: nil))
            #expect(await states.first { $0 == .disconnected(reason: nil) } != nil)
            #expect(await stanzas.waitUntilFinished())
            await alice.disconnect()  // twice is harmless
            let error = await #expect(throws: XMPPClientError.self) {
                try await alice.request(XMLElement(name: "iq", attributes: ["type": "get"]))
            }
            #expect(error?.code == .notConnected)
        }
    }

    @Test("a request without an answer times out")
    func requestTimeout() async throws {
        try await withLiveServer { server in
            let alice = try await server.connect("alice")
            let bob = try await server.connect("bob")
            // Bob gets the request (delivered to his reader) but nobody answers.
            let error = await #expect(throws: XMPPClientError.self) {
                try await alice.request(
                    XMLElement(
                        name: "iq", attributes: ["type": "get", "to": "bob@example.test/kit"],
                        children: [.element(XMLElement(name: "query", namespace: XMLNamespace.version))]),
                    timeout: .milliseconds(300))
            }
            #expect(error?.code == .requestTimeout)
            await alice.disconnect()
            await bob.disconnect()
        }
    }
}

@Suite("XMPPClientConnection limits (live)")
struct XMPPClientConnectionLimitTests {
    @Test("an inbound stanza over the size limit closes the connection with a protocol violation")
    func oversizedStanza() async throws {
        try await withLiveServer { server in
            var configuration = try server.configuration("alice")
            configuration.xmlLimits.maxStanzaBytes = 1024
            let alice = XMPPClientConnection(configuration: configuration)
            try await alice.connect()
            let states = Collector(alice.stateUpdates)
            let bob = try await server.connect("bob")
            try await bob.send(XMLElement(
                name: "message", attributes: ["to": "alice@example.test/kit", "type": "chat"],
                children: [.element(XMLElement(name: "body", namespace: XMLNamespace.client, text: String(repeating: "x", count: 2000)))]))
            let drop = await states.first { if case .disconnected = $0 { true } else { false } }
            guard case .disconnected(let reason) = drop else {
                Issue.record("no disconnect reported")
                return
            }
            #expect(reason?.code == .protocolViolation)
            #expect(reason?.message.contains("policy-violation") == true)
            await bob.disconnect()
        }
    }
}
