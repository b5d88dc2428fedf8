import Foundation

/// One window the client owns. Windows are state, not pixels: a UI renders
/// them, the automation endpoint names them by `id`, and the geometry the API
/// sets is kept here so every viewer agrees.
struct WindowRecord: Sendable {
    enum Kind: String, Sendable, Hashable {
        case main, conversation, phone, page
    }

    /// Stable for the window's life, never reused; doubles as the `HWND`.
    let id: Int
    let kind: Kind
    var title: String
    var frame: WindowFrame
    var isMinimized = false
    /// Stacking order: higher is in front. Opening, `Show` and reusing a
    /// window give it the next value (`ClientState.bringToFront`).
    var z = 0
    /// Main window: closed to the tray (the object stays usable).
    /// Other windows: destroyed (every member but `Close`/`IsClosed` fails, C44).
    var isClosed = false
    var conversation: ConversationRecord?
    var phoneCall: PhoneCallRecord?
    var page: PageRecord?

    /// What `Left`/`Top` report for a minimized window (C64).
    static let minimizedCoordinate: Int32 = -32000

    init(id: Int, kind: Kind, title: String, frame: WindowFrame) {
        self.id = id
        self.kind = kind
        self.title = title
        self.frame = frame
    }
}

struct WindowFrame: Sendable, Hashable {
    var left: Int32
    var top: Int32
    var width: Int32
    var height: Int32

    static let main = WindowFrame(left: 40, top: 40, width: 320, height: 640)
    static let conversation = WindowFrame(left: 400, top: 80, width: 520, height: 420)
    static let dialog = WindowFrame(left: 420, top: 120, width: 360, height: 240)
}

/// The IM session a conversation window hosts.
struct ConversationRecord: Sendable {
    /// Other participants; the local user is never listed (§3.14 Contacts).
    var participants: [ContactKey]
    var transcript: [TranscriptLine] = []
    /// RFC 6121 §5.2.5 thread, so both sides keep one conversation together.
    var thread: String
}

struct TranscriptLine: Sendable, Hashable {
    enum Origin: Sendable, Hashable {
        case local, remote(ContactKey), system
    }

    var time: Date
    var origin: Origin
    /// The sender's name as the window shows it.
    var sender: String
    var text: String
}

/// The Page window for one contact (§3.1.10).
struct PageRecord: Sendable {
    var contact: ContactKey
    var sentPages: [SentPage] = []
}
