import Foundation

/// One line of a conversation as the client keeps it after the window is
/// gone: what `History` showed, with the full date and who the other party was.
public struct ArchivedMessage: Sendable, Codable, Hashable {
    public enum Origin: String, Sendable, Codable {
        /// Typed by the local user (`SendText`, a sent page).
        case sent
        /// From the other party.
        case received
        /// A line the client wrote itself ("could not be delivered", …).
        case notice
    }

    /// The other party's sign-in name (a bare address, lower case).
    public var contact: String
    public var time: Date
    public var origin: Origin
    /// The sender's name as the window showed it; empty for notices.
    public var sender: String
    public var text: String

    public init(contact: String, time: Date, origin: Origin, sender: String, text: String) {
        self.contact = contact
        self.time = time
        self.origin = origin
        self.sender = sender
        self.text = text
    }
}

/// Where a client keeps its conversations across restarts
/// (`Messenger.Configuration.archive`). `record` is called on the engine's
/// turn, in transcript order, as each line is added — so a crash loses at
/// most the line being written.
public protocol ConversationArchive: Sendable {
    func record(_ message: ArchivedMessage)
    /// Everything kept for one contact, oldest first.
    func messages(with contact: String) throws -> [ArchivedMessage]
}
