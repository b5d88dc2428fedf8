import Foundation
import Logging
import MessengerServer
import Testing
import XMPPCore

/// The storage implementations that must behave alike.
enum StorageKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case inMemory
    case sqlite

    var testDescription: String { rawValue }

    /// Runs `body` against a fresh, empty store of this kind and closes it afterwards.
    func withStorage(_ body: (any ServerStorage) async throws -> Void) async throws {
        switch self {
        case .inMemory:
            try await body(InMemoryStorage())
        case .sqlite:
            let storage = try await SQLiteStorage.openInMemory()
            do {
                try await body(storage)
            } catch {
                try await storage.close()
                throw error
            }
            try await storage.close()
        }
    }
}

/// A JID built from a literal in a test.
func jid(_ text: String) throws -> JID {
    try JID(text)
}

func sampleCredential(_ hash: StoredCredential.Hash, seed: UInt8 = 1) -> StoredCredential {
    StoredCredential(
        hash: hash,
        salt: [seed, 2, 3, 4, 5, 6, 7, 8],
        iterations: hash == .sha1 ? 4096 : 8192,
        storedKey: Array(repeating: seed &+ 10, count: hash == .sha1 ? 20 : 32),
        serverKey: Array(repeating: seed &+ 20, count: hash == .sha1 ? 20 : 32)
    )
}

/// A temporary folder removed when `body` ends.
func withTemporaryFolder(_ body: (URL) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("communicator-storage-tests-\(UUID().uuidString)", isDirectory: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try await body(folder)
}

let testLogger = Logger(label: "communicator.storage.tests", factory: { _ in SwiftLogNoOpLogHandler() })
