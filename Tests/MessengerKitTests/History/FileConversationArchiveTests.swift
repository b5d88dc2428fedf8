import Foundation
@testable import MessengerKit
import Testing

@Suite struct FileConversationArchiveTests {
    static func temporaryFolder() -> String {
        FileManager.default.temporaryDirectory.path + "/archive-\(UUID().uuidString)"
    }

    static func message(_ text: String, at seconds: TimeInterval, contact: String = "bob@example.test") -> ArchivedMessage {
        ArchivedMessage(
            contact: contact, time: Date(timeIntervalSince1970: 1_795_000_000 + seconds), origin: .sent, sender: "Alice", text: text)
    }

    @Test func keepsLinesPerContactInOrderAndPrivately() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = try FileConversationArchive(folder: folder)
        archive.record(Self.message("one", at: 0))
        archive.record(Self.message("to carol", at: 1, contact: "carol@example.test"))
        archive.record(Self.message("two\nlines", at: 2))

        // A second instance on the same folder (a restarted client) reads the same.
        let reopened = try FileConversationArchive(folder: folder)
        #expect(try reopened.messages(with: "bob@example.test") == [Self.message("one", at: 0), Self.message("two\nlines", at: 2)])
        #expect(try reopened.messages(with: "BOB@example.test").count == 2)
        #expect(try reopened.messages(with: "carol@example.test").map(\.text) == ["to carol"])
        #expect(try reopened.messages(with: "dave@example.test").isEmpty)

        let folderMode = try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: archive.file(for: "bob@example.test"))[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(fileMode == 0o600)
    }

    @Test func namesStayInsideTheFolderAndDoNotCollide() {
        #expect(FileConversationArchive.fileName(for: "Bob@Example.test") == "bob@example.test.jsonl")
        #expect(FileConversationArchive.fileName(for: "../../etc/passwd") == "%2E.%2F..%2Fetc%2Fpasswd.jsonl")
        #expect(FileConversationArchive.fileName(for: ".hidden@x") == "%2Ehidden@x.jsonl")
        #expect(FileConversationArchive.fileName(for: "a/b@x") != FileConversationArchive.fileName(for: "a_b@x"))
        let long = String(repeating: "é", count: 400) + "@example.test"
        let name = FileConversationArchive.fileName(for: long)
        #expect(name.utf8.count < 255)
        #expect(name != FileConversationArchive.fileName(for: String(repeating: "é", count: 401) + "@example.test"))
    }

    @Test func aTornOrForeignLineIsSkippedNotFatal() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = try FileConversationArchive(folder: folder)
        archive.record(Self.message("kept", at: 0))
        let file = archive.file(for: "bob@example.test")
        let handle = try #require(FileHandle(forWritingAtPath: file))
        try handle.seekToEnd()
        // A line for another contact (a hand edit) and a write cut short by a crash.
        try handle.write(contentsOf: Data(#"{"contact":"eve@example.test","origin":"sent","sender":"E","text":"x","time":"2026-11-21T10:00:00Z"}"#.utf8 + [10]))
        try handle.write(contentsOf: Data(#"{"contact":"bob@exa"#.utf8))
        try handle.close()
        // The restarted client ends the torn line before appending.
        let restarted = try FileConversationArchive(folder: folder)
        restarted.record(Self.message("after the crash", at: 5))
        restarted.record(Self.message("later", at: 6))
        #expect(try restarted.messages(with: "bob@example.test").map(\.text) == ["kept", "after the crash", "later"])
    }

    @Test func readingIsBoundedToTheNewestBytes() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let archive = try FileConversationArchive(folder: folder, maximumReadBytes: 1_000)
        for index in 0..<100 { archive.record(Self.message("line \(index)", at: Double(index))) }
        let read = try archive.messages(with: "bob@example.test")
        #expect(read.count > 3 && read.count < 20)
        #expect(read.last?.text == "line 99")
        #expect(read.map(\.text) == (100 - read.count..<100).map { "line \($0)" })
    }
}
