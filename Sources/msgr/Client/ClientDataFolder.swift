import Foundation
import Logging
import MessengerKit

/// The client's data folder (mode 0700) and the JSON files in it.
struct ClientDataFolder: Sendable {
    let path: String

    var accountPath: String { path + "/account.json" }
    var settingsPath: String { path + "/settings.json" }
    /// Conversations, one file per contact (see `FileConversationArchive`).
    var historyPath: String { path + "/history" }

    /// Creates the folder (and its parents) if needed and makes it private to this user.
    func create() throws {
        do {
            try PrivateFiles.createFolder(path)
        } catch {
            throw CLIError("cannot set up the data folder: \(error)")
        }
    }

    /// The conversation archive in `history/`, created (0700) if missing.
    func openHistory(logger: Logger) throws -> FileConversationArchive {
        do {
            return try FileConversationArchive(folder: historyPath, logger: logger)
        } catch {
            throw CLIError("cannot open the history folder \(historyPath): \(error)")
        }
    }

    /// The stored account, or nil when there is none yet.
    func readAccount() throws -> ClientAccountFile? {
        try read(ClientAccountFile.self, from: accountPath)
    }

    /// The settings; all defaults when the file does not exist.
    func readSettings() throws -> ClientSettingsFile {
        try read(ClientSettingsFile.self, from: settingsPath) ?? ClientSettingsFile()
    }

    /// Replaces `account.json` atomically; the file is 0600 from its first byte.
    func writeAccount(_ account: ClientAccountFile) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try PrivateFiles.writeAtomically(try encoder.encode(account) + Data("\n".utf8), to: accountPath)
        } catch let failure as PrivateFiles.Failure {
            throw CLIError(failure.description)
        }
    }

    private func read<Value: Decodable>(_ type: Value.Type, from file: String) throws -> Value? {
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError("cannot read \(file)")
        }
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw CLIError("\(file) is not valid: \(error)")
        }
    }
}
