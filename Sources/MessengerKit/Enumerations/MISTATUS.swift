/// Presence state of the local user or a contact (spec §5.1).
///
/// Every "online" state has bit 0x0002 set; values from 0x100 up are the
/// local client's own transitions and are never reported for contacts.
/// Communicator 2007 added the values from `inAMeeting` to `custom` (C54).
public enum MISTATUS: Int32, AutomationEnumeration {
    /// State not known, e.g. the contact is not in the list.
    case unknown = 0x0000
    /// Not connected.
    case offline = 0x0001
    /// Connected and available.
    case online = 0x0002
    /// Connected, shown to others as offline; local user only.
    case invisible = 0x0006
    case busy = 0x000A
    case beRightBack = 0x000E
    /// Set automatically after a period without input.
    case idle = 0x0012
    case away = 0x0022
    case onThePhone = 0x0032
    case outToLunch = 0x0042
    case inAMeeting = 0x0052
    case outOfOffice = 0x0062
    case doNotDisturb = 0x0072
    case inAConference = 0x0082
    /// Do not disturb, but urgent interruptions get through.
    case allowUrgentInterruptions = 0x0092
    case mayBeAvailable = 0x00A2
    /// Text in `PRESENCE_PROPERTY.customStatusString`.
    case custom = 0x00B2
    case localFindingServer = 0x0100
    case localConnectingToServer = 0x0200
    case localSynchronizingWithServer = 0x0300
    case localDisconnectingFromServer = 0x0400

    public var name: String {
        switch self {
        case .unknown: "MISTATUS_UNKNOWN"
        case .offline: "MISTATUS_OFFLINE"
        case .online: "MISTATUS_ONLINE"
        case .invisible: "MISTATUS_INVISIBLE"
        case .busy: "MISTATUS_BUSY"
        case .beRightBack: "MISTATUS_BE_RIGHT_BACK"
        case .idle: "MISTATUS_IDLE"
        case .away: "MISTATUS_AWAY"
        case .onThePhone: "MISTATUS_ON_THE_PHONE"
        case .outToLunch: "MISTATUS_OUT_TO_LUNCH"
        case .inAMeeting: "MISTATUS_IN_A_MEETING"
        case .outOfOffice: "MISTATUS_OUT_OF_OFFICE"
        case .doNotDisturb: "MISTATUS_DO_NOT_DISTURB"
        case .inAConference: "MISTATUS_IN_A_CONFERENCE"
        case .allowUrgentInterruptions: "MISTATUS_ALLOW_URGENT_INTERRUPTIONS"
        case .mayBeAvailable: "MISTATUS_MAY_BE_AVAILABLE"
        case .custom: "MISTATUS_CUSTOM"
        case .localFindingServer: "MISTATUS_LOCAL_FINDING_SERVER"
        case .localConnectingToServer: "MISTATUS_LOCAL_CONNECTING_TO_SERVER"
        case .localSynchronizingWithServer: "MISTATUS_LOCAL_SYNCHRONIZING_WITH_SERVER"
        case .localDisconnectingFromServer: "MISTATUS_LOCAL_DISCONNECTING_FROM_SERVER"
        }
    }

    /// The `MISTATUS_ONLINE` bit test the spec gives: true for every connected state.
    public var isOnline: Bool {
        rawValue & MISTATUS.online.rawValue != 0
    }

    /// A local sign-in/sign-out transition (0x100 and above).
    public var isLocalTransition: Bool {
        rawValue >= 0x100
    }

    /// Values a caller may pass to `put_MyStatus` (§3.1.18, C26): the
    /// user-selectable states plus the Communicator extras. `unknown`,
    /// `offline`, `idle` and the local transitions are refused with
    /// `E_INVALIDARG` (the spec's recommendation; unverified).
    public var isUserSettable: Bool {
        switch self {
        case .unknown, .offline, .idle, .localFindingServer, .localConnectingToServer,
            .localSynchronizingWithServer, .localDisconnectingFromServer:
            false
        default:
            true
        }
    }

    /// In Windows Messenger's 14-member set; false for the Communicator
    /// 2007 additions, which the WM profile reports as busy or away (C54).
    public var isInWindowsMessenger: Bool {
        rawValue < MISTATUS.inAMeeting.rawValue || isLocalTransition
    }
}
