/// Index into `IMessengerContactAdvanced::PresenceProperties` (spec §5.13).
///
/// `PRESENCE_PROP_MAX` (0xB) is the array length, not an index, so it is
/// `PRESENCE_PROPERTY.arrayLength` rather than a case: an index of 11
/// does not convert (`init(rawValue:)` is nil).
public enum PRESENCE_PROPERTY: Int32, AutomationEnumeration {
    /// The contact's machine state, an `MISTATUS`.
    case mstate = 0x0
    /// The availability number.
    case availability = 0x1
    /// Whether the contact is blocked.
    case isBlocked = 0x2
    /// The presence note.
    case presenceNote = 0x3
    /// The out-of-office text (a string despite the name).
    case isOOF = 0x4
    /// The tooltip text.
    case toolTip = 0x5
    /// The custom status text.
    case customStatusString = 0x6
    /// Not used.
    case deviceType = 0x7
    /// A `CALENDAR_STATE`.
    case currentCalendarState = 0x8
    /// A `CALENDAR_STATE`.
    case nextCalendarState = 0x9
    /// When the next calendar state starts (OLE Automation date).
    case nextCalendarStateTime = 0xA

    public var name: String {
        switch self {
        case .mstate: "PRESENCE_PROP_MSTATE"
        case .availability: "PRESENCE_PROP_AVAILABILITY"
        case .isBlocked: "PRESENCE_PROP_IS_BLOCKED"
        case .presenceNote: "PRESENCE_PROP_PRESENCE_NOTE"
        case .isOOF: "PRESENCE_PROP_IS_OOF"
        case .toolTip: "PRESENCE_PROP_TOOL_TIP"
        case .customStatusString: "PRESENCE_PROP_CUSTOM_STATUS_STRING"
        case .deviceType: "PRESENCE_PROP_DEVICE_TYPE"
        case .currentCalendarState: "PRESENCE_PROP_CURRENT_CALENDAR_STATE"
        case .nextCalendarState: "PRESENCE_PROP_NEXT_CALENDAR_STATE"
        case .nextCalendarStateTime: "PRESENCE_PROP_NEXT_CALENDAR_STATE_TIME"
        }
    }

    /// `PRESENCE_PROP_MAX`: the number of elements in `PresenceProperties`.
    public static let arrayLength: Int32 = 0xB
}
