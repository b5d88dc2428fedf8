import Foundation
import Logging
import SIPCore
import SIPTransport
import SIPUserAgent
import Testing

/// Everything a user agent reported, collected as it comes.
actor EventLog {
    private(set) var events: [SIPUserAgentEvent] = []

    func append(_ event: SIPUserAgentEvent) { events.append(event) }

    var registrations: [SIPRegistrationState] {
        events.compactMap { if case .registration(let state) = $0 { state } else { nil } }
    }

    var incomingCalls: [(SIPCallID, SIPNameAddress)] {
        events.compactMap { if case .incomingCall(let id, let from) = $0 { (id, from) } else { nil } }
    }

    /// The states of one call, in order, with `.ended` reduced to its reason.
    func states(of id: SIPCallID) -> [String] {
        events.compactMap { event in
            guard case .callState(let call, let state) = event, call == id else { return nil }
            switch state {
            case .dialling: return "dialling"
            case .ringing: return "ringing"
            case .connected: return "connected"
            case .ended(let reason, _): return "ended \(reason)"
            }
        }
    }

    func endReason(of id: SIPCallID) -> SIPCallEnd? {
        for case .callState(let call, .ended(let reason, _)) in events where call == id { return reason }
        return nil
    }
}

/// A user agent under test with fake media and its event log.
struct TestAgent {
    let agent: SIPUserAgent
    let log: EventLog
    let media: FakeMediaMaker
    let reader: Task<Void, Never>

    static func make(
        _ user: String, password: String? = nil, secret: DigestSecret? = nil, server: UAServer, firstMediaPort: UInt16,
        configure: (inout SIPUserAgentConfiguration) -> Void = { _ in }
    ) throws -> TestAgent {
        let media = FakeMediaMaker(firstPort: firstMediaPort)
        var configuration = SIPUserAgentConfiguration(server: try server.sipAddress, media: media.factory)
        configuration.timers = uaTestTimers
        configure(&configuration)
        let aor = SIPURI(user: user, host: uaTestDomain)
        let account = if let secret {
            SIPAccount(addressOfRecord: aor, username: user, secret: secret, displayName: user.capitalized)
        } else {
            SIPAccount(addressOfRecord: aor, username: user, password: password ?? "\(user)-pw", displayName: user.capitalized)
        }
        var logger = Logger(label: "test.ua.\(user)")
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG"] == nil ? .critical : .debug
        let agent = SIPUserAgent(account: account, configuration: configuration, logger: logger)
        let log = EventLog()
        let reader = Task {
            for await event in agent.events { await log.append(event) }
        }
        return TestAgent(agent: agent, log: log, media: media, reader: reader)
    }

    /// Stops the agent and waits until its event stream has finished.
    func stop() async {
        await agent.stop()
        await reader.value
    }

    /// Waits for the next incoming call (the n-th, counting from 1).
    func incomingCall(number: Int = 1) async throws -> (SIPCallID, SIPNameAddress) {
        try #require(await eventually { await log.incomingCalls.count >= number })
        return await log.incomingCalls[number - 1]
    }

    /// Waits until the call has reached `state` (as `EventLog.states` writes it).
    func waitFor(_ id: SIPCallID, _ state: String) async -> Bool {
        await eventually { await log.states(of: id).contains(state) }
    }

    func waitForEnd(_ id: SIPCallID) async -> SIPCallEnd? {
        _ = await eventually { await log.endReason(of: id) != nil }
        return await log.endReason(of: id)
    }
}

/// Polls `condition` for up to `seconds` (generous: the full suite runs on
/// two busy cores).
func eventually(_ seconds: Double = 30, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
