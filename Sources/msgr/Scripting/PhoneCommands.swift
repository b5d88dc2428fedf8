import ArgumentParser
import MessengerAutomation
import MessengerKit

struct PhoneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone", abstract: "Open the phone-call window for a contact (Messenger.Phone); prints its window id.")

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
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let type = self.type ?? (number == nil ? .work : .custom)
        var params: [String: JSONValue] = ["contact": .string(jid), "type": JSONValue(type.value.rawValue)]
        if let number { params["number"] = .string(number) }
        try await endpoint.withSession(json: output.json) { session in
            let window = try await session.string("Messenger.Phone", params)
            session.emit(.string(window), text: [WindowID.display(window)])
        }
    }
}

struct PageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page", abstract: "Send a page (a short message to the contact's pager) via the Page window.")
    @Argument(help: "The contact's sign-in name.") var jid: String
    @Argument(help: "The page's text.") var text: String
    @OptionGroup var endpoint: EndpointOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        try await endpoint.withSession(json: output.json) { session in
            try await session.openAndSend(text, to: jid, opening: "Messenger.Page", sending: "Window.SendPage")
        }
    }
}
