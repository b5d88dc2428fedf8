import ArgumentParser
import MessengerAutomation
import MessengerKit

struct SigninCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signin", abstract: "Sign the running client in with its saved account (Messenger.AutoSignin).")
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            session.emit(try await session.call("Messenger.AutoSignin"), text: [])
        }
    }
}

struct SignoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "signout", abstract: "Sign the running client out.")
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            session.emit(try await session.call("Messenger.Signout"), text: [])
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
