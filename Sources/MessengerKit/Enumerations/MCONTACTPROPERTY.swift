/// Properties readable through `IMessengerContact::Property` (spec §5.3).
public enum MCONTACTPROPERTY: Int32, AutomationEnumeration {
    case invalidProperty = -1
    /// The groups the contact is in.
    case groupsProperty = 0
    /// The contact's e-mail address.
    case email = 1

    public var name: String {
        switch self {
        case .invalidProperty: "MCONTACTPROP_INVALID_PROPERTY"
        case .groupsProperty: "MCONTACTPROP_GROUPS_PROPERTY"
        case .email: "MCONTACTPROP_EMAIL"
        }
    }
}
