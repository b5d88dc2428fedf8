import SQLiteNIO

// Typed column access that reports a missing or mistyped value as corrupt data
// instead of silently substituting a default.
extension SQLiteRow {
    func text(_ column: String) throws(StorageError) -> String {
        guard case .text(let value) = try value(column) else { throw mistyped(column, "text") }
        return value
    }

    func optionalText(_ column: String) throws(StorageError) -> String? {
        switch try value(column) {
        case .null: return nil
        case .text(let value): return value
        default: throw mistyped(column, "text or null")
        }
    }

    func integer(_ column: String) throws(StorageError) -> Int64 {
        guard case .integer(let value) = try value(column) else { throw mistyped(column, "integer") }
        return Int64(value)
    }

    func optionalInteger(_ column: String) throws(StorageError) -> Int64? {
        switch try value(column) {
        case .null: return nil
        case .integer(let value): return Int64(value)
        default: throw mistyped(column, "integer or null")
        }
    }

    func bool(_ column: String) throws(StorageError) -> Bool {
        switch try integer(column) {
        case 0: return false
        case 1: return true
        default: throw mistyped(column, "0 or 1")
        }
    }

    func bytes(_ column: String) throws(StorageError) -> [UInt8] {
        guard case .blob(let buffer) = try value(column) else { throw mistyped(column, "blob") }
        return Array(buffer.readableBytesView)
    }

    private func value(_ column: String) throws(StorageError) -> SQLiteData {
        guard let data = self.column(column) else { throw StorageError.corrupt("missing column \(column)") }
        return data
    }

    private func mistyped(_ column: String, _ expected: String) -> StorageError {
        StorageError.corrupt("column \(column) is not \(expected)")
    }
}

extension SQLiteData {
    static func bool(_ value: Bool) -> SQLiteData { .integer(value ? 1 : 0) }

    static func int(_ value: Int64) -> SQLiteData { .integer(SQLiteInt64(value)) }

    static func bytes(_ value: [UInt8]) -> SQLiteData { .blob(ByteBuffer(bytes: value)) }

    static func optionalText(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
}
