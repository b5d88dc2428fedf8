import Logging
import MessengerAutomation
import MessengerKit

/// A running Communicator: one `Messenger` and the automation endpoint that
/// lets other programs drive it. Shared by `msgr client` and `msgr demo`.
struct CommunicatorInstance: Sendable {
    let messenger: Messenger
    let endpoint: AutomationEndpoint
    let reconnectPolicy: ReconnectPolicy
    let logger: Logger

    init(configuration: Messenger.Configuration, socketPath: String, logger: Logger) throws {
        messenger = try Messenger(configuration: configuration, logger: logger)
        endpoint = AutomationEndpoint(messenger: messenger, socketPath: socketPath, logger: logger)
        reconnectPolicy = configuration.reconnectPolicy
        self.logger = logger
    }

    /// Binds the socket; fails when another running client holds it.
    func openEndpoint() async throws {
        do {
            try await endpoint.start()
        } catch {
            throw CLIError("cannot open the automation socket \(endpoint.socketPath) (is another client running?): \(error)")
        }
    }

    /// `AutoSignin`, then the outcome of that first attempt (the `OnSignin` code).
    func signIn() async throws -> HRESULT {
        let events = await messenger.events()
        try await messenger.autoSignin()
        for await event in events {
            if case .signin(let hr) = event { return hr }
        }
        return .E_FAIL
    }

    /// Sign-in failures that retrying cannot fix: the credentials or the server are wrong.
    static func isPermanent(_ hr: HRESULT) -> Bool {
        hr == .MSGR_E_INVALID_PASSWORD || hr == .MSGR_E_SERVER_VERSION || hr == .MSGR_E_INVALID_SERVER_NAME
    }

    /// Signs in again, with the reconnect policy's back-off, after sign-ins
    /// that failed for reasons that may pass (network, server down). Once
    /// signed in, the engine's own reconnect handles drops.
    func retryFailedSignins() async -> Task<Void, Never> {
        let events = await messenger.events()
        return Task { [messenger, reconnectPolicy, logger] in
            var attempt = 0
            for await event in events {
                guard case .signin(let hr) = event else { continue }
                guard hr.isFailure, !Self.isPermanent(hr) else {
                    attempt = 0
                    continue
                }
                attempt += 1
                guard let delay = reconnectPolicy.delay(forAttempt: attempt) else {
                    logger.error("sign-in abandoned", metadata: ["msgr.hresult": "\(MessengerError(hr))"])
                    return
                }
                logger.warning(
                    "sign-in failed; retrying",
                    metadata: ["msgr.hresult": "\(MessengerError(hr))", "msgr.retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
                if Task.isCancelled { return }
                try? await messenger.autoSignin()
            }
        }
    }

    /// Closes the socket, then signs out and waits (briefly) until the stream is closed.
    func stop() async {
        await endpoint.stop()
        guard (try? await messenger.signout()) != nil else { return }
        let deadline = ContinuousClock.now + .seconds(5)
        while await messenger.myStatus != .offline, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
