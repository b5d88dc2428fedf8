/// `MessengerService` (§3.11): the primary (and only) service.
public final class MessengerService: Sendable {
    let backend: ObjectBackend

    init(backend: ObjectBackend) {
        self.backend = backend
    }

    private var handle: String { RemoteHandle.primaryService }

    public var serviceName: String { PrimaryService.name }

    public var serviceID: String {
        get async {
            switch backend {
            case .local(let engine): await engine.read { PrimaryService.id(for: $0.account) }
            case .remote(let remote): await remote.get("Service.get_ServiceID", handle, or: "")
            }
        }
    }

    /// MSGR_E_NOT_LOGGED_ON while signed out.
    public var myFriendlyName: String {
        get async throws(MessengerError) {
            switch backend {
            case .local(let engine):
                try await engine.read { state throws(MessengerError) in
                    try state.requireSignedIn()
                    return state.myDisplayName
                }
            case .remote(let remote): try await remote.get("Service.get_MyFriendlyName", handle)
            }
        }
    }

    public var mySigninName: String {
        get async throws(MessengerError) {
            switch backend {
            case .local(let engine):
                try await engine.read { state throws(MessengerError) in
                    try state.requireSignedIn()
                    return state.account.description
                }
            case .remote(let remote): try await remote.get("Service.get_MySigninName", handle)
            }
        }
    }

    public var myStatus: MISTATUS {
        get async {
            switch backend {
            case .local(let engine): await engine.read { $0.reportedMyStatus }
            case .remote(let remote): await remote.get("Service.get_MyStatus", handle, or: .offline)
            }
        }
    }

    /// `Property`: reserved, E_INVALIDARG in every case (C57).
    public func property(rawType: Int32) throws(MessengerError) -> Never {
        throw MessengerError(.E_INVALIDARG, "service properties are reserved")
    }
}

/// `MessengerServices` (§3.12): exactly one service, also while signed out.
/// Its members need no call on an attached messenger: the answer is the same.
public final class MessengerServices: Sendable {
    let backend: ObjectBackend

    init(backend: ObjectBackend) {
        self.backend = backend
    }

    public var primaryService: MessengerService { MessengerService(backend: backend) }

    public var count: Int { 1 }

    public func item(_ index: Int) throws(MessengerError) -> MessengerService {
        guard index >= 0 else { throw MessengerError(.E_INVALIDARG, "index \(index) is negative") }
        guard index < 1 else { throw MessengerError(.E_FAIL, "index \(index) is past the end (1 item)") }
        return primaryService
    }
}
