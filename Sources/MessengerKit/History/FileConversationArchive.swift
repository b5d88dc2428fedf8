import Crypto
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps each contact's conversations in a file of its own,
/// `FOLDER/<contact>.jsonl`, one JSON object per line, appended as lines
/// arrive. The folder is 0700 and the files 0600: history is private.
///
/// Reading is forgiving: a line that is not a message (a write torn by a
/// crash, a hand edit) is skipped, never fatal, and the file is not rewritten.
public final class FileConversationArchive: ConversationArchive, @unchecked Sendable {
    public let folder: String
    /// Reading stops at this many bytes from the end of a file, so a huge
    /// history cannot exhaust memory; older lines stay on disk.
    public let maximumReadBytes: Int
    private let logger: Logger
    /// Serializes appends (the engine calls from one actor, but tests and
    /// other hosts may not).
    private let lock = NSLock()
    /// Files already checked for a torn last line in this process (under `lock`).
    private var repairedFiles: Set<String> = []

    public init(folder: String, maximumReadBytes: Int = 8 << 20, logger: Logger = Logger(label: "messenger.history")) throws {
        self.folder = folder
        self.maximumReadBytes = maximumReadBytes
        self.logger = logger
        try PrivateFiles.createFolder(folder)
    }

    public func record(_ message: ArchivedMessage) {
        guard var line = try? Self.encoder.encode(message) else { return }
        line.append(UInt8(ascii: "\n"))
        let path = file(for: message.contact)
        lock.lock()
        defer { lock.unlock() }
        let descriptor = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)  // read: the torn-line check
        guard descriptor >= 0 else {
            logger.error("cannot open the history file", metadata: ["history.file": "\(path)", "error": "\(String(cString: strerror(errno)))"])
            return
        }
        defer { close(descriptor) }
        if repairedFiles.insert(path).inserted {
            endTornLine(descriptor)
        }
        // One write(2) per line with O_APPEND: lines never interleave.
        let written = line.withUnsafeBytes { buffer in
            buffer.baseAddress.map { write(descriptor, $0, buffer.count) } ?? -1
        }
        if written != line.count {
            logger.error("cannot append to the history file", metadata: ["history.file": "\(path)"])
        }
    }

    /// A crash in the middle of an append leaves a line without its
    /// newline; end it, so the next line is not glued onto it and lost too.
    private func endTornLine(_ descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0 else { return }
        var last: UInt8 = 0
        guard pread(descriptor, &last, 1, info.st_size - 1) == 1, last != UInt8(ascii: "\n") else { return }
        var newline = UInt8(ascii: "\n")
        _ = write(descriptor, &newline, 1)
    }

    public func messages(with contact: String) throws -> [ArchivedMessage] {
        let path = file(for: contact)
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        let start = size > UInt64(maximumReadBytes) ? size - UInt64(maximumReadBytes) : 0
        try handle.seek(toOffset: start)
        var data = try handle.readToEnd() ?? Data()
        if start > 0, let firstBreak = data.firstIndex(of: UInt8(ascii: "\n")) {
            data = data[(firstBreak + 1)...]  // the first line was cut by the window
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            guard let message = try? decoder.decode(ArchivedMessage.self, from: Data(line)),
                message.contact == contact.lowercased()
            else { return nil }
            return message
        }
    }

    /// The file for one contact: the address with every byte outside
    /// `[a-z0-9.@_-]` percent-encoded, so no name can leave the folder or
    /// collide with another; very long names are shortened with a digest.
    func file(for contact: String) -> String {
        folder + "/" + Self.fileName(for: contact)
    }

    static func fileName(for contact: String) -> String {
        var name = ""
        for byte in contact.lowercased().utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "@"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                name.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: ".") where !name.isEmpty:
                name.append(".")
            default:
                name += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        if name.utf8.count > 200 {
            name = String(name.prefix(120)) + "~" + digest(of: contact.lowercased())
        }
        return name + ".jsonl"
    }

    private static func digest(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).prefix(16).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
