import Foundation
import Logging
import MessengerAutomation
import MessengerKit

/// An automation endpoint on a fresh socket in a fresh private folder,
/// serving `messenger`; `stop()` closes it and removes the folder.
struct EndpointFixture {
    let endpoint: AutomationEndpoint
    let folder: URL

    var socketPath: String { endpoint.socketPath }

    static func start(_ messenger: Messenger, limits: AutomationEndpoint.Limits = .init()) async throws -> EndpointFixture {
        // Short: a Unix socket path must fit in 108 bytes.
        let folder = URL(fileURLWithPath: "/tmp/msgr-\(UUID().uuidString.prefix(8))")
        var logger = Logger(label: "test.automation")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG"] == nil ? .critical : .debug
        let endpoint = AutomationEndpoint(
            messenger: messenger, socketPath: folder.appendingPathComponent("run/automation.sock").path, limits: limits,
            logger: logger)
        try await endpoint.start()
        return EndpointFixture(endpoint: endpoint, folder: folder)
    }

    func connect() async throws -> SocketLineClient {
        try await SocketLineClient.connect(socketPath)
    }

    func stop() async {
        await endpoint.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A messenger that is not signed in and never will be (nothing listens on its port).
func signedOutMessenger() throws -> Messenger {
    var configuration = Messenger.Configuration(signinName: "alice@example.test", password: nil)
    configuration.host = "127.0.0.1"
    configuration.port = 9
    return try Messenger(configuration: configuration)
}

/// Runs `body` with an endpoint for a signed-out messenger and always stops it.
func withSignedOutEndpoint(_ body: (EndpointFixture, SocketLineClient) async throws -> Void) async throws {
    let fixture = try await EndpointFixture.start(try signedOutMessenger())
    do {
        let client = try await fixture.connect()
        try await body(fixture, client)
        await client.close()
    } catch {
        await fixture.stop()
        throw error
    }
    await fixture.stop()
}
