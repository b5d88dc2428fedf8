import Foundation
import Logging
import MessengerKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CLIError("cannot create the data folder \(path): \(error.localizedDescription)")
        }
        guard chmod(path, 0o700) == 0 else {
            throw CLIError("cannot make the data folder \(path) private: \(String(cString: strerror(errno)))")
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
        try writePrivately(try encoder.encode(account) + Data("\n".utf8), to: accountPath)
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

    /// Writes a temporary file created with mode 0600, then renames it over the target.
    private func writePrivately(_ data: Data, to file: String) throws {
        let temporary = file + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        let written = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { write(descriptor, $0, buffer.count) } ?? 0
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard written == data.count, synced, rename(temporary, file) == 0 else {
            unlink(temporary)
            throw CLIError("cannot write \(file): \(String(cString: strerror(errno)))")
        }
    }
}
