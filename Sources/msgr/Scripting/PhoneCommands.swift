import ArgumentParser
import MessengerAutomation
import MessengerKit

struct PhoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone",
        abstract: "Open the phone-call window for a contact (Messenger.Phone); with a NUMBER, call it. Prints the window id.",
        discussion: """
            With --follow, prints the call's states (dialling, ringing, connected, ended) as they come \
            and exits when it ends: 0 after a normal hang-up, 1 when the call failed (the code is printed, \
            e.g. MSGR_E_BUSY).
            """)

    enum PhoneType: String, ExpressibleByArgument, CaseIterable {
        case work, home, mobile, custom

        var value: MPHONE_TYPE {
            switch self {
            case .work: .work
            case .home: .home
            case .mobile: .mobile
            case .custom: .custom
            }
        }
    }

    @Argument(help: "The contact's sign-in name.") var jid: String
    @Argument(help: "The number to call, e.g. \"+1 4255550100\".") var number: String?
    @Option(name: .long, help: "Which of the contact's numbers: work, home, mobile or custom (default: custom with a NUMBER, else work).")
    var type: PhoneType?
    @OptionGroup var follow: CallFollowOptions
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let type = self.type ?? (number == nil ? .work : .custom)
        var params: [String: JSONValue] = ["contact": .string(jid), "type": JSONValue(type.value.rawValue)]
        if let number { params["number"] = .string(number) }
        try await endpoint.withSession(json: output.json) { session in
            if follow.follow { try await CallFollower.subscribe(session) }
            let window = try await session.string("Messenger.Phone", params)
            session.emit(.string(window), text: [WindowID.display(window)])
            if follow.follow, number != nil { try await CallFollower.follow(session, window: window, within: follow.timeout) }
        }
    }
}

/// `msgr voice JID`: a computer call to a contact (Messenger.StartVoice).
struct VoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice", abstract: "Call a contact's computer (Messenger.StartVoice); prints the Phone window's id.")
    @Argument(help: "The contact's sign-in name.") var jid: String
    @OptionGroup var follow: CallFollowOptions
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            if follow.follow { try await CallFollower.subscribe(session) }
            let window = try await session.string("Messenger.StartVoice", ["contact": .string(jid)])
            session.emit(.string(window), text: [WindowID.display(window)])
            if follow.follow { try await CallFollower.follow(session, window: window, within: follow.timeout) }
        }
    }
}

struct AnswerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer", abstract: "Answer the incoming call in the Phone window; with --follow, wait until it ends.")
    @OptionGroup var follow: CallFollowOptions
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            try await CallFollower.press("Window.AnswerCall", session, follow: follow)
        }
    }
}

/// A Phone window button with nothing to wait for: press it, print nothing.
protocol PhoneButtonCommand: AsyncParsableCommand {
    static var method: String { get }
    var endpoint: EndpointOptions { get }
    var output: OutputOptions { get }
}

extension PhoneButtonCommand {
    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            try await CallFollower.press(Self.method, session, follow: nil)
        }
    }
}

struct DeclineCommand: PhoneButtonCommand {
    static let configuration = CommandConfiguration(
        commandName: "decline", abstract: "Decline the incoming call in the Phone window.")
    static let method = "Window.DeclineCall"
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions
}

struct HangUpCommand: PhoneButtonCommand {
    static let configuration = CommandConfiguration(
        commandName: "hangup", abstract: "End the call in the Phone window.")
    static let method = "Window.HangUp"
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions
}

struct PageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Send a page (a short message to the contact's pager) via the Page window.")
    @Argument(help: "The contact's sign-in name.") var jid: String
    @Argument(help: "The page's text.") var text: String
    @Flag(name: .long, help: "Wait (up to 30 s) for the server's answer and print it, e.g. \"Sent to 2 devices\"; exit non-zero if the page failed or no answer came.")
    var wait = false
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            guard wait else {
                try await session.openAndSend(text, to: jid, opening: "Messenger.Page", sending: "Window.SendPage")
                return
            }
            let window = try await session.string("Messenger.Page", ["contact": .string(jid)])
            let target: [String: JSONValue] = ["handle": .string(window)]
            let before = try await session.call("Window.get_SentPages", target)?.arrayValue?.count ?? 0
            try await session.call("Window.SendPage", ["handle": .string(window), "text": .string(text)])
            let page = try await session.settledPage(in: target, at: before)
            session.emit(page, text: [page["statusText"]?.stringValue ?? ""])
            if page["status"]?.stringValue == "failed" { throw ExitCode.failure }
        }
    }
}

extension ScriptingSession {
    /// The page listed at `index` (the count before it was sent), once it is
    /// no longer sending; throws when it still is after 30 s.
    func settledPage(in target: [String: JSONValue], at index: Int) async throws -> JSONValue {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let pages = try await call("Window.get_SentPages", target)?.arrayValue ?? []
            switch SentPageWait.verdict(pages: pages, index: index, pastDeadline: ContinuousClock.now >= deadline) {
            case .settled(let page): return page
            case .gaveUp(let reason): throw ScriptingFailure(reason)
            case .waiting: try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
