import ArgumentParser
import Foundation
import MessengerBench

/// `msgr bench-client`: the client side of the benchmark. Starts our server
/// in-process with a big contact list, then times sign-ins and automation
/// calls of a MessengerKit client. Progress on stderr, figures on stdout.
struct BenchClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-client",
        abstract: "Time a client's sign-in with a big contact list and its automation calls (InstantMessage, SendText).",
        discussion: """
            Everything runs in this process on loopback: the server (in-memory storage), the contacts \
            and the measured client. Exits non-zero when a sign-in, a call or a text failed. See \
            docs/bench.md ("Client side") for what is measured and the JSON keys.
            """)

    @Option(help: "Contacts on the measured user's list (mutual subscriptions).")
    var contacts = 5000

    @Option(help: "Contacts signed in and available while the client signs in; they receive the texts.")
    var online = 50

    @Option(help: "Sign-ins to time (signing out in between).")
    var signins = 5

    @Option(help: "InstantMessage + SendText (+ get_MyStatus) rounds through the automation socket.")
    var iterations = 2000

    @Option(help: "Upper bound in seconds on each wait (a sign-in, the contact list, the last text).")
    var timeout = 120

    @Option(help: "Folder for the server's certificate and the automation socket (default: a fresh one under /tmp, removed at the end).")
    var folder: String?

    @Flag(help: "Print one JSON object instead of the table.")
    var json = false

    func benchConfiguration() throws(BenchConfigurationError) -> ClientBenchConfiguration {
        var configuration = ClientBenchConfiguration()
        configuration.contacts = contacts
        configuration.online = online
        configuration.signins = signins
        configuration.iterations = iterations
        configuration.timeoutSeconds = timeout
        configuration.folder = folder
        try configuration.validate()
        return configuration
    }

    func validate() throws {
        do throws(BenchConfigurationError) {
            _ = try benchConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        var configuration = try benchConfiguration()
        configuration.progress = { line in
            FileHandle.standardError.write(Data("bench-client: \(line)\n".utf8))
        }
        let result = try await ClientBenchRunner(configuration: configuration).run()
        print(json ? try result.json() : result.table())
        if !result.passed { throw ExitCode.failure }
    }
}
