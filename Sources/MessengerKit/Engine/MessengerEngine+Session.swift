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
        heldMessages = []
        heldPresence = nil
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

    /// Connects, reads, and reconnects until sign-out or the policy gives up.
    ///
    /// A drop of a stream the server lets us resume (XEP-0198) is first met
    /// by one immediate, silent attempt to resume it: the state machine is not
    /// told, so no status or presence event fires and windows and contacts
    /// stay as they are; messages sent meanwhile wait in the outbox. Only when
    /// that attempt fails does the state learn of the drop, and the usual
    /// path follows: contacts offline, back-off, a full resync on the new
    /// stream, then the old stream's unacknowledged messages sent again.
    private func runSession(generation: Int) async {
        heldMessages = []
        heldPresence = nil
        var failedAttempts = 0
        var hasSignedIn = false
        /// A dropped stream to resume on the next attempt; the state does not know of the drop yet.
        var resuming: StreamResumption?
        /// Resumes since a stream last stayed up for a while: a server that
        /// resumes and drops us again and again gets the ordinary, slower path.
        var quickResumes = 0
        while generation == sessionGeneration {
            var connectionConfiguration = configuration.connectionConfiguration(account: state.account)
            connectionConfiguration.resume = resuming
            let attemptedResume = resuming
            resuming = nil
            let connection = XMPPClientConnection(configuration: connectionConfiguration, logger: logger)
            do {
                try await connection.connect()
            } catch {
                guard generation == sessionGeneration else { return }
                if let attemptedResume {
                    // Not even a connection for the resume: now the drop shows.
                    hold(attemptedResume.unacked, first: true)
                    apply { $0.connectionLost() }
                    failedAttempts += 1
                    guard await waitBeforeRetry(attempt: failedAttempts, generation: generation) else { return }
                    continue
                }
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
            if connection.isResumed {
                logger.info("xmpp stream resumed")
                sendHeldMessages()
            } else {
                if attemptedResume != nil {
                    // The server would not resume: a new session, and the state learns of the drop.
                    hold(connection.unackedAfterFailedResume, first: true)
                    apply { $0.connectionLost() }
                }
                let firstTime = !hasSignedIn
                hasSignedIn = true
                apply { $0.connected(firstTime: firstTime) }
                if firstTime { startPhoneLine() }
                // `connected` published the current presence on the new session already.
                heldPresence = nil
                sendHeldMessages()
            }
            let connectedAt = ContinuousClock.now
            for await stanza in connection.stanzas {
                guard generation == sessionGeneration else { break }
                let now = Date()
                apply { $0.receive(stanza, now: now) }
            }
            guard generation == sessionGeneration else { return }
            // The stream ended without a sign-out: the network or the server dropped us.
            self.connection = nil
            if ContinuousClock.now - connectedAt > Self.stableConnection { quickResumes = 0 }
            let left = connection.resumption
            if let left, left.isResumable(), state.phase == .online, quickResumes < Self.maxQuickResumes {
                logger.info("xmpp connection lost; resuming")
                quickResumes += 1
                resuming = left
                continue
            }
            hold(left?.unacked ?? [], first: true)
            logger.info("xmpp connection lost; reconnecting")
            apply { $0.connectionLost() }
            failedAttempts += 1
            guard await waitBeforeRetry(attempt: failedAttempts, generation: generation) else { return }
        }
    }

    /// A stream that stayed up this long was not part of a drop-resume loop.
    static let stableConnection: Duration = .seconds(10)
    /// Immediate resumes allowed before a stream stays up `stableConnection`.
    static let maxQuickResumes = 3

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
