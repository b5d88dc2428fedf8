/// What kind of address `ResolveContact` gets (spec §5.12).
public enum ADDRESS_TYPE: Int32, AutomationEnumeration {
    /// An e-mail address.
    case smtp = 1
    /// A display name such as "First Last".
    case displayName = 2
    /// An address from a SharePoint site.
    case external = 3

    public var name: String {
        switch self {
        case .smtp: "ADDRESS_TYPE_SMTP"
        case .displayName: "ADDRESS_TYPE_DISPLAY_NAME"
        case .external: "ADDRESS_TYPE_EXTERNAL"
        }
    }
}
