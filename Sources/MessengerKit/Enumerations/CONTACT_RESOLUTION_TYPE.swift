/// How far `ResolveContact` may look (spec §5.12).
public enum CONTACT_RESOLUTION_TYPE: Int32, AutomationEnumeration {
    /// Cached data only, answered at once.
    case cachedOnly = 1
    /// Cached or looked up asynchronously.
    case any = 2

    public var name: String {
        switch self {
        case .cachedOnly: "CONTACT_RESOLUTION_CACHED_ONLY"
        case .any: "CONTACT_RESOLUTION_ANY"
        }
    }
}
