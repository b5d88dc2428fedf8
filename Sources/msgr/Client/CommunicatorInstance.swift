import Logging
import MessengerAutomation
import MessengerKit
import MessengerWeb

/// A running Communicator: one `Messenger`, the automation endpoint that
/// lets other programs drive it, and its web UI. Shared by `msgr client` and `msgr demo`.
struct CommunicatorInstance: Sendable {
    let messenger: Messenger
    let endpoint: AutomationEndpoint
    /// nil with `--no-web`.
    let web: WebUIServer?
    let reconnectPolicy: ReconnectPolicy
    let logger: Logger

    init(configuration: Messenger.Configuration, socketPath: String, web: WebOptions, dataFolder: String, logger: Logger) throws {
        messenger = try Messenger(configuration: configuration, logger: logger)
        endpoint = AutomationEndpoint(messenger: messenger, socketPath: socketPath, logger: logger)
        if web.noWeb {
            self.web = nil
        } else {
            // Kept in the data folder so an open page reconnects after a restart.
            let token = try WebToken.loadOrCreate(inFolder: dataFolder)
            self.web = WebUIServer(messenger: messenger, port: web.webPort, token: token, logger: logger)
        }
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

    /// Starts the web UI; fails with a readable message when its port is taken.
    func openWeb() async throws {
        guard let web else { return }
        do {
            try await web.start()
        } catch {
            throw CLIError("cannot serve the web UI: \(error)")
        }
    }

    /// The line that tells where the web UI is, or nil without one.
    var webLine: String? {
        web.map { "web:     \($0.url)" }
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

    /// Closes the web UI and the socket, then signs out and waits (briefly)
    /// until the stream is closed.
    func stop() async {
        await web?.stop()
        await endpoint.stop()
        guard (try? await messenger.signout()) != nil else { return }
        let deadline = ContinuousClock.now + .seconds(5)
        while await messenger.myStatus != .offline, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
