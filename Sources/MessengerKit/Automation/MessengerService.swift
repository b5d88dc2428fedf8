/// `MessengerService` (§3.11): the primary (and only) service.
public final class MessengerService: Sendable {
    let engine: MessengerEngine

    init(engine: MessengerEngine) {
        self.engine = engine
    }

    public var serviceName: String { PrimaryService.name }

    public var serviceID: String {
        get async { await engine.read { PrimaryService.id(for: $0.account) } }
    }

    /// MSGR_E_NOT_LOGGED_ON while signed out.
    public var myFriendlyName: String {
        get async throws(MessengerError) {
            try await engine.read { state throws(MessengerError) in
                try state.requireSignedIn()
                return state.myDisplayName
            }
        }
    }

    public var mySigninName: String {
        get async throws(MessengerError) {
            try await engine.read { state throws(MessengerError) in
                try state.requireSignedIn()
                return state.account.description
            }
        }
    }

    public var myStatus: MISTATUS {
        get async { await engine.read { $0.reportedMyStatus } }
    }

    /// `Property`: reserved, E_INVALIDARG in every case (C57).
    public func property(rawType: Int32) throws(MessengerError) -> Never {
        throw MessengerError(.E_INVALIDARG, "service properties are reserved")
    }
}

/// `MessengerServices` (§3.12): exactly one service, also while signed out.
public final class MessengerServices: Sendable {
    let engine: MessengerEngine

    init(engine: MessengerEngine) {
        self.engine = engine
    }

    public var primaryService: MessengerService { MessengerService(engine: engine) }

    public var count: Int { 1 }

    public func item(_ index: Int) throws(MessengerError) -> MessengerService {
        guard index >= 0 else { throw MessengerError(.E_INVALIDARG, "index \(index) is negative") }
        guard index < 1 else { throw MessengerError(.E_FAIL, "index \(index) is past the end (1 item)") }
        return primaryService
    }
}
