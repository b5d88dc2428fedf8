/// `MessengerPriv` (IMessengerPrivate, §3.16): adding contacts without UI.
public final class MessengerPrivate: Sendable {
    let messenger: Messenger

    public init(messenger: Messenger) {
        self.messenger = messenger
    }

    /// `AddContact`: NULL name ⇒ E_POINTER, R1 ⇒ E_INVALIDARG, signed out ⇒
    /// MSGR_E_NOT_LOGGED_ON (C58); the outcome is `OnContactListAdd`.
    public func addContact(_ signinName: String?, service: ServiceArgument = .none) async throws(MessengerError) {
        switch messenger.backend {
        case .local(let engine):
            _ = try await engine.mutate { state throws(MessengerError) in
                try state.addContactWithoutUI(signinName, service: service)
            }
        case .remote(let remote):
            try await remote.run("MessengerPrivate.AddContact", nil, ["signinName": signinName.remoteValue, "service": service.remoteValue])
        }
    }

    /// `EnableAlertEvents`: not implemented in Communicator 2007 (C59).
    public func enableAlertEvents(siteIDs: [Int32]) throws(MessengerError) {
        throw MessengerError(.E_NOTIMPL, "alerts are not implemented")
    }
}
