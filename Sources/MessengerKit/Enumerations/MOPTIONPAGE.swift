/// The tab `IMessenger::OptionsPages` opens (spec §5.8). The sources
/// disagree on tab labels; only the values matter (C55).
public enum MOPTIONPAGE: Int32, AutomationEnumeration {
    /// The default tab.
    case general = 0
    case privacy = 1
    case exchange = 2
    case accounts = 3
    case connection = 4
    case preferences = 5
    case services = 6
    case phone = 7

    public var name: String {
        switch self {
        case .general: "MOPT_GENERAL_PAGE"
        case .privacy: "MOPT_PRIVACY_PAGE"
        case .exchange: "MOPT_EXCHANGE_PAGE"
        case .accounts: "MOPT_ACCOUNTS_PAGE"
        case .connection: "MOPT_CONNECTION_PAGE"
        case .preferences: "MOPT_PREFERENCES_PAGE"
        case .services: "MOPT_SERVICES_PAGE"
        case .phone: "MOPT_PHONE_PAGE"
        }
    }

    /// The Windows Messenger 4.7 name of the same value (`MOPTDLGPAGE`,
    /// prefix `MOPTDLG_`), e.g. `"MOPTDLG_GENERAL_PAGE"`.
    public var legacyName: String {
        "MOPTDLG_" + name.dropFirst("MOPT_".count)
    }
}
