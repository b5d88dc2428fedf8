import Foundation
import Logging
@testable import MessengerServer
import XMPPCore

/// Our server in-process on 127.0.0.1 port 0 with in-memory storage and a
/// self-signed certificate; stopped by the test.
struct TestServer {
    static let domain = "example.test"
    let server: XMPPServer
    let storage: InMemoryStorage
    let folder: URL

    var port: Int { server.listeningPort ?? 0 }

    static func start(
        users: [String: String] = ["alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"],
        configure: (inout XMPPServer.Configuration) -> Void = { _ in }
    ) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgr-test-\(UUID().uuidString)")
        let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: folder.path)
        var configuration = XMPPServer.Configuration(domain: domain, tls: try certificate.makeServerTLSConfiguration())
        configuration.c2sPort = 0
        configure(&configuration)
        let storage = InMemoryStorage()
        let accounts = AccountManager(storage: storage, sipRealm: domain)
        for (name, password) in users { try await accounts.create(name, password: password) }
        var logger = Logger(label: "test.server")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG"] == nil ? .critical : .debug
        let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
        try await server.start()
        return TestServer(server: server, storage: storage, folder: folder)
    }

    func signIn(_ user: String, resource: String? = "test", mechanism: String = "SCRAM-SHA-256") async throws -> TestXMPPClient {
        try await TestXMPPClient.signIn(port: port, user: user, password: "\(user)-pw", resource: resource, mechanism: mechanism)
    }

    /// Signs in and sends initial presence (and fetches the roster, so pushes arrive).
    func online(_ user: String, resource: String = "test") async throws -> TestXMPPClient {
        let client = try await signIn(user, resource: resource)
        _ = try await client.request("<iq type='get' id='r0'><query xmlns='jabber:iq:roster'/></iq>", id: "r0")
        try await client.send("<presence/>")
        // The server reflects it to its sender (RFC 6121 §4.2.2); taken here so
        // tests waiting for a contact's presence do not pick up their own.
        let own = client.jid?.description
        _ = try await client.next { $0.name == "presence" && $0[attribute: "from"] == own && $0.stanzaType == nil }
        // Available only once the server has processed it; otherwise a message
        // sent right after would (correctly) go to offline storage.
        try await client.sync()
        return client
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with a fresh server and always stops it.
func withServer(
    users: [String: String] = ["alice": "alice-pw", "bob": "bob-pw", "carol": "carol-pw"],
    configure: (inout XMPPServer.Configuration) -> Void = { _ in },
    _ body: (TestServer) async throws -> Void
) async throws {
    let server = try await TestServer.start(users: users, configure: configure)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

func address(_ user: String) -> String { "\(user)@\(TestServer.domain)" }
