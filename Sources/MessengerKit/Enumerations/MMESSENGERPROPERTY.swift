/// Properties of the client itself, `IMessenger3::Property` (spec §5.4).
public enum MMESSENGERPROPERTY: Int32, AutomationEnumeration {
    /// The client version.
    case version = 0
    /// The client's locale identifier.
    case plcid = 1

    public var name: String {
        switch self {
        case .version: "MMESSENGERPROP_VERSION"
        case .plcid: "MMESSENGERPROP_PLCID"
        }
    }
}
