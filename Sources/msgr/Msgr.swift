import ArgumentParser

struct Msgr: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msgr",
        abstract: "Communicator: the communications server, the client and its automation.",
        subcommands: [ServerCommand.self, ClientCommand.self, DemoCommand.self, UserCommand.self, BenchCommand.self, BenchClientCommand.self],
        groupedSubcommands: [
            CommandGroup(
                name: "Scripting a running client (through its automation socket)",
                subcommands: [
                    SigninCommand.self, SignoutCommand.self, StatusCommand.self,
                    ContactsCommand.self, ContactCommand.self, GroupsCommand.self, GroupCommand.self,
                    IMCommand.self, SendCommand.self, HistoryCommand.self,
                    WindowsCommand.self, WindowCommand.self, PhoneCommand.self, VoiceCommand.self, AnswerCommand.self,
                    DeclineCommand.self, HangUpCommand.self, PageCommand.self, PagerCommand.self,
                    EventsCommand.self, CallCommand.self,
                ]),
        ]
    )
}
