/// Properties of a conversation window, `IMessengerWindow::Property` (spec §5.5).
public enum MWINDOWPROPERTY: Int32, AutomationEnumeration {
    case invalidProperty = -1
    /// Whether the sidebar is shown.
    case viewSidebar = 0
    /// Whether the toolbar is shown.
    case viewToolbar = 1

    public var name: String {
        switch self {
        case .invalidProperty: "MWINDOWPROP_INVALID_PROPERTY"
        case .viewSidebar: "MWINDOWPROP_VIEW_SIDEBAR"
        case .viewToolbar: "MWINDOWPROP_VIEW_TOOLBAR"
        }
    }
}
