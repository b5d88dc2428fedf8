import Foundation
import NIOCore
import NIOPosix

/// Runs the phases of `msgr bench` against one XMPP server and returns the
/// figures. Every wait is bounded by `phaseTimeoutSeconds`; every
/// connection it opens is closed before `run()` returns.
public struct BenchRunner: Sendable {
    public let configuration: BenchConfiguration
    let shared: BenchSessionContext
    let recorder: BenchRecorder

    public init(configuration: BenchConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        var rng = SystemRandomNumberGenerator()
        recorder = BenchRecorder(runID: String(rng.next() as UInt32, radix: 36))
        shared = try BenchSessionContext(configuration: configuration, recorder: recorder)
    }

    public func run() async throws -> BenchResult {
        let started = Date()
        if let path = configuration.keyCachePath {
            try shared.saltedPasswords.load(from: path)
            progress("key cache: \(shared.saltedPasswords.count) users' keys from \(path)")
        }
        // Idle memory per session counts from here: on a fresh server, what
        // provisioning's own sessions leave behind counts against it too.
        let atStart = sampleServer()
        let provision = await provisionIfAsked()

        let beforeLogin = sampleServer()
        let login = await logIn(BenchLoginOptions(register: false, fetchRoster: configuration.roster > 0))
        let afterLogin = sampleServer()
        let sessions = login.channels.compactMap { $0 }

        var result = BenchResult(
            date: ISO8601DateFormatter().string(from: started),
            settings: settings,
            provision: provision,
            login: BenchResult.Login(
                users: configuration.users, ready: sessions.count, failed: login.failed, firstError: login.firstError,
                seconds: login.seconds, loginsPerSecond: login.seconds > 0 ? Double(sessions.count) / login.seconds : 0,
                server: serverUse(beforeLogin, afterLogin)),
            unexpectedCloses: 0)

        if configuration.phases.contains(.messaging), sessions.count >= 2 {
            if configuration.settleSeconds > 0 {
                progress("messaging: letting the login storm settle for \(configuration.settleSeconds) s")
                try? await Task.sleep(for: .seconds(configuration.settleSeconds))
            }
            result.messaging = await messaging(login.channels)
        }
        if configuration.phases.contains(.presence), configuration.roster > 0 {
            result.presence = await presence(login.channels)
        }
        if configuration.phases.contains(.idle) {
            progress("idle: holding \(sessions.count) sessions for \(configuration.idleSeconds) s")
            let idleStart = sampleServer()
            try? await Task.sleep(for: .seconds(configuration.idleSeconds))
            let idle = sampleServer()
            var figures = BenchResult.Idle(sessions: sessions.count, seconds: configuration.idleSeconds, server: serverUse(idleStart, idle))
            if let atStart, let idle, !sessions.isEmpty {
                figures.serverRssKibPerSession = Double(idle.rssKiB - atStart.rssKiB) / Double(sessions.count)
            }
            result.idle = figures
        }
        result.unexpectedCloses = recorder.snapshot.unexpectedCloses
        progress("closing \(sessions.count) sessions")
        await close(sessions)
        if let path = configuration.keyCachePath { try shared.saltedPasswords.save(to: path) }
        return result
    }

    /// Writes the key cache (`--key-cache`) early; a failure is reported, and
    /// the save at the end of the run tries again.
    func saveKeyCache() {
        guard let path = configuration.keyCachePath else { return }
        do {
            try shared.saltedPasswords.save(to: path)
        } catch {
            progress("key cache: not saved to \(path): \(error)")
        }
    }

    // MARK: Helpers shared by the phases

    func progress(_ line: String) {
        configuration.progress(line)
    }

    func sampleServer() -> ServerSample? {
        configuration.serverPID.flatMap(ServerSample.read(pid:))
    }

    func serverUse(_ before: ServerSample?, _ after: ServerSample?) -> BenchResult.ServerUse? {
        guard let before, let after else { return nil }
        return BenchResult.ServerUse(before: before, after: after)
    }

    /// Polls `done` every 50 ms until it holds or the phase timeout passes;
    /// `report` gives a progress line about once a second.
    func waitUntil(_ what: String, limitSeconds: Int? = nil, report: () -> String, _ done: () -> Bool) async -> Bool {
        let limit = ContinuousClock.now + .seconds(limitSeconds ?? configuration.phaseTimeoutSeconds)
        var nextReport = ContinuousClock.now + .seconds(1)
        while !done() {
            if ContinuousClock.now >= limit {
                progress("\(what): gave up waiting (\(report()))")
                return false
            }
            if ContinuousClock.now >= nextReport {
                progress("\(what): \(report())")
                nextReport = ContinuousClock.now + .seconds(1)
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    private var settings: BenchResult.Settings {
        BenchResult.Settings(
            host: configuration.host, port: configuration.port, domain: configuration.domain, users: configuration.users,
            roster: configuration.roster, tls: configuration.tls, rate: configuration.rate, duration: configuration.duration,
            settleSeconds: configuration.settleSeconds, sourceAddresses: configuration.sourceAddresses.count, serverPid: configuration.serverPID,
            phases: BenchPhase.allCases.filter(configuration.phases.contains).map(\.rawValue))
    }
}
