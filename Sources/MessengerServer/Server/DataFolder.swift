import Foundation
import Logging
import XMPPCore

/// The server's data folder: `server.sqlite`, `tls/`, and `domain` — the one
/// domain this folder's accounts belong to, recorded on first use so that a
/// later command with another domain is refused instead of mixing accounts.
public struct DataFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var databasePath: String { path + "/server.sqlite" }
    var domainFilePath: String { path + "/domain" }

    public enum Failure: Error, CustomStringConvertible {
        case domainMismatch(recorded: String, requested: String)
        case unreadable(String)

        public var description: String {
            switch self {
            case .domainMismatch(let recorded, let requested):
                "this data folder belongs to \(recorded), not \(requested)"
            case .unreadable(let why): why
            }
        }
    }

    /// Creates the folder (0700) if needed and checks or records the domain.
    public func claim(domain: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let normalized = try JID(domain).description
        if let recorded = try? String(contentsOfFile: domainFilePath, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !recorded.isEmpty
        {
            guard recorded == normalized else { throw Failure.domainMismatch(recorded: recorded, requested: normalized) }
            return
        }
        try (normalized + "\n").write(toFile: domainFilePath, atomically: true, encoding: .utf8)
    }

    public func openStorage(logger: Logger) async throws -> SQLiteStorage {
        try await SQLiteStorage.open(path: databasePath, logger: logger)
    }
}

extension DataFolder {
    /// The domain recorded by an earlier `claim`; an error when there is none.
    public func recordedDomain() throws -> String {
        guard let text = try? String(contentsOfFile: domainFilePath, encoding: .utf8) else {
            throw Failure.unreadable("\(path) is not a server data folder (no accounts yet)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
