/// Calendar state of a contact, `PRESENCE_PROPERTY.currentCalendarState` (spec §5.14).
public enum CALENDAR_STATE: Int32, AutomationEnumeration {
    case notAvailable = 0
    case free = 1
    case tentative = 2
    case notWorking = 3
    case busy = 4
    case outOfOffice = 5

    public var name: String {
        switch self {
        case .notAvailable: "CALENDAR_STATE_NOT_AVAILABLE"
        case .free: "CALENDAR_STATE_FREE"
        case .tentative: "CALENDAR_STATE_TENTATIVE"
        case .notWorking: "CALENDAR_STATE_NOTWORKING"
        case .busy: "CALENDAR_STATE_BUSY"
        case .outOfOffice: "CALENDAR_STATE_OUT_OF_OFFICE"
        }
    }
}
