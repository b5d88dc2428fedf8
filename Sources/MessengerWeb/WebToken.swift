import Foundation
import MessengerKit

/// The secret in the web UI's address (`http://127.0.0.1:PORT/TOKEN/`): 32
/// random bytes, base64url without padding (43 characters). Whoever knows it
/// can drive the client, exactly like whoever can open the automation socket.
public struct WebToken: Sendable, CustomStringConvertible {
    public let value: String

    /// The file a data folder keeps the token in.
    public static let fileName = "web-token"
    static let byteCount = 32
    static let length = 43

    /// Accepts only the shape `random()` produces.
    public init?(_ value: String) {
        guard value.utf8.count == Self.length,
              value.utf8.allSatisfy({ Self.alphabet.contains($0) })
        else { return nil }
        self.value = value
    }

    private init(unchecked value: String) {
        self.value = value
    }

    /// Not the secret: logs and error messages must never show it.
    public var description: String { "WebToken(…)" }

    /// A new token from the system's secure random source.
    public static func random() -> WebToken {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return WebToken(unchecked: encoded)
    }

    /// The token kept in `path/web-token`, so an open page keeps working
    /// after the client restarts. A missing or malformed file is replaced by
    /// a new token; the file is (re)set to mode 0600 either way.
    public static func loadOrCreate(inFolder path: String) throws -> WebToken {
        try PrivateFiles.createFolder(path)
        let file = (path as NSString).appendingPathComponent(fileName)
        let token = FileManager.default.contents(atPath: file).flatMap { data in
            WebToken(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        } ?? random()
        try PrivateFiles.writeAtomically(Data((token.value + "\n").utf8), to: file)
        return token
    }

    /// Compares in time that depends only on the lengths (and every token
    /// is 43 characters long), so the response time says nothing about how
    /// much of a guess was right.
    public func matches(_ candidate: some StringProtocol) -> Bool {
        let expected = Array(value.utf8)
        let given = Array(candidate.utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices {
            difference |= expected[index] ^ given[index]
        }
        return difference == 0
    }

    private static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}
