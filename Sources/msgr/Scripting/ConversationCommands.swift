import ArgumentParser
import MessengerAutomation
import MessengerKit

struct IMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "im", abstract: "Open (or bring up) a conversation window with a contact; prints its window id.")
    @Argument(help: "The contact's sign-in name.") var jid: String
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            let window = try await session.string("Messenger.InstantMessage", ["contact": .string(jid)])
            session.emit(.string(window), text: [WindowID.display(window)])
        }
    }
}

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send", abstract: "Send an instant message, in the conversation window with that contact.")
    @Argument(help: "The contact's sign-in name.") var jid: String
    @Argument(help: "The message.") var text: String
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            try await session.openAndSend(text, to: jid, opening: "Messenger.InstantMessage", sending: "ConversationWnd.SendText")
        }
    }
}

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Print the text of the open conversation window with a contact.",
        discussion: """
            With --archive, print instead everything the client keeps for that contact in its \
            data folder, across restarts, with dates.
            """)
    @Argument(help: "The contact's sign-in name.") var jid: String
    @Flag(name: .long, help: "Print the stored history of every conversation with the contact.") var archive = false
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            let history: String
            if archive {
                history = try await session.string("Communicator.GetArchivedHistory", ["contact": .string(jid)])
            } else {
                guard let window = try await session.conversationWindow(with: jid) else {
                    throw ScriptingFailure(
                        "no open conversation with \(jid) (open one with `msgr im \(jid)`, or read the stored history with --archive)")
                }
                history = try await session.string("ConversationWnd.get_History", ["handle": .string(window)])
            }
            session.emit(.string(history), text: history.isEmpty ? [] : [history])
        }
    }
}

extension ScriptingSession {
    /// The first open conversation window whose participants include that
    /// sign-in name (compared ignoring case, as addresses are).
    func conversationWindow(with signinName: String) async throws -> String? {
        let wanted = signinName.lowercased()
        let windows = try await items("Communicator.ListWindows")
        let matches = try await map(windows) { window -> Bool in
            let target: [String: JSONValue] = ["handle": .string(window)]
            guard try await string("Window.get_Kind", target) == "conversation" else { return false }
            let contacts = try await items("ConversationWnd.get_Contacts", target)
            let names = try await map(contacts) { contact in
                try await string("Contact.get_SigninName", ["handle": .string(contact)])
            }
            return names.contains { $0.lowercased() == wanted }
        }
        return zip(windows, matches).first { $0.1 }?.0
    }
}

extension ScriptingSession {
    /// Opens (or reuses) the contact's window with `opening`, then sends
    /// `text` in it with `sending`: how `send` and `page` both work.
    func openAndSend(_ text: String, to jid: String, opening: String, sending: String) async throws {
        let window = try await string(opening, ["contact": .string(jid)])
        emit(try await call(sending, ["handle": .string(window), "text": .string(text)]), text: [])
    }
}
