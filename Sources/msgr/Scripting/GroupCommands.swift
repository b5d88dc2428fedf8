import ArgumentParser
import MessengerAutomation
import MessengerKit

struct GroupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups", abstract: "List your groups, each with its members' sign-in names.")
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            let groups = try await session.map(try await session.items("Messenger.get_MyGroups")) { handle in
                let target: [String: JSONValue] = ["handle": .string(handle)]
                async let name = session.string("Group.get_Name", target)
                let members = try await session.map(try await session.items("Group.get_Contacts", target)) { contact in
                    try await session.string("Contact.get_SigninName", ["handle": .string(contact)])
                }
                return (handle: handle, name: try await name, members: members)
            }
            let json: JSONValue = .array(groups.map { group in
                ["handle": .string(group.handle), "name": .string(group.name),
                 "members": .array(group.members.map { .string($0) })]
            })
            session.emit(json, text: groups.flatMap { group in [group.name] + group.members.map { "  " + $0 } })
        }
    }
}

struct GroupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group", abstract: "Create, rename or remove a group; add or drop a member.",
        subcommands: [Create.self, Rename.self, Remove.self, Add.self, Drop.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a group (Messenger.CreateGroup).")
        @Argument(help: "The new group's name.") var name: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await endpoint.withSession(json: output.json) { session in
                session.emit(try await session.call("Messenger.CreateGroup", ["groupName": .string(name)]), text: [])
            }
        }
    }

    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a group.")
        @Argument(help: "The group's name now.") var name: String
        @Argument(help: "Its new name.") var newName: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await endpoint.withSession(json: output.json) { session in
                try await session.runOnGroup(named: name, "Group.put_Name", ["value": .string(newName)])
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a group (its members stay in your list).")
        @Argument(help: "The group's name.") var name: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await endpoint.withSession(json: output.json) { session in
                let group = try await session.groupHandle(named: name)
                session.emit(try await session.call("Groups.Remove", ["handle": "groups:mine", "group": .string(group)]), text: [])
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a contact in a group.")
        @Argument(help: "The group's name.") var name: String
        @Argument(help: "The contact's sign-in name.") var jid: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await endpoint.withSession(json: output.json) { session in
                try await session.runOnGroup(named: name, "Group.AddContact", ["contact": .string(jid)])
            }
        }
    }

    struct Drop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take a contact out of a group.")
        @Argument(help: "The group's name.") var name: String
        @Argument(help: "The contact's sign-in name.") var jid: String
        @OptionGroup var endpoint: EndpointOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await endpoint.withSession(json: output.json) { session in
                try await session.runOnGroup(named: name, "Group.RemoveContact", ["contact": .string(jid)])
            }
        }
    }
}

extension ScriptingSession {
    /// Calls `method` on the group with this name (`params` beside its
    /// handle) and prints the result the way every changing verb does.
    func runOnGroup(named name: String, _ method: String, _ params: [String: JSONValue]) async throws {
        var params = params
        params["handle"] = .string(try await groupHandle(named: name))
        emit(try await call(method, params), text: [])
    }

    /// The handle of the group with this name: the exact spelling first,
    /// else the one that matches ignoring case (the client's own rule).
    func groupHandle(named name: String) async throws -> String {
        let handles = try await items("Messenger.get_MyGroups")
        let names = try await map(handles) { handle in try await string("Group.get_Name", ["handle": .string(handle)]) }
        let groups = Array(zip(handles, names))
        if let exact = groups.first(where: { $0.1 == name }) { return exact.0 }
        if let loose = groups.first(where: { $0.1.lowercased() == name.lowercased() }) { return loose.0 }
        throw ScriptingFailure("no group named \(name.debugDescription) (`msgr groups` lists them)")
    }
}
