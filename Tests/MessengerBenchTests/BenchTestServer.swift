import Foundation
import Logging
import MessengerServer

/// Our server in-process on 127.0.0.1 port 0, in-memory storage, in-band
/// registration on; stopped by the test.
struct BenchTestServer {
    static let domain = "bench.test"
    let server: XMPPServer
    let folder: URL

    var port: Int { server.listeningPort ?? 0 }

    static func start(requireTLS: Bool, bindHost: String = "127.0.0.1") async throws -> BenchTestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("msgr-bench-\(UUID().uuidString)")
        let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: folder.path)
        var configuration = XMPPServer.Configuration(domain: domain, tls: try certificate.makeServerTLSConfiguration())
        configuration.c2sPort = 0
        configuration.bindHost = bindHost
        configuration.allowRegistration = true
        configuration.requireTLS = requireTLS
        var logger = Logger(label: "test.bench.server")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG"] == nil ? .critical : .debug
        let server = try XMPPServer(configuration: configuration, storage: InMemoryStorage(), logger: logger)
        do {
            try await server.start()
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        return BenchTestServer(server: server, folder: folder)
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}
