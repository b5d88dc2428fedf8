import Foundation
import Logging
import NIOCore
import SIPCore
import SIPTransport
import SIPUserAgent

/// pager@demo.test's phone: registered on the demo's SIP port, it answers
/// every call, plays a short tone and hangs up — so dialling the bot's work
/// number from the demo client shows a whole call.
struct PagerPhone: Sendable {
    /// How long the bot's tone plays before it hangs up.
    static let toneLength: Duration = .seconds(4)
    /// A tone that differs from the demo client's, so recordings tell them apart.
    static let tone = AudioSource.tone(frequency: 660)

    let agent: SIPUserAgent
    let task: Task<Void, Never>

    static func start(password: String, domain: String, sipPort: Int, logger: Logger) async throws -> PagerPhone {
        let account = SIPAccount(
            addressOfRecord: try SIPURI(parsing: "sip:pager@\(domain)"), username: "pager", password: password,
            displayName: "Pager Bot")
        let server = SIPTransportAddress(.udp, try SocketAddress(ipAddress: "127.0.0.1", port: sipPort))
        let agent = SIPUserAgent(
            account: account,
            configuration: SIPUserAgentConfiguration(server: server, media: RTPAudioSession.factory(source: tone, recordingsFolder: nil)),
            logger: logger)
        try await agent.start()
        let task = Task { await answerEveryCall(agent, logger: logger) }
        return PagerPhone(agent: agent, task: task)
    }

    func stop() async {
        task.cancel()
        await agent.stop()
    }

    private static func answerEveryCall(_ agent: SIPUserAgent, logger: Logger) async {
        for await event in agent.events {
            switch event {
            case .incomingCall(let call, let caller):
                logger.info("pager bot answers a call", metadata: ["from": "\(caller)"])
                try? await agent.answer(call)
            case .callState(let call, .connected):
                Task {
                    try? await Task.sleep(for: toneLength)
                    await agent.hangUp(call)
                }
            default:
                break
            }
        }
    }
}
