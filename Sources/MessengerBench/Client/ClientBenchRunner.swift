import Foundation
import Logging
import MessengerKit

/// Runs `msgr bench-client`: our server in-process with a big contact list,
/// the measured `Messenger` signing in again and again, then calls through
/// its automation socket. Everything it starts is stopped before `run` returns.
public struct ClientBenchRunner: Sendable {
    public let configuration: ClientBenchConfiguration
    let logger = Logger(label: "msgr.bench-client", factory: { _ in SwiftLogNoOpLogHandler() })

    public init(configuration: ClientBenchConfiguration) {
        self.configuration = configuration
    }

    var timeout: Duration { .seconds(configuration.timeoutSeconds) }

    public func run() async throws -> ClientBenchResult {
        try configuration.validate()
        let (folder, ownsFolder) = try makeFolder()
        defer { if ownsFolder { try? FileManager.default.removeItem(atPath: folder) } }

        let server = try await ClientBenchServer.start(folder: folder, logger: logger)
        let recorder = DeliveryRecorder()
        var contacts: OnlineContacts?
        do {
            let provisionStart = ContinuousClock.now
            configuration.progress("provisioning \(configuration.contacts) contacts in storage")
            try await server.provision(contacts: configuration.contacts)
            configuration.progress("signing in \(configuration.online) online contacts")
            contacts = try await OnlineContacts.signIn(count: configuration.online, server: server, recorder: recorder, logger: logger)
            let provisionSeconds = (ContinuousClock.now - provisionStart).seconds

            let messenger = try Messenger(configuration: server.messengerConfiguration(timeout: timeout), logger: logger)
            let watch = SigninWatch(events: await messenger.events())
            let signin = await measureSignins(messenger, watch: watch)
            var automation: ClientBenchResult.Automation?
            var delivery: ClientBenchResult.Delivery?
            // A failed measurement still signs out and stops the watch before it is rethrown.
            var measurementError: (any Error)?
            if watch.current.signin?.hr == .S_OK {
                do {
                    (automation, delivery) = try await measureAutomation(messenger, folder: folder, recorder: recorder)
                } catch {
                    measurementError = error
                }
            }
            try? await messenger.signout()
            watch.stop()
            if let measurementError { throw measurementError }
            await contacts?.disconnect()
            await server.stop()
            return ClientBenchResult(
                date: ISO8601DateFormatter().string(from: Date()),
                settings: .init(
                    contacts: configuration.contacts, online: configuration.online,
                    signins: configuration.signins, iterations: configuration.iterations),
                provisionSeconds: provisionSeconds, signin: signin, automation: automation, delivery: delivery)
        } catch {
            await contacts?.disconnect()
            await server.stop()
            throw error
        }
    }

    /// The given folder, or a fresh short one under /tmp that `run` removes.
    private func makeFolder() throws -> (String, Bool) {
        if let folder = configuration.folder {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return (folder, false)
        }
        let folder = "/tmp/msgr-cb-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return (folder, true)
    }
}

extension Duration {
    /// Milliseconds as a `Double` (`seconds` is in BenchRunner+Login.swift).
    var milliseconds: Double { seconds * 1000 }
}
