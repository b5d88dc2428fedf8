/// Everything a user interface shows of the running client, as one value:
/// the local user, the contact list, the groups and the open windows.
///
/// Its JSON form is the web UI's `VIEW` (docs/web.md): the keys are exactly
/// the property names, and absent parts (a main window's contact, a
/// conversation's phone call) are written as `null`, not left out.
public struct MessengerView: Sendable, Codable, Equatable {
    public var me: Me
    public var groups: [Group]
    /// Every contact on the list, sorted by friendly name.
    public var contacts: [Contact]
    /// Every open window (and the main window, always), by id.
    public var windows: [Window]

    public init(me: Me, groups: [Group], contacts: [Contact], windows: [Window]) {
        self.me = me
        self.groups = groups
        self.contacts = contacts
        self.windows = windows
    }

    /// The signed-in user.
    public struct Me: Sendable, Codable, Equatable {
        public var signinName: String
        public var friendlyName: String
        public var status: Int32
        /// The `msgr status` word (`online`, `brb`…).
        public var statusName: String
        /// The label ("Available", "Be Right Back"…).
        public var statusText: String
        /// `signedOut`, `connecting`, `synchronizing`, `online` or `reconnecting`.
        public var phase: String
        /// The status menu, in menu order.
        public var selectableStatuses: [StatusChoice]
    }

    /// One entry of the status menu.
    public struct StatusChoice: Sendable, Codable, Equatable {
        public var status: Int32
        public var name: String
        public var text: String
    }

    public struct Group: Sendable, Codable, Equatable {
        public var id: Int
        public var name: String
        /// Members' sign-in names.
        public var contacts: [String]
    }

    public struct Contact: Sendable, Codable, Equatable {
        public var signinName: String
        public var friendlyName: String
        public var status: Int32
        public var statusName: String
        public var statusText: String
        public var blocked: Bool
        public var canPage: Bool
        public var phones: Phones
    }

    /// A contact's stored numbers; "" where none is stored.
    public struct Phones: Sendable, Codable, Equatable {
        public var home: String
        public var work: String
        public var mobile: String
    }

    public struct Window: Sendable, Codable, Equatable {
        public var id: Int
        /// `main`, `conversation`, `phone` or `page`.
        public var kind: String
        public var title: String
        public var left: Int32
        public var top: Int32
        public var width: Int32
        public var height: Int32
        public var minimized: Bool
        /// Stacking order: higher is in front.
        public var z: Int
        /// The other party's sign-in name; nil for the main window.
        public var contact: String?
        /// A conversation's messages or a Page window's sent pages; empty for other windows.
        public var transcript: [TranscriptEntry]
        /// Exactly what `ConversationWnd.get_History` returns; nil except for conversations.
        public var history: String?
        public var phone: PhoneCall?
        public var page: Page?

        private enum CodingKeys: String, CodingKey {
            case id, kind, title, left, top, width, height, minimized, z, contact, transcript, history, phone, page
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(kind, forKey: .kind)
            try container.encode(title, forKey: .title)
            try container.encode(left, forKey: .left)
            try container.encode(top, forKey: .top)
            try container.encode(width, forKey: .width)
            try container.encode(height, forKey: .height)
            try container.encode(minimized, forKey: .minimized)
            try container.encode(z, forKey: .z)
            // `encode`, not `encodeIfPresent`: the contract writes absent parts as null.
            try container.encode(contact, forKey: .contact)
            try container.encode(transcript, forKey: .transcript)
            try container.encode(history, forKey: .history)
            try container.encode(phone, forKey: .phone)
            try container.encode(page, forKey: .page)
        }
    }

    public struct TranscriptEntry: Sendable, Codable, Equatable {
        /// ISO 8601 in UTC, whole seconds: `2026-11-21T14:03:05Z`.
        public var time: String
        /// `local`, `remote` or `system`.
        public var origin: String
        public var sender: String
        public var text: String
    }

    /// The Phone Call dialog.
    public struct PhoneCall: Sendable, Codable, Equatable {
        /// The number box; "" when empty.
        public var number: String
        /// `home`, `work`, `mobile`, `custom` or `all`.
        public var type: String
        /// What the dialog says, e.g. "Ringing…" or "Call failed: the line is busy".
        public var state: String
        /// `idle`, `dialling`, `ringing`, `incoming`, `connected` or `ended`.
        public var phase: String
        /// `outgoing` or `incoming`.
        public var direction: String
        /// The failure's name (`MSGR_E_BUSY`) when the call ended badly, else nil.
        public var error: String?
        /// When the call connected, in milliseconds since 1970; nil before.
        public var connectedAt: Int64?
    }

    /// The Page window.
    public struct Page: Sendable, Codable, Equatable {
        /// The longest page it sends, in UTF-16 units.
        public var maximumLength: Int
        /// Every page sent from it, oldest first, with what became of it.
        public var sent: [SentPage]
    }

    /// A page and its delivery status (docs/protocol.md, "Page messages").
    public struct SentPage: Sendable, Codable, Equatable {
        /// The page's stanza id.
        public var id: String
        /// ISO 8601 in UTC, whole seconds.
        public var time: String
        public var text: String
        /// `sending`, `sent` or `failed`.
        public var status: String
        /// What the window says: "Sent to 2 devices", "Not sent: …".
        public var statusText: String
    }
}
