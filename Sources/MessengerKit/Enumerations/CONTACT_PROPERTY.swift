/// Defined by the Communicator header, used by no member (spec §5.14).
public enum CONTACT_PROPERTY: Int32, AutomationEnumeration {
    case title = 0
    case office = 1

    public var name: String {
        switch self {
        case .title: "CONTACT_PROP_TITLE"
        case .office: "CONTACT_PROP_OFFICE"
        }
    }
}
