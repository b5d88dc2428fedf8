import ArgumentParser
import Logging
import MessengerServer
import XMPPCore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Administer the server's accounts (run it while the server is stopped or running).",
        subcommands: [Add.self, Remove.self, Passwd.self, List.self]
    )

    struct Target: ParsableArguments {
        @Argument(help: "The account's address, e.g. alice@example.test.")
        var jid: String

        @Option(name: .long, help: "The server's data folder.")
        var data: String

        func validate() throws {
            guard let parsed = try? JID(jid), parsed.localpart != nil, parsed.isBare else {
                throw ValidationError("\(jid.debugDescription) is not an account address like alice@example.test")
            }
        }

        var parsed: JID { get throws { try JID(jid) } }

        /// Opens the data folder for this account's domain and runs `body` with
        /// the storage and the account's username; closes the storage after.
        func withAccount(_ body: (SQLiteStorage, String) async throws -> Void) async throws {
            let parsed = try parsed
            try await withStorage(data, domain: parsed.domainpart) { storage in
                try await body(storage, parsed.localpart ?? "")
            }
        }
    }

    /// The password comes only from standard input, never from the command line.
    struct PasswordInput: ParsableArguments {
        @Flag(name: .customLong("password-stdin"), help: "Read the password from one line on standard input.")
        var passwordStdin = false

        func validate() throws {
            guard passwordStdin else { throw ValidationError("give the password on standard input with --password-stdin") }
        }

        func read() throws -> String {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("no password on standard input")
            }
            return line
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account.")
        @OptionGroup var target: Target
        @OptionGroup var password: PasswordInput

        func run() async throws {
            let jid = try target.parsed
            let password = try password.read()
            try await target.withAccount { storage, username in
                do {
                    try await AccountManager(storage: storage, sipRealm: jid.domainpart).create(username, password: password)
                } catch StorageError.accountExists {
                    throw CLIError("the account \(jid) already exists")
                }
            }
            print("added \(jid)")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account and everything it owns.")
        @OptionGroup var target: Target

        func run() async throws {
            let jid = try target.parsed
            try await target.withAccount { storage, username in
                guard try await storage.removeAccount(username) else { throw CLIError("there is no account \(jid)") }
            }
            print("removed \(jid)")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an account's password.")
        @OptionGroup var target: Target
        @OptionGroup var password: PasswordInput

        func run() async throws {
            let jid = try target.parsed
            let password = try password.read()
            try await target.withAccount { storage, username in
                do {
                    try await AccountManager(storage: storage, sipRealm: jid.domainpart).setPassword(username, password: password)
                } catch StorageError.accountNotFound {
                    throw CLIError("there is no account \(jid)")
                }
            }
            print("password changed for \(jid)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @Option(name: .long, help: "The server's data folder.")
        var data: String

        func run() async throws {
            let folder = DataFolder(path: data)
            let domain = try folder.recordedDomain()
            try await withStorage(data, domain: domain) { storage in
                for name in try await storage.listAccounts() { print("\(name)@\(domain)") }
            }
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private func withStorage(_ data: String, domain: String, _ body: (SQLiteStorage) async throws -> Void) async throws {
    let folder = DataFolder(path: data)
    try folder.claim(domain: domain)
    var logger = Logger(label: "msgr.user")
    logger.logLevel = .warning
    let storage = try await folder.openStorage(logger: logger)
    do {
        try await body(storage)
    } catch {
        try? await storage.close()
        throw error
    }
    try await storage.close()
}
