import Foundation
import XMPPCore

// Conversions shared by both storage implementations, so that what one keeps
// is exactly what the other keeps.

extension Date {
    /// Whole milliseconds since 1970, rounded to nearest: the precision storage keeps.
    var unixMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    init(unixMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000)
    }

    /// This date as it reads back from storage.
    var storagePrecision: Date {
        Date(unixMilliseconds: unixMilliseconds)
    }
}

extension JID {
    /// Parses a JID read back from storage; a value that does not parse means the data is corrupt.
    init(stored text: String) throws(StorageError) {
        do {
            try self.init(text)
        } catch {
            throw StorageError.corrupt("stored JID \(text.debugDescription) does not parse: \(error)")
        }
    }
}

/// Roster groups are kept as a JSON array of strings, which keeps their order.
enum RosterGroupsCoding {
    static func encode(_ groups: [String]) throws -> String {
        // Most contacts are in no group: spare the encoder.
        if groups.isEmpty { return "[]" }
        return String(decoding: try JSONEncoder().encode(groups), as: UTF8.self)
    }

    static func decode(_ text: String) throws(StorageError) -> [String] {
        if text == "[]" { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StorageError.corrupt("stored roster groups are not a JSON array of strings")
        }
    }
}

extension StoredCredential {
    /// Credentials come back in `Hash.allCases` order (SHA-1, then SHA-256).
    static func storageOrder(_ lhs: StoredCredential, _ rhs: StoredCredential) -> Bool {
        let order = Hash.allCases
        return (order.firstIndex(of: lhs.hash) ?? 0) < (order.firstIndex(of: rhs.hash) ?? 0)
    }
}
