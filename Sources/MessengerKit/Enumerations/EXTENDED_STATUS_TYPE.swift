/// Defined by the Communicator header, used by no member (spec §5.14).
public enum EXTENDED_STATUS_TYPE: Int32, AutomationEnumeration {
    case web = 1
    case mobile = 2
    case blocked = 0x100

    public var name: String {
        switch self {
        case .web: "EXTENDED_STATUS_WEB"
        case .mobile: "EXTENDED_STATUS_MOBILE"
        case .blocked: "EXTENDED_STATUS_BLOCKED"
        }
    }
}
