/// Service properties are reserved; this is the only member (spec §5.6).
public enum MSERVICEPROPERTY: Int32, AutomationEnumeration {
    case invalidProperty = -1

    public var name: String {
        switch self {
        case .invalidProperty: "MSERVICEPROP_INVALID_PROPERTY"
        }
    }
}
