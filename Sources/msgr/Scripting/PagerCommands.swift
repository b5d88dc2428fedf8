import ArgumentParser
import Foundation
import MessengerAutomation
import MessengerKit

/// `msgr pager number|gateway`: the user's own paging settings (project
/// additions `Communicator.SetPagerNumber`, `SetPagerGateway`, `GetPagerGateway`).
struct PagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pager", abstract: "Set your pager number (which lets contacts page you) or your pager gateway.",
        subcommands: [Number.self, Gateway.self])

    struct Number: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the pager number in your profile; --clear removes it and turns paging off.")
        @Argument(help: "The pager number, e.g. \"+1 425 555 0199\" (digits, at most 64 characters).") var number: String?
        @Flag(name: .long, help: "Remove the pager number.") var clear = false
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if clear == (number != nil) { throw ValidationError("give a pager number or --clear") }
        }

        func run() async throws {
            let value: JSONValue = number.map(JSONValue.string) ?? .null
            try await endpoint.withSession(json: output.json) { session in
                session.emit(try await session.call("Communicator.SetPagerNumber", ["number": value]), text: [])
            }
        }
    }

    struct Gateway: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set your pager gateway, a webhook the server POSTs your pages to; --clear removes it; nothing prints it.",
            discussion: "The server must allow the gateway's host and port (msgr server --pager-webhook-host HOST[:PORT]).")
        @Argument(help: "http://HOST[:PORT]/PATH (plain HTTP, at most 512 characters).") var url: String?
        @Flag(name: .long, help: "Remove the gateway.") var clear = false
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if clear, url != nil { throw ValidationError("give a URL or --clear, not both") }
        }

        func run() async throws {
            try await endpoint.withSession(json: output.json) { session in
                if url == nil, !clear {
                    let current = try await session.string("Communicator.GetPagerGateway")
                    session.emit(.string(current), text: current.isEmpty ? [] : [current])
                    return
                }
                let value: JSONValue = url.map(JSONValue.string) ?? .null
                session.emit(try await session.call("Communicator.SetPagerGateway", ["url": value]), text: [])
            }
        }
    }
}
