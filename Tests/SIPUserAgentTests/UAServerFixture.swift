import Foundation
import Logging
@testable import MessengerServer
import NIOCore
import SIPCore
import SIPTransport
import SIPUserAgent
import Testing

/// Short RFC 3261 timers (T1 = 50 ms, so 64·T1 = 3.2 s) for server and user agents.
let uaTestTimers = TransactionTimers(t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(200))

let uaTestDomain = "example.test"

/// Our server in-process: in-memory storage with alice, bob and carol
/// (password `<user>-pw`), SIP on 127.0.0.1 port 0.
struct UAServer {
    let server: XMPPServer
    let sipPort: Int
    let folder: URL

    var sipAddress: SIPTransportAddress {
        get throws { SIPTransportAddress(.udp, try SocketAddress(ipAddress: "127.0.0.1", port: sipPort)) }
    }
}

/// Runs `body` with a fresh server and always stops it. `bobsWorkNumber`
/// puts `+1 (425) 555-0100` in bob's vCard before SIP starts, so the
/// server's number index (rebuilt from storage at start) routes it to bob.
func withUAServer(
    gateway: SIPURI? = nil, bobsWorkNumber: Bool = false, timers: TransactionTimers = uaTestTimers,
    _ body: (UAServer) async throws -> Void
) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgr-ua-test-\(UUID().uuidString)")
    let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: uaTestDomain, dataFolder: folder.path)
    var configuration = XMPPServer.Configuration(domain: uaTestDomain, tls: try certificate.makeServerTLSConfiguration())
    configuration.c2sPort = 0
    configuration.sipPort = 0
    configuration.sipTimers = timers
    configuration.sipGateway = gateway
    let storage = InMemoryStorage()
    let accounts = AccountManager(storage: storage, iterations: 4096, sipRealm: uaTestDomain)
    for user in ["alice", "bob", "carol"] { try await accounts.create(user, password: "\(user)-pw") }
    if bobsWorkNumber {
        let vCard = "<vCard xmlns=\"vcard-temp\"><FN>Bob</FN><TEL><WORK/><VOICE/><NUMBER>+1 (425) 555-0100</NUMBER></TEL></vCard>"
        try await storage.setVCard(vCard, of: "bob")
    }
    var logger = Logger(label: "test.server")
    logger.logLevel = .critical
    let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
    try await server.start()
    let fixture = UAServer(server: server, sipPort: server.sipPort ?? 0, folder: folder)
    do {
        try await body(fixture)
    } catch {
        await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
        throw error
    }
    await server.shutdown()
    try? FileManager.default.removeItem(at: folder)
}
