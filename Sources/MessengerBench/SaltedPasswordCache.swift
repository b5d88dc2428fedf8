import Foundation
import NIOConcurrencyHelpers
import XMPPCore

/// SaltedPasswords learnt in this run, per user: PBKDF2 (4096 rounds and
/// more) is computed once per user, not once per login, so the login storm
/// measures the server rather than the bench's own SCRAM arithmetic.
/// With `--key-cache FILE` they also outlive the run, so a later run's
/// login storm against the same server starts with every key known.
final class SaltedPasswordCache: Sendable {
    private let entries = NIOLockedValueBox<[String: SCRAMSaltedPassword]>([:])

    subscript(user: String) -> SCRAMSaltedPassword? {
        entries.withLockedValue { $0[user] }
    }

    func store(_ salted: SCRAMSaltedPassword, for user: String) {
        entries.withLockedValue { $0[user] = salted }
    }

    var count: Int { entries.withLockedValue { $0.count } }

    /// One file entry. The keys sign in as these bench users: the file is 0600.
    private struct Entry: Codable {
        var salt: Data
        var iterations: Int
        var saltedPassword: Data
    }

    /// Reads a cache file; a missing file is an empty cache.
    func load(from path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        let decoded = try JSONDecoder().decode([String: Entry].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        entries.withLockedValue { table in
            for (user, entry) in decoded {
                table[user] = SCRAMSaltedPassword(
                    salt: Array(entry.salt), iterations: entry.iterations, saltedPassword: Array(entry.saltedPassword))
            }
        }
    }

    func save(to path: String) throws {
        let table = entries.withLockedValue { $0 }.mapValues {
            Entry(salt: Data($0.salt), iterations: $0.iterations, saltedPassword: Data($0.saltedPassword))
        }
        let data = try JSONEncoder().encode(table)
        let created = FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600])
        guard created else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }
}
