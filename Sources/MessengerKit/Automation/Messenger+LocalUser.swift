/// The local user's properties on `IMessenger` (§3.1.18) and the
/// `IMessenger2`/`IMessenger3` settings.
extension Messenger {
    /// `get_MyStatus`: MISTATUS_OFFLINE while signed out (C26).
    public var myStatus: MISTATUS {
        get async { await engine.state.reportedMyStatus }
    }

    /// `put_MyStatus`: user-selectable states only (E_INVALIDARG otherwise);
    /// the result is `OnMyStatusChange`, raised even when nothing changed.
    public func setMyStatus(_ status: MISTATUS) async throws(MessengerError) {
        try await setMyStatus(rawValue: status.rawValue)
    }

    public func setMyStatus(rawValue: Int32) async throws(MessengerError) {
        try await engine.mutate { state throws(MessengerError) in try state.putMyStatus(rawValue) }
    }

    /// `MySigninName`: MSGR_E_NOT_LOGGED_ON while signed out (C24).
    public var mySigninName: String {
        get async throws(MessengerError) {
            try await engine.read { state throws(MessengerError) in
                try state.requireSignedIn()
                return state.account.description
            }
        }
    }

    /// `MyFriendlyName`: the empty string while signed out (C24).
    public var myFriendlyName: String {
        get async { await engine.read { state in state.isSignedIn ? state.myDisplayName : "" } }
    }

    /// `MyServiceId`: the primary service's ID, also while signed out.
    public var myServiceID: String {
        get async { await engine.read { state in PrimaryService.id(for: state.account) } }
    }

    /// `MyServiceName`.
    public var myServiceName: String { PrimaryService.name }

    /// `MyPhoneNumber(PhoneType)`.
    public func myPhoneNumber(_ type: MPHONE_TYPE) async throws(MessengerError) -> String {
        try await myPhoneNumber(rawType: type.rawValue)
    }

    public func myPhoneNumber(rawType: Int32) async throws(MessengerError) -> String {
        try await engine.read { state throws(MessengerError) in try state.myPhoneNumber(type: rawType) }
    }

    /// `MyProperty`: reserved, E_INVALIDARG in every case (§3.1.18).
    public func myProperty(rawType: Int32) throws(MessengerError) -> Never {
        throw MessengerError(.E_INVALIDARG, "MyProperty is reserved")
    }

    public func setMyProperty(rawType: Int32, value: String) throws(MessengerError) {
        throw MessengerError(.E_INVALIDARG, "MyProperty is reserved")
    }

    /// `IMessenger3::Property` get: the client version (a dotted string) or its LCID.
    public func property(_ type: MMESSENGERPROPERTY) -> MessengerPropertyValue {
        switch type {
        case .version: .version(Self.clientVersion)
        case .plcid: .lcid(0x0409)
        }
    }

    public func property(rawType: Int32) throws(MessengerError) -> MessengerPropertyValue {
        guard let type = MMESSENGERPROPERTY(rawValue: rawType) else {
            throw MessengerError(.E_INVALIDARG, "\(rawType) is not an MMESSENGERPROPERTY")
        }
        return property(type)
    }

    /// `IMessenger3::Property` put: reserved, always E_INVALIDARG.
    public func setProperty(rawType: Int32, value: String) throws(MessengerError) {
        throw MessengerError(.E_INVALIDARG, "Property cannot be set")
    }

    /// The version `MMESSENGERPROP_VERSION` reports.
    public static let clientVersion = "2.0.0"

    /// `ContactsSortOrder` (IMessenger2).
    public var contactsSortOrder: MUASORT {
        get async throws(MessengerError) {
            try await engine.read { state throws(MessengerError) in
                try state.requireSignedIn()
                return state.contactsSortOrder
            }
        }
    }

    public func setContactsSortOrder(rawValue: Int32) async throws(MessengerError) {
        try await engine.mutate { state throws(MessengerError) in
            guard let order = MUASORT(rawValue: rawValue) else {
                throw MessengerError(.E_INVALIDARG, "\(rawValue) is not an MUASORT")
            }
            try state.requireSignedIn()
            state.contactsSortOrder = order
        }
    }

    /// `UnreadEmailCount`: this client has no mailbox, so signed in it is
    /// S_FALSE with -1 ("no inbox"), signed out MSGR_E_NOT_LOGGED_ON (C25).
    public func unreadEmailCount(rawFolder: Int32) async throws(MessengerError) -> MessengerSuccess<Int32> {
        try await engine.read { state throws(MessengerError) in
            guard rawFolder == MUAFOLDER.inbox.rawValue else {
                throw MessengerError(.E_FAIL, "only MUAFOLDER_INBOX is counted")
            }
            try state.requireSignedIn()
            return MessengerSuccess(-1, hresult: .S_FALSE)
        }
    }
}

/// A value `IMessenger3::Property` returns.
public enum MessengerPropertyValue: Sendable, Hashable {
    case version(String)
    case lcid(Int32)
}
