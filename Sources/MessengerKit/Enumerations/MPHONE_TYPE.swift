/// Which of a contact's phone numbers (spec §5.2).
public enum MPHONE_TYPE: Int32, AutomationEnumeration {
    /// Only valid with `IMessenger::Phone`.
    case all = -1
    case home = 0
    case work = 1
    case mobile = 2
    /// Only valid with `Phone`: dial the number given, not a stored one.
    case custom = 3

    public var name: String {
        switch self {
        case .all: "MPHONE_TYPE_ALL"
        case .home: "MPHONE_TYPE_HOME"
        case .work: "MPHONE_TYPE_WORK"
        case .mobile: "MPHONE_TYPE_MOBILE"
        case .custom: "MPHONE_TYPE_CUSTOM"
        }
    }

    /// A kind of number a contact stores (home, work, mobile); `all` and
    /// `custom` only make sense for `IMessenger::Phone`.
    public var isStoredNumber: Bool {
        switch self {
        case .home, .work, .mobile: true
        case .all, .custom: false
        }
    }
}
