/// The local user's properties on `IMessenger` (§3.1.18) and the
/// `IMessenger2`/`IMessenger3` settings.
extension Messenger {
    /// `get_MyStatus`: MISTATUS_OFFLINE while signed out (C26).
    public var myStatus: MISTATUS {
        get async {
            switch backend {
            case .local(let engine): await engine.state.reportedMyStatus
            case .remote(let remote): await remote.get("Messenger.get_MyStatus", or: .offline)
            }
        }
    }

    /// `put_MyStatus`: user-selectable states only (E_INVALIDARG otherwise);
    /// the result is `OnMyStatusChange`, raised even when nothing changed.
    public func setMyStatus(_ status: MISTATUS) async throws(MessengerError) {
        try await setMyStatus(rawValue: status.rawValue)
    }

    public func setMyStatus(rawValue: Int32) async throws(MessengerError) {
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.putMyStatus(rawValue) }
        case .remote(let remote): try await remote.run("Messenger.put_MyStatus", nil, ["value": JSONValue(rawValue)])
        }
    }

    /// `MySigninName`: MSGR_E_NOT_LOGGED_ON while signed out (C24).
    public var mySigninName: String {
        get async throws(MessengerError) {
            switch backend {
            case .local(let engine):
                try await engine.read { state throws(MessengerError) in
                    try state.requireSignedIn()
                    return state.account.description
                }
            case .remote(let remote): try await remote.get("Messenger.get_MySigninName")
            }
        }
    }

    /// `MyFriendlyName`: the empty string while signed out (C24).
    public var myFriendlyName: String {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.isSignedIn ? state.myDisplayName : "" }
            case .remote(let remote): await remote.get("Messenger.get_MyFriendlyName", or: "")
            }
        }
    }

    /// `MyServiceId`: the primary service's ID, also while signed out.
    public var myServiceID: String {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in PrimaryService.id(for: state.account) }
            case .remote(let remote): await remote.get("Messenger.get_MyServiceId", or: "")
            }
        }
    }

    /// `MyServiceName`.
    public var myServiceName: String { PrimaryService.name }

    /// `MyPhoneNumber(PhoneType)`.
    public func myPhoneNumber(_ type: MPHONE_TYPE) async throws(MessengerError) -> String {
        try await myPhoneNumber(rawType: type.rawValue)
    }

    public func myPhoneNumber(rawType: Int32) async throws(MessengerError) -> String {
        switch backend {
        case .local(let engine): try await engine.read { state throws(MessengerError) in try state.myPhoneNumber(type: rawType) }
        case .remote(let remote): try await remote.get("Messenger.get_MyPhoneNumber", nil, ["type": JSONValue(rawType)])
        }
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
            switch backend {
            case .local(let engine):
                try await engine.read { state throws(MessengerError) in
                    try state.requireSignedIn()
                    return state.contactsSortOrder
                }
            case .remote(let remote): try await remote.get("Messenger.get_ContactsSortOrder")
            }
        }
    }

    public func setContactsSortOrder(rawValue: Int32) async throws(MessengerError) {
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            try await remote.run("Messenger.put_ContactsSortOrder", nil, ["value": JSONValue(rawValue)])
            return
        }
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
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            let method = "Messenger.get_UnreadEmailCount"
            let reply = try await remote.call(method, nil, ["folder": JSONValue(rawFolder)])
            guard let count = reply.value.flatMap(Int32.init(remote:)) else { throw RemoteClient.unexpected(method, reply.value) }
            return MessengerSuccess(count, hresult: reply.hr)
        }
        return try await engine.read { state throws(MessengerError) in
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
