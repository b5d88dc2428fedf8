import ArgumentParser
import Foundation
import MessengerBench

/// `msgr bench`: load an XMPP server (ours, Prosody, ejabberd…) with many
/// users and print what it sustained. Progress on stderr, figures on stdout.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Load-test an XMPP server: login storm, messaging latency, presence fan-out, idle sessions.",
        discussion: """
            Exits non-zero when a login failed or a message was lost. See docs/bench.md for \
            what each phase measures and the JSON keys.
            """)

    @Option(help: "Server address.")
    var host = "127.0.0.1"

    @Option(help: "Server client port.")
    var port = 5222

    @Option(help: "The XMPP domain the users live in.")
    var domain = "localhost"

    @Option(help: "Number of users (PREFIX0…PREFIX<N-1>).")
    var users = 100

    @Option(help: "Mutual contacts per user (even): user i ↔ i±1…i±K/2. Missing pairs are subscribed before the run.")
    var roster = 4

    @Flag(help: "Create the users in-band first (XEP-0077); existing ones are kept.")
    var register = false

    @Option(help: "Username prefix.")
    var prefix = "bench"

    @Option(help: "Every user's password.")
    var password = "bench-password"

    @Flag(inversion: .prefixedNo, help: "STARTTLS (certificates are not verified: a lab tool).")
    var tls = true

    @Option(help: "Messages per second, all senders together.")
    var rate = 100

    @Option(help: "Seconds of steady messaging.")
    var duration = 10

    @Option(name: .customLong("source-ips"), help: "Spread connections over local addresses: a count (20 = 127.0.0.1…20), A.B.C.X-A.B.C.Y, or a comma list.")
    var sourceIPs: String?

    @Option(name: .customLong("server-pid"), help: "Sample this server process's CPU and RSS from /proc (Linux).")
    var serverPID: Int32?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    @Option(help: "Phases to run, comma-separated: login,messaging,presence,idle (login always runs).")
    var phases = "login,messaging,presence,idle"

    @Option(help: "Connections being set up at once.")
    var concurrency = 200

    @Option(name: .customLong("presence-changers"), help: "Users who change status in the presence phase.")
    var presenceChangers = 20

    @Option(help: "Seconds the idle phase holds the sessions.")
    var idle = 5

    @Option(help: "Seconds to wait for late messages before counting losses.")
    var drain = 5

    @Option(help: "Seconds between the login storm and messaging, so messaging measures the steady state.")
    var settle = 2

    @Option(help: "Upper bound in seconds on each wait (all logins, all subscriptions).")
    var timeout = 120

    @Option(
        name: .customLong("key-cache"),
        help: "Keep the users' SCRAM SaltedPasswords in this file (0600) between runs, so the login storm does not include the bench's own PBKDF2.")
    var keyCache: String?

    /// The flags as a checked library configuration.
    func benchConfiguration() throws(BenchConfigurationError) -> BenchConfiguration {
        var configuration = BenchConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.domain = domain
        configuration.users = users
        configuration.roster = roster
        configuration.register = register
        configuration.prefix = prefix
        configuration.password = password
        configuration.tls = tls
        configuration.rate = rate
        configuration.duration = duration
        if let sourceIPs { configuration.sourceAddresses = try SourceAddresses.parse(sourceIPs).get() }
        configuration.serverPID = serverPID
        configuration.phases = try BenchPhase.parseList(phases).get()
        configuration.concurrency = concurrency
        configuration.presenceChangers = presenceChangers
        configuration.idleSeconds = idle
        configuration.drainSeconds = drain
        configuration.settleSeconds = settle
        configuration.phaseTimeoutSeconds = timeout
        configuration.keyCachePath = keyCache
        try configuration.validate()
        return configuration
    }

    func validate() throws {
        do throws(BenchConfigurationError) {
            _ = try benchConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
        if let serverPID, !FileManager.default.fileExists(atPath: "/proc/\(serverPID)/stat") {
            throw ValidationError("--server-pid \(serverPID): no such process in /proc")
        }
    }

    func run() async throws {
        var configuration = try benchConfiguration()
        configuration.progress = { line in
            FileHandle.standardError.write(Data("bench: \(line)\n".utf8))
        }
        let result = try await BenchRunner(configuration: configuration).run()
        print(json ? try result.json() : result.table())
        if !result.passed { throw ExitCode.failure }
    }
}
