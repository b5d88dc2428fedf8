import XMPPCore

/// What the client knows about one remote user, listed or not.
struct ContactRecord: Sendable {
    let key: ContactKey
    /// nil when the sign-in name is no usable address (nothing is sent to it).
    let jid: JID?
    /// The roster item, when the contact is on the contact list.
    var rosterEntry: RosterEntry?
    /// Presence per resource; the contact's status is the most available one.
    var resources: [String: MISTATUS] = [:]
    var profile = VCardProfile()
    /// Set once the first vCard arrived; later changes raise events.
    var hasLoadedProfile = false
    /// The `ProfileHash` each resource last announced; a change means a new vCard.
    var profileHashes: [String: String] = [:]
    var isBlocked = false
    /// Raised a status event for, so a later change is a change (C20).
    var lastReportedStatus: MISTATUS?

    init(key: ContactKey, jid: JID?) {
        self.key = key
        self.jid = jid
    }

    var isListed: Bool { rosterEntry != nil }

    /// `IMessengerContact::Status`: unknown for unlisted contacts without presence,
    /// offline for listed ones; never invisible or a local state (§3.6).
    var status: MISTATUS {
        if resources.isEmpty { return isListed ? .offline : .unknown }
        return resources.values.max { Self.rank($0) < Self.rank($1) } ?? .offline
    }

    /// The name the list shows: the roster name, the profile's nickname or
    /// full name, else the sign-in name (§3.1.4 remarks).
    var friendlyName: String {
        if let name = rosterEntry?.name, !name.isEmpty { return name }
        if let name = profile.displayName, !name.isEmpty { return name }
        return key.value
    }

    var groups: [String] { rosterEntry?.groups ?? [] }

    /// Which resource's state wins when several are online: available beats
    /// idle/away, which beat busy/DND (what a user trying to reach them wants).
    private static func rank(_ status: MISTATUS) -> Int {
        switch status {
        case .online: 6
        case .mayBeAvailable, .custom: 5
        case .idle, .beRightBack, .away, .outToLunch: 4
        case .busy, .onThePhone, .inAMeeting, .inAConference: 3
        case .doNotDisturb, .allowUrgentInterruptions: 2
        case .outOfOffice: 1
        default: 0
        }
    }
}

/// One contact-list group. Its `id` survives renames so the group object
/// handed out stays the same one (§1.5).
struct GroupRecord: Sendable {
    let id: Int
    var name: String
    /// Removed groups keep their record so stale objects answer sensibly.
    var isRemoved = false
}
