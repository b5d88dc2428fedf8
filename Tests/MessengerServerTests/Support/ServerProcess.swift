import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// `msgr server` as a child process on loopback, for tests that must kill
/// the server for real (SIGKILL) and start it again on the same data folder.
final class ServerProcess: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let process: Process
    let port: Int
    let logPath: String

    private init(process: Process, port: Int, logPath: String) {
        self.process = process
        self.port = port
        self.logPath = logPath
    }

    /// The `msgr` executable `swift test` built next to the test bundle.
    static func msgrExecutable() throws -> URL {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["MSGR_EXECUTABLE"] {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("msgr"))
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("msgr"))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("msgr"))
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/msgr"))
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) {
            return found
        }
        throw Failure(
            description: "the msgr executable was not found (looked at \(candidates.map(\.path))); "
                + "build it with `swift build --product msgr` or set MSGR_EXECUTABLE")
    }

    /// A loopback port nobody listens on right now.
    static func freePort() async throws -> Int {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        guard port > 0 else { throw Failure(description: "no free port") }
        return port
    }

    /// Starts `msgr server` and returns once it accepts connections.
    static func start(dataFolder: String, domain: String, port: Int, timeout: Duration = .seconds(30)) async throws -> ServerProcess {
        let logPath = dataFolder + "/server.log"
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try log.seekToEnd()
        let process = Process()
        process.executableURL = try msgrExecutable()
        process.arguments = [
            "server", "--data", dataFolder, "--domain", domain, "--c2s-port", String(port), "--log-level", "notice",
        ]
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        let server = ServerProcess(process: process, port: port, logPath: logPath)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw Failure(description: "msgr server exited at start: \(server.logTail())")
            }
            if await canConnect(port: port) { return server }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.kill()
        throw Failure(description: "msgr server did not listen within \(timeout): \(server.logTail())")
    }

    private static func canConnect(port: Int) async -> Bool {
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }

    /// SIGKILL, then waits (bounded) until the process is gone. Idempotent.
    func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        waitForExit(within: .seconds(10))
    }

    /// SIGTERM (graceful shutdown), SIGKILL if it takes longer than `grace`.
    func stop(grace: Duration = .seconds(10)) {
        if process.isRunning { process.terminate() }
        waitForExit(within: grace)
        kill()
    }

    private func waitForExit(within limit: Duration) {
        let deadline = ContinuousClock.now + limit
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
    }

    func logTail(_ characters: Int = 2000) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return String(text.suffix(characters))
    }
}
