import ArgumentParser
import Foundation
import MessengerAutomation
import MessengerKit

struct EventsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print the client's events, one JSON object per line, until interrupted or the client goes away.")
    @Option(name: .long, help: "Only these events, comma-separated, e.g. OnContactStatusChange,OnTextReceived.")
    var names: String?
    @OptionGroup var endpoint: EndpointOptions

    func run() async throws {
        var params: [String: JSONValue] = [:]
        if let names {
            params["names"] = .array(names.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        }
        try await endpoint.withSession { session in
            try await session.call("Events.Subscribe", params)
            for await event in session.client.notifications {
                let name = event.method.hasPrefix("Event.") ? String(event.method.dropFirst("Event.".count)) : event.method
                let line: JSONValue = ["event": .string(name), "params": .object(event.params)]
                // Unbuffered, so a reader sees each event as it happens.
                FileHandle.standardOutput.write(Data((line.serialized() + "\n").utf8))
            }
        }
    }
}

struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "call", abstract: "Call any endpoint method; prints {\"hr\": …, \"value\": …}.")
    @Argument(help: "The method, e.g. Messenger.get_MyStatus or Contact.get_FriendlyName.") var method: String
    @Argument(help: "The parameters as one JSON object, e.g. '{\"handle\": \"contact:bob@example.test\"}'.")
    var params: String?
    @OptionGroup var endpoint: EndpointOptions

    func parsedParams() throws -> [String: JSONValue] {
        guard let params else { return [:] }
        guard let object = (try? JSONValue(parsing: params))?.objectValue else {
            throw ValidationError("the parameters must be one JSON object, e.g. '{\"signinName\": \"bob@example.test\"}'")
        }
        return object
    }

    func validate() throws {
        _ = try parsedParams()
    }

    func run() async throws {
        let params = try parsedParams()
        try await endpoint.withSession { session in
            let reply = try await session.client.call(method, params)
            var result: [String: JSONValue] = ["hr": JSONValue(reply.hr)]
            if let value = reply.value { result["value"] = value }
            print(JSONValue.object(result).serialized())
        }
    }
}
