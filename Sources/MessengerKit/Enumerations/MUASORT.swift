/// Contact list sort order, `IMessenger2::ContactsSortOrder` (spec §5.7).
public enum MUASORT: Int32, AutomationEnumeration {
    /// By group.
    case groups = 0
    /// Online contacts first, then offline.
    case onOffline = 1

    public var name: String {
        switch self {
        case .groups: "MUASORT_GROUPS"
        case .onOffline: "MUASORT_ONOFFLINE"
        }
    }
}
