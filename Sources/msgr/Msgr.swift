import ArgumentParser

@main
struct Msgr: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "msgr",
        abstract: "Communicator: the communications server, the client and its automation.",
        subcommands: [ServerCommand.self, ClientCommand.self, DemoCommand.self, UserCommand.self]
    )
}
