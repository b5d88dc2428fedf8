import Foundation
import Logging
import MessengerKit
@testable import MessengerServer
@testable import MessengerWeb
import XMPPCore

/// Our XMPP server in-process on 127.0.0.1 port 0 (in-memory storage), a
/// signed-in `Messenger` for alice, and the web UI in front of it on port 0.
struct WebFixture {
    static let domain = "example.test"
    let server: XMPPServer
    let folder: URL
    let messenger: Messenger
    let web: WebUIServer

    var port: Int { web.port }
    var token: String { web.token.value }
    var origin: String { "http://127.0.0.1:\(port)" }

    static func start() async throws -> WebFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgrweb-test-\(UUID().uuidString)")
        let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: folder.path)
        var configuration = XMPPServer.Configuration(domain: domain, tls: try certificate.makeServerTLSConfiguration())
        configuration.c2sPort = 0
        let storage = InMemoryStorage()
        let accounts = AccountManager(storage: storage)
        for name in ["alice", "bob"] { try await accounts.create(name, password: "\(name)-pw") }
        var logger = Logger(label: "test.web")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG"] == nil ? .critical : .debug
        let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
        try await server.start()

        var client = Messenger.Configuration(signinName: "alice@\(domain)", password: "alice-pw")
        client.host = "127.0.0.1"
        client.port = server.listeningPort ?? 0
        client.tlsTrust = .certificate(.pem(certificate.certificateChainPEM))
        client.signinTimeout = .seconds(60)  // the whole suite shares two cores
        let messenger = try Messenger(configuration: client, logger: logger)
        let events = await messenger.events()
        try await messenger.autoSignin()
        for await event in events {
            if case .myStatusChange(_, .online) = event { break }
        }
        let web = WebUIServer(messenger: messenger, port: 0, token: .random(), logger: logger)
        try await web.start()
        return WebFixture(server: server, folder: folder, messenger: messenger, web: web)
    }

    func stop() async {
        await web.stop()
        try? await messenger.signout()
        await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with a fresh fixture and always stops it.
func withWebFixture(_ body: (WebFixture) async throws -> Void) async throws {
    let fixture = try await WebFixture.start()
    do {
        try await body(fixture)
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
