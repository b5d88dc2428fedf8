import ArgumentParser
import MessengerAutomation
import MessengerKit

/// `--no-wait` and `--timeout` of the verbs whose effect arrives as events.
struct WaitOptions: ParsableArguments {
    @Flag(name: .customLong("no-wait"), help: "Return as soon as the client has started, without waiting for the outcome.")
    var noWait = false
    @Option(name: .long, help: "Seconds to wait for the outcome.")
    var timeout: Int = 30

    func validate() throws {
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
    }
}

struct SigninCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin",
        abstract: "Sign the running client in with its saved account (Messenger.AutoSignin) and wait until it is online.",
        discussion: "Prints the status reached. A failed sign-in prints its OnSignin code, e.g. MSGR_E_INVALID_PASSWORD, and exits 1.")
    @OptionGroup var wait: WaitOptions
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            if !wait.noWait { try await session.call("Events.Subscribe", ["names": SessionOutcome.eventNames]) }
            let started = try await session.call("Messenger.AutoSignin")
            if wait.noWait { return session.emit(started, text: []) }
            let status = try await SessionOutcome.signedIn(session, within: wait.timeout)
            session.emit(JSONValue(status.rawValue), text: [MISTATUS.commandName(rawValue: Int64(status.rawValue))])
        }
    }
}

struct SignoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signout", abstract: "Sign the running client out and wait until it is offline.")
    @OptionGroup var wait: WaitOptions
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            if !wait.noWait { try await session.call("Events.Subscribe", ["names": SessionOutcome.eventNames]) }
            let started = try await session.call("Messenger.Signout")
            if !wait.noWait { try await SessionOutcome.signedOut(session, within: wait.timeout) }
            session.emit(started, text: [])
        }
    }
}

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Print your status, or set it.")
    @Argument(help: "online, busy, away, brb, phone, lunch, invisible, offline, idle, an MISTATUS_* name or its number. Without it the current status is printed.")
    var status: String?
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let status, MISTATUS(commandName: status) == nil {
            throw ValidationError("\(status.debugDescription) is not a status; use online, busy, away, brb, phone, lunch, invisible, offline, idle, an MISTATUS_* name or a number")
        }
    }

    func run() async throws {
        let wanted = status.flatMap { MISTATUS(commandName: $0) }
        try await endpoint.withSession(json: output.json) { session in
            if let wanted {
                session.emit(try await session.call("Messenger.put_MyStatus", ["value": JSONValue(wanted.rawValue)]), text: [])
            } else {
                let current = try await session.integer("Messenger.get_MyStatus")
                session.emit(.number(Double(current)), text: [MISTATUS.commandName(rawValue: current)])
            }
        }
    }
}
