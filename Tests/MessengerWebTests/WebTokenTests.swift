import Foundation
@testable import MessengerWeb
import Testing

@Suite("web token")
struct WebTokenTests {
    @Test("43 base64url characters, different each time")
    func randomTokens() {
        let first = WebToken.random()
        let second = WebToken.random()
        #expect(first.value.count == 43)
        #expect(first.value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(first.value != second.value)
        #expect("\(first)" == "WebToken(…)")
    }

    @Test("matches only the exact token")
    func matching() {
        let token = WebToken.random()
        #expect(token.matches(token.value))
        #expect(!token.matches(token.value.dropLast()))
        #expect(!token.matches(token.value + "A"))
        // A length that differs by a multiple of 256 is still a different token.
        #expect(!token.matches(token.value + String(repeating: "A", count: 256)))
        #expect(!token.matches(""))
        #expect(!token.matches(String(token.value.reversed())))
    }

    @Test("kept in the data folder with mode 0600 and reused; a malformed file is replaced")
    func persisted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("webtoken-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try WebToken.loadOrCreate(inFolder: folder)
        let file = folder + "/web-token"
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try WebToken.loadOrCreate(inFolder: folder).value == first.value)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try WebToken.loadOrCreate(inFolder: folder).value == first.value)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)

        try Data("not a token\n".utf8).write(to: URL(fileURLWithPath: file))
        let replaced = try WebToken.loadOrCreate(inFolder: folder)
        #expect(replaced.value != first.value)
        #expect(replaced.value.count == 43)
        #expect(try WebToken.loadOrCreate(inFolder: folder).value == replaced.value)
    }
}
