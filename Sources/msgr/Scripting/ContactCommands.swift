import ArgumentParser
import MessengerAutomation
import MessengerKit

struct ContactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts", abstract: "List your contacts: status, sign-in name, friendly name, [blocked].")
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    struct Row: Sendable {
        var handle: String
        var status: Int64
        var signinName: String
        var friendlyName: String
        var blocked: Bool
    }

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            let rows = try await session.map(try await session.items("Messenger.get_MyContacts")) { handle in
                let target: [String: JSONValue] = ["handle": .string(handle)]
                async let status = session.integer("Contact.get_Status", target)
                async let signinName = session.string("Contact.get_SigninName", target)
                async let friendlyName = session.string("Contact.get_FriendlyName", target)
                async let blocked = session.bool("Contact.get_Blocked", target)
                return Row(handle: handle, status: try await status, signinName: try await signinName,
                           friendlyName: try await friendlyName, blocked: try await blocked)
            }
            let json: JSONValue = .array(rows.map { row in
                ["handle": .string(row.handle), "status": .number(Double(row.status)),
                 "signinName": .string(row.signinName), "friendlyName": .string(row.friendlyName),
                 "blocked": .bool(row.blocked)]
            })
            session.emit(json, text: ColumnLayout.lines(rows.map { row in
                [MISTATUS.commandName(rawValue: row.status), row.signinName, row.friendlyName,
                 row.blocked ? "[blocked]" : ""]
            }))
        }
    }
}

struct ContactCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Add, remove, block or unblock a contact.",
        subcommands: [Add.self, Remove.self, Block.self, Unblock.self])

    struct Target: ParsableArguments {
        @Argument(help: "The contact's sign-in name, e.g. bob@example.test.")
        var jid: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a contact to your list (MessengerPrivate.AddContact).")
        @OptionGroup var target: Target

        func run() async throws {
            try await target.endpoint.withSession(json: target.output.json) { session in
                session.emit(try await session.call("MessengerPrivate.AddContact", ["signinName": .string(target.jid)]), text: [])
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a contact from your list.")
        @OptionGroup var target: Target

        func run() async throws {
            try await target.endpoint.withSession(json: target.output.json) { session in
                // Remove takes the contact object (IDispatch), not a sign-in name.
                let contact = try await session.contactHandle(target.jid)
                let params: [String: JSONValue] = ["handle": "contacts:mine", "contact": ["handle": .string(contact)]]
                session.emit(try await session.call("Contacts.Remove", params), text: [])
            }
        }
    }

    struct Block: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Block a contact: they see you offline and cannot message you.")
        @OptionGroup var target: Target

        func run() async throws {
            try await ContactCommand.setBlocked(true, target: target)
        }
    }

    struct Unblock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Unblock a contact.")
        @OptionGroup var target: Target

        func run() async throws {
            try await ContactCommand.setBlocked(false, target: target)
        }
    }

    private static func setBlocked(_ blocked: Bool, target: Target) async throws {
        try await target.endpoint.withSession(json: target.output.json) { session in
            let handle = try await session.contactHandle(target.jid)
            session.emit(try await session.call("Contact.put_Blocked", ["handle": .string(handle), "value": .bool(blocked)]), text: [])
        }
    }
}

extension ScriptingSession {
    /// The contact object for a sign-in name, listed or not: asking the
    /// primary service (its ID) finds people outside the list too.
    func contactHandle(_ signinName: String) async throws -> String {
        let serviceID = try await string("Messenger.get_MyServiceId")
        return try await string("Messenger.GetContact", ["signinName": .string(signinName), "serviceId": .string(serviceID)])
    }
}
