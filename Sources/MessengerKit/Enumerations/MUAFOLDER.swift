/// Mail folders, `OpenInbox` and `OnUnreadEmailChange` (spec §5.7).
/// One event page prints the prefix `MUADFOLDER_`; a typo (C13).
public enum MUAFOLDER: Int32, AutomationEnumeration {
    case inbox = 0
    /// Not implemented in any source; do not use.
    case allOtherFolders = 1

    public var name: String {
        switch self {
        case .inbox: "MUAFOLDER_INBOX"
        case .allOtherFolders: "MUAFOLDER_ALL_OTHER_FOLDERS"
        }
    }
}
