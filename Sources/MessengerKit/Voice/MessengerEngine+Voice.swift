import Foundation
import Logging
import NIOCore
import SIPCore
import SIPTransport
import SIPUserAgent
import XMPPCore

/// The engine's phone line: a SIP user agent registered while the client is
/// signed in. It carries out the call effects of the state machine and
/// reports calls back as state changes.
extension MessengerEngine {
    /// Registers the phone line after the first sign-in of a session.
    func startPhoneLine() {
        guard phoneLine == nil, let voice = configuration.voice else { return }
        guard configuration.password != nil || voice.storedSecret != nil else {
            logger.warning("phone line not started: registering needs the password or a stored digest secret")
            return
        }
        let agent: SIPUserAgent
        do {
            agent = try Self.makeUserAgent(voice, account: state.account, password: configuration.password, logger: logger)
        } catch {
            logger.warning("phone line not started", metadata: ["error": "\(error)"])
            return
        }
        phoneLine = Task {
            do {
                try await agent.start()
                return agent
            } catch {
                self.logger.warning("phone line did not register", metadata: ["error": "\(error)"])
                await agent.stop()
                return nil
            }
        }
        Task { await self.followPhoneLine(agent) }
    }

    /// Ends every call, unregisters and closes the line.
    func stopPhoneLine() {
        guard let line = phoneLine else { return }
        phoneLine = nil
        Task { await line.value?.stop() }
    }

    func runVoiceEffect(_ effect: ClientEffect) {
        switch effect {
        case .placeCall(let attempt, let target):
            placeCall(attempt: attempt, target: target)
        case .hangUpCall(let id):
            withPhoneLine { await $0.hangUp(SIPCallID(id)) }
        case .answerCall(let id):
            withPhoneLine { agent in
                do {
                    try await agent.answer(SIPCallID(id))
                } catch {
                    let now = Date()
                    await self.apply { $0.callProgress(sipCallID: id, CallUpdate(kind: .ended(.E_FAIL), time: now), now: now) }
                }
            }
        case .declineCall(let id):
            withPhoneLine { await $0.decline(SIPCallID(id)) }
        default:
            break
        }
    }

    private func placeCall(attempt: Int, target: String) {
        guard let line = phoneLine else {
            Task { self.apply { $0.callPlacementFailed(attempt: attempt, .MSGR_E_PHONESERVICE_UNAVAILABLE) } }
            return
        }
        Task {
            guard let agent = await line.value else {
                self.apply { $0.callPlacementFailed(attempt: attempt, .MSGR_E_PHONESERVICE_UNAVAILABLE) }
                return
            }
            do {
                let id = try await agent.call(SIPAnyURI(parsing: target))
                self.apply { $0.callPlaced(attempt: attempt, sipCallID: id.value) }
            } catch {
                self.logger.info("call not placed", metadata: ["target": "\(target)", "error": "\(error)"])
                let hr: HRESULT = error is SIPParseError ? .MSGR_E_PHONE_INVALID_NUMBER : .MSGR_E_PHONESERVICE_UNAVAILABLE
                self.apply { $0.callPlacementFailed(attempt: attempt, hr) }
            }
        }
    }

    private func withPhoneLine(_ body: @escaping @Sendable (SIPUserAgent) async -> Void) {
        guard let line = phoneLine else { return }
        Task {
            guard let agent = await line.value else { return }
            await body(agent)
        }
    }

    /// Turns the user agent's reports into state changes until it stops.
    private func followPhoneLine(_ agent: SIPUserAgent) async {
        for await event in agent.events {
            let now = Date()
            switch event {
            case .registration(let registration):
                logger.info("phone line", metadata: ["registration": "\(registration)"])
            case .incomingCall(let id, let caller):
                apply { $0.incomingCall(sipCallID: id.value, from: caller.uri.description) }
            case .callState(let id, let callState):
                guard let kind = Self.update(for: callState) else { continue }
                apply { $0.callProgress(sipCallID: id.value, CallUpdate(kind: kind, time: now), now: now) }
            }
        }
    }

    static func update(for callState: SIPCallState) -> CallUpdate.Kind? {
        switch callState {
        case .dialling: nil
        case .ringing: .ringing
        case .connected: .connected
        case .ended(let end, _): .ended(hresult(for: end))
        }
    }

    /// The HRESULT a call's end reports (docs/phone.md).
    static func hresult(for end: SIPCallEnd) -> HRESULT {
        switch end {
        case .localHangUp, .remoteHangUp, .declined: .S_OK
        case .remoteCancelled: .MSGR_E_INCOMING_INVITE_CANCELLED
        case .failed(let status, _): CallOutcome.hresult(forStatus: status)
        case .timedOut: .MSGR_E_VOICE_NO_ANSWER
        case .transportFailure: .MSGR_E_VOICE_NETCONN
        }
    }

    private static func makeUserAgent(
        _ voice: Messenger.VoiceConfiguration, account: JID, password: String?, logger: Logger
    ) throws -> SIPUserAgent {
        let server = try SocketAddress(ipAddress: voice.serverHost, port: voice.serverPort)
        let aor = try SIPURI(parsing: "sip:\(account.bare)")
        var configuration = SIPUserAgentConfiguration(
            server: SIPTransportAddress(voice.usesTCP ? .tcp : .udp, server), media: voice.media)
        configuration.bindHost = voice.bindHost
        configuration.ringTimeout = voice.ringTimeout
        configuration.registrationExpiry = voice.registrationExpiry
        let username = account.localpart ?? ""
        let sipAccount = if let password {
            SIPAccount(addressOfRecord: aor, username: username, password: password)
        } else if let secret = voice.storedSecret {
            SIPAccount(addressOfRecord: aor, username: username, secret: secret)
        } else {
            SIPAccount(addressOfRecord: aor, username: username, password: "")
        }
        return SIPUserAgent(account: sipAccount, configuration: configuration, logger: logger)
    }
}
