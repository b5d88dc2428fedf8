import Foundation
import XMPPCore

/// The connection underneath a signed-in client: connect, read stanzas,
/// and reconnect with back-off when the network drops.
extension MessengerEngine {
    func startSession() {
        sessionGeneration += 1
        let generation = sessionGeneration
        Task { await self.runSession(generation: generation) }
    }

    /// `Signout`: unavailable presence, close the stream, then `OnMyStatusChange(OFFLINE)`.
    func endSession() {
        sessionGeneration += 1
        stopPhoneLine()
        let closing = connection
        connection = nil
        Task {
            if let closing {
                try? closing.enqueue(XMLElement(name: "presence", namespace: XMLNamespace.client, attributes: ["type": "unavailable"]))
                await closing.disconnect()
            }
            self.apply { $0.signoutCompleted() }
        }
    }

    private func runSession(generation: Int) async {
        var failedAttempts = 0
        var hasSignedIn = false
        while generation == sessionGeneration {
            let connection = XMPPClientConnection(
                configuration: configuration.connectionConfiguration(account: state.account), logger: logger)
            do {
                try await connection.connect()
            } catch {
                guard generation == sessionGeneration else { return }
                let failure = error as? XMPPClientError ?? XMPPClientError(.closed, "\(error)")
                if !hasSignedIn {
                    apply { $0.signinFailed(SigninFailure.hresult(for: failure)) }
                    return
                }
                failedAttempts += 1
                guard await waitBeforeRetry(attempt: failedAttempts, generation: generation) else { return }
                continue
            }
            guard generation == sessionGeneration else {
                await connection.disconnect()
                return
            }
            self.connection = connection
            reportLearnedKeys(connection.learnedKeys)
            failedAttempts = 0
            let firstTime = !hasSignedIn
            hasSignedIn = true
            apply { $0.connected(firstTime: firstTime) }
            if firstTime { startPhoneLine() }
            for await stanza in connection.stanzas {
                guard generation == sessionGeneration else { break }
                let now = Date()
                apply { $0.receive(stanza, now: now) }
            }
            guard generation == sessionGeneration else { return }
            // The stream ended without a sign-out: the network or the server dropped us.
            self.connection = nil
            logger.info("xmpp connection lost; reconnecting")
            apply { $0.connectionLost() }
            failedAttempts += 1
            guard await waitBeforeRetry(attempt: failedAttempts, generation: generation) else { return }
        }
    }

    private func reportLearnedKeys(_ keys: SCRAMStoredKeys?) {
        guard let keys, keys != reportedKeys else { return }
        reportedKeys = keys
        configuration.onKeysLearned?(keys)
    }

    /// Sleeps for the reconnect policy's delay; false when the policy gave up
    /// (the client then signs out) or a sign-out happened meanwhile.
    private func waitBeforeRetry(attempt: Int, generation: Int) async -> Bool {
        guard let delay = configuration.reconnectPolicy.delay(forAttempt: attempt, unitRandom: Double.random(in: 0...1)) else {
            apply { $0.reconnectAbandoned() }
            stopPhoneLine()
            return false
        }
        try? await Task.sleep(for: delay)
        return generation == sessionGeneration
    }
}

/// Which `OnSignin` code a failed connection attempt reports (§4.2).
enum SigninFailure {
    static func hresult(for error: XMPPClientError) -> HRESULT {
        switch error.code {
        case .authenticationFailed: .MSGR_E_INVALID_PASSWORD
        case .connectionRefused, .unreachable, .tlsFailure, .serverNotVerified: .MSGR_E_CONNECT
        case .negotiationTimeout, .requestTimeout: .MSGR_E_LOGON_TIMEOUT
        case .startTLSNotOffered, .noSupportedMechanism: .MSGR_E_SERVER_VERSION
        case .streamError: error.streamError?.condition == .hostUnknown ? .MSGR_E_INVALID_SERVER_NAME : .MSGR_E_SERVER_UNAVAILABLE
        case .invalidConfiguration: .MSGR_E_INVALID_SERVER_NAME
        default: .MSGR_E_UNEXPECTED
        }
    }
}
