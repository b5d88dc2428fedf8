import Foundation

/// The one JSON form both benches print: snake_case keys, sorted, slashes
/// as they are, so scripts read `msgr bench` and `msgr bench-client` alike.
enum BenchJSON {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
