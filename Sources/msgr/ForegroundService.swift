import Logging
import ServiceLifecycle

/// Something that runs in the foreground until SIGINT/SIGTERM: `start`, wait
/// for the signal, `stop`. An error from `start` runs `stop` (to undo what
/// started) and ends the command with that error.
struct ForegroundService: Service {
    let start: @Sendable () async throws -> Void
    let stop: @Sendable () async -> Void

    func run() async throws {
        do {
            try await start()
        } catch {
            await stop()
            throw error
        }
        try? await gracefulShutdown()
        await stop()
    }

    /// Runs `start`, waits for SIGINT or SIGTERM, runs `stop`.
    static func runUntilSignal(
        logger: Logger, start: @escaping @Sendable () async throws -> Void, stop: @escaping @Sendable () async -> Void
    ) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: ForegroundService(start: start, stop: stop))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
