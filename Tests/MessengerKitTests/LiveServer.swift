import Foundation
import Logging
import MessengerKit
@testable import MessengerServer
import XMPPCore

/// Our server in-process on 127.0.0.1, port 0, with in-memory storage and a
/// fresh self-signed certificate for `example.test`.
struct LiveServer {
    static let domain = "example.test"
    let server: XMPPServer
    let certificate: ServerCertificate
    let folder: URL

    var port: Int { server.listeningPort ?? 0 }

    /// The SIP registrar and proxy's port, when started with `sip: true`.
    var sipPort: Int? { server.sipPort }

    static func start(
        users: [String: String] = ["alice": "alice-pw", "bob": "bob-pw"], sip: Bool = false,
        configure: (inout XMPPServer.Configuration) -> Void = { _ in }
    ) async throws -> LiveServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgrkit-test-\(UUID().uuidString)")
        let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: folder.path)
        var configuration = XMPPServer.Configuration(domain: domain, tls: try certificate.makeServerTLSConfiguration())
        configuration.c2sPort = 0
        if sip { configuration.sipPort = 0 }
        configure(&configuration)
        let storage = InMemoryStorage()
        let accounts = AccountManager(storage: storage, sipRealm: domain)
        for (name, password) in users { try await accounts.create(name, password: password) }
        var logger = Logger(label: "test.server")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG"] == nil ? .critical : .debug
        let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
        try await server.start()
        return LiveServer(server: server, certificate: certificate, folder: folder)
    }

    /// A client configuration for `user` that trusts exactly this server's certificate.
    func configuration(
        _ user: String, resource: String? = "kit", password: String? = nil
    ) throws -> XMPPClientConnection.Configuration {
        let jid = try JID(localpart: user, domainpart: Self.domain, resourcepart: resource)
        var configuration = XMPPClientConnection.Configuration(jid: jid, password: password ?? "\(user)-pw")
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.tlsTrust = .certificate(.pem(certificate.certificateChainPEM))
        configuration.negotiationTimeout = .seconds(30)
        return configuration
    }

    /// A connected client for `user`.
    func connect(_ user: String, resource: String? = "kit") async throws -> XMPPClientConnection {
        let connection = XMPPClientConnection(configuration: try configuration(user, resource: resource))
        try await connection.connect()
        return connection
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// Runs `body` with a fresh server and always stops it.
func withLiveServer(_ body: (LiveServer) async throws -> Void) async throws {
    let server = try await LiveServer.start()
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// Reads an AsyncStream from one task and keeps what arrived, so tests can
/// wait for a matching element with a timeout without cancelling the stream
/// (cancelling a reader of an AsyncStream ends the stream).
actor Collector<Element: Sendable> {
    private(set) var received: [Element] = []
    private(set) var finished = false

    init(_ stream: AsyncStream<Element>) {
        Task { [weak self] in
            for await element in stream { await self?.append(element) }
            await self?.finish()
        }
    }

    private func append(_ element: Element) { received.append(element) }
    private func finish() { finished = true }

    /// The first element (kept or future) matching `predicate`, or nil after `timeout`.
    func first(within timeout: Duration = .seconds(30), where predicate: (Element) -> Bool) async -> Element? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = received.first(where: predicate) { return match }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return received.first(where: predicate)
    }

    /// Waits until the stream has finished; false after `timeout`.
    func waitUntilFinished(within timeout: Duration = .seconds(30)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !finished, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return finished
    }
}
