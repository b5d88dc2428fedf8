import Foundation
import Logging
import SIPUserAgent
import XMPPCore

/// The running client: owns the `ClientState`, the XMPP connection and the
/// event subscribers, and carries out what the state machine asks for.
///
/// Every API call and every inbound stanza is one turn on this actor: the
/// state changes, then its effects run in order — stanzas are queued on the
/// connection in that order, and events reach subscribers in that order.
/// Answers to requests come back as later turns, so the event an
/// asynchronous operation raises (R7) is delivered after its call returned.
actor MessengerEngine {
    let configuration: Messenger.Configuration
    let logger: Logger
    private(set) var state: ClientState
    let objects = ObjectTable()
    private let subscribers = StreamFanOut<MessengerEvent>(bufferingPolicy: .unbounded)
    /// Told after every turn that may have changed the state (`viewChanges`).
    /// Keeps only the newest signal, so a slow reader sees one, not a backlog.
    private let changeObservers = StreamFanOut<Void>(bufferingPolicy: .bufferingNewest(1))
    /// The live connection, while signed in.
    var connection: XMPPClientConnection?
    /// Bumped at every sign-out, so a session task that outlived it stops.
    var sessionGeneration = 0
    /// The SIP phone line while signed in; its value is nil when it failed to register.
    var phoneLine: Task<SIPUserAgent?, Never>?
    /// The keys last handed to `onKeysLearned`, so reconnects do not repeat them.
    var reportedKeys: SCRAMStoredKeys?
    /// Messages waiting for a stream (see `MessengerEngine+Outbox.swift`).
    var heldMessages: [XMLElement] = []
    /// The latest own presence set while no stream was up; sent with the held messages.
    var heldPresence: XMLElement?
    private var isShutDown = false

    init(configuration: Messenger.Configuration, account: JID, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        state = ClientState(
            account: account, hasStoredCredentials: configuration.hasCredentials, policy: configuration.policy)
        state.timeZone = configuration.timeZone
    }

    // MARK: Running API calls

    /// Reads the state; nothing changes, nothing is sent.
    func read<T: Sendable, Failure: Error>(_ body: @Sendable (ClientState) throws(Failure) -> T) throws(Failure) -> T {
        try body(state)
    }

    /// Runs one API call against the state and carries out its effects. A call
    /// that throws has no effects: a failed method raises no event (R7).
    func mutate<T: Sendable, Failure: Error>(_ body: @Sendable (inout ClientState) throws(Failure) -> T) throws(Failure) -> T {
        let value: T
        do {
            value = try body(&state)
        } catch {
            _ = state.takeEffects()
            throw error
        }
        runEffects()
        signalChange()
        return value
    }

    /// Applies something that happened (a stanza, an answer, a drop).
    func apply(_ body: (inout ClientState) -> Void) {
        body(&state)
        runEffects()
        signalChange()
    }

    private func runEffects() {
        for effect in state.takeEffects() {
            switch effect {
            case .send(let stanza):
                send(stanza)
            case .request(let iq, let purpose):
                enqueueRequest(iq, purpose)
            case .emit(let event):
                deliver(event)
            case .connect:
                startSession()
            case .disconnect:
                endSession()
            case .archive(let message):
                configuration.archive?.record(message)
            case .placeCall, .hangUpCall, .answerCall, .declineCall:
                runVoiceEffect(effect)
            }
        }
    }

    private func enqueueRequest(_ iq: XMLElement, _ purpose: PendingRequest) {
        guard let connection else {
            state.completed(purpose, .failed)
            runEffects()
            return
        }
        let generation = sessionGeneration
        do {
            try connection.enqueueRequest(iq, timeout: configuration.requestTimeout) { result in
                let outcome: RequestResult
                switch result {
                case .success(let reply): outcome = .result(reply)
                case .failure(let error as StanzaError): outcome = .error(error)
                case .failure: outcome = .failed
                }
                Task { await self.requestCompleted(purpose, outcome, generation: generation) }
            }
        } catch {
            state.completed(purpose, .failed)
            runEffects()
        }
    }

    private func requestCompleted(_ purpose: PendingRequest, _ result: RequestResult, generation: Int) {
        guard generation == sessionGeneration else { return }
        apply { $0.completed(purpose, result) }
    }

    // MARK: Events

    func subscribe() -> AsyncStream<MessengerEvent> {
        subscribers.makeStream()
    }

    private func deliver(_ event: ClientEvent) {
        subscribers.yield(objects.event(for: event, engine: self))
    }

    // MARK: Change signal

    /// A stream that yields after every turn that may have changed the state.
    func observeChanges() -> AsyncStream<Void> {
        changeObservers.makeStream()
    }

    private func signalChange() {
        changeObservers.yield(())
    }

    // MARK: Shutting down

    /// The `Messenger` object went away: sign out and end every event stream.
    func shutdown() async {
        guard !isShutDown else { return }
        if state.phase != .signedOut {
            _ = try? mutate { state throws(MessengerError) in try state.signout() }
        }
        isShutDown = true
        subscribers.finish()
        changeObservers.finish()
    }
}
