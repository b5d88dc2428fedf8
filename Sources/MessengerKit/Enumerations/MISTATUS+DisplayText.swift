/// How a status reads in a user interface: the label a person sees, and
/// which states the status menu offers.
extension MISTATUS {
    /// The label a status menu or a contact list shows.
    public var displayText: String {
        switch self {
        case .unknown: "Unknown"
        case .offline: "Offline"
        case .online: "Available"
        case .invisible: "Appear Offline"
        case .busy: "Busy"
        case .beRightBack: "Be Right Back"
        case .idle: "Idle"
        case .away: "Away"
        case .onThePhone: "In a Call"
        case .outToLunch: "Out to Lunch"
        case .inAMeeting: "In a Meeting"
        case .outOfOffice: "Out of Office"
        case .doNotDisturb: "Do Not Disturb"
        case .inAConference: "In a Conference"
        case .allowUrgentInterruptions: "Urgent Interruptions Only"
        case .mayBeAvailable: "May Be Available"
        case .custom: "Custom"
        case .localFindingServer, .localConnectingToServer: "Signing In…"
        case .localSynchronizingWithServer: "Synchronizing…"
        case .localDisconnectingFromServer: "Signing Out…"
        }
    }

    /// The status menu, in the order a person reads it: every state a user
    /// may pick (`isUserSettable`) except `custom`, which needs its own text.
    public static let menuOrder: [MISTATUS] = [
        .online, .busy, .doNotDisturb, .beRightBack, .away, .onThePhone, .outToLunch, .inAMeeting,
        .outOfOffice, .inAConference, .allowUrgentInterruptions, .mayBeAvailable, .invisible,
    ]
}
