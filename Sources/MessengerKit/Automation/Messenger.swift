import Logging
import XMPPCore

/// The `Messenger` object (IMessenger, IMessenger2, IMessenger3,
/// IMessengerAdvanced, IMessengerContactResolution): one running
/// Communicator instance for one account, driven the way a user would.
///
/// ```swift
/// let messenger = try Messenger(configuration: .init(signinName: "alice@example.test", password: "secret"))
/// let events = await messenger.events()
/// try await messenger.autoSignin()
/// let window = try await messenger.instantMessage("bob@example.test")
/// try await window.sendText("Hello")
/// ```
///
/// Members are Swift-cased and one-to-one with spec §3. Failures throw
/// `MessengerError` with the documented HRESULT; members that can succeed in
/// more than one way return `MessengerSuccess` so `S_FALSE`/`MSGR_S_*` show.
public final class Messenger: Sendable {
    let backend: ObjectBackend

    /// E_INVALIDARG when the sign-in name is not an account address.
    public init(configuration: Configuration, logger: Logger = Logger(label: "messengerkit")) throws(MessengerError) {
        try SigninNameRule.validate(configuration.signinName, what: "sign-in name")
        let (_, jid) = ContactKey.resolve(configuration.signinName, defaultDomain: nil)
        guard let jid else {
            throw MessengerError(.E_INVALIDARG, "\(configuration.signinName) is not an account address (user@domain)")
        }
        backend = .local(MessengerEngine(configuration: configuration, account: jid, logger: logger))
    }

    /// A messenger whose state lives elsewhere (see `Messenger(attachingTo:)`).
    init(backend: ObjectBackend) {
        self.backend = backend
    }

    /// An attached messenger leaves the other process's client running.
    deinit {
        guard case .local(let engine) = backend else { return }
        Task { await engine.shutdown() }
    }

    /// A new subscription to every event from now on, in the order the state
    /// changed. Any number of subscribers; each gets every event.
    public func events() async -> AsyncStream<MessengerEvent> {
        switch backend {
        case .local(let engine): await engine.subscribe()
        case .remote(let remote): await remote.events()
        }
    }

    // MARK: Signing in and out

    /// `AutoSignin` (§3.1.2): S_OK means the attempt started; its outcome is
    /// `OnSignin`, readiness `OnMyStatusChange(MISTATUS_ONLINE)`.
    public func autoSignin() async throws(MessengerError) {
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.autoSignin() }
        case .remote(let remote): try await remote.run("Messenger.AutoSignin")
        }
    }

    /// `Signin` (§3.1.14): deprecated in Communicator 2007, which ignores the
    /// arguments and signs in like `AutoSignin` (C6).
    public func signin(hwndParent: Int = 0, signinName: String? = nil, password: String? = nil) async throws(MessengerError) {
        try await autoSignin()
    }

    /// `Signout` (§3.1.15).
    public func signout() async throws(MessengerError) {
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.signout() }
        case .remote(let remote): try await remote.run("Messenger.Signout")
        }
    }

    // MARK: Conversations, calls, pages

    /// `InstantMessage` (§3.1.5): opens, or reuses (R5), the conversation window with the contact.
    public func instantMessage(_ contact: ContactArgument) async throws(MessengerError) -> MessengerConversationWindow {
        switch backend {
        case .local(let engine):
            let id = try await engine.mutate { state throws(MessengerError) in try state.instantMessage(contact) }
            return await engine.conversationObject(id)
        case .remote(let remote):
            return try await remote.conversation(remote.call("Messenger.InstantMessage", nil, ["contact": contact.remoteValue]).value)
        }
    }

    /// `Phone` (§3.1.11): the single Phone Call dialog.
    public func phone(_ contact: ContactArgument, type: MPHONE_TYPE, number: String? = nil) async throws(MessengerError) -> MessengerWindow {
        try await phone(contact, rawType: type.rawValue, number: number)
    }

    /// `Phone` with the phone type as a raw value, so out-of-range values can be passed (and rejected).
    public func phone(_ contact: ContactArgument, rawType: Int32, number: String?) async throws(MessengerError) -> MessengerWindow {
        switch backend {
        case .local(let engine):
            let id = try await engine.mutate { state throws(MessengerError) in try state.phone(contact, type: rawType, number: number) }
            return await engine.windowObject(id)
        case .remote(let remote):
            let params: [String: JSONValue] = ["contact": contact.remoteValue, "type": JSONValue(rawType), "number": number.remoteValue]
            return try await remote.window(remote.call("Messenger.Phone", nil, params).value)
        }
    }

    /// `Page` (§3.1.10): the Page window for a contact who has paging enabled.
    public func page(_ contact: ContactArgument) async throws(MessengerError) -> MessengerWindow {
        switch backend {
        case .local(let engine):
            let id = try await engine.mutate { state throws(MessengerError) in try state.page(contact) }
            return await engine.windowObject(id)
        case .remote(let remote):
            return try await remote.window(remote.call("Messenger.Page", nil, ["contact": contact.remoteValue]).value)
        }
    }

    // MARK: Objects

    /// `Window`: the main window. Attached, it is fetched once when attaching.
    public var window: MessengerWindow {
        get async {
            switch backend {
            case .local(let engine): await engine.mainWindowObject()
            case .remote(let remote): await remote.mainWindow
            }
        }
    }

    /// `MyContacts`: the contact list (empty while signed out).
    public var myContacts: MessengerContacts {
        MessengerContacts(backend: backend, source: .contactList)
    }

    /// `MyGroups` (IMessenger2).
    public var myGroups: MessengerGroups {
        MessengerGroups(backend: backend)
    }

    /// `Services`: exactly one, the primary service.
    public var services: MessengerServices {
        MessengerServices(backend: backend)
    }

    /// `GetContact` (§3.1.4).
    public func getContact(_ signinName: String?, serviceID: String?) async throws(MessengerError) -> MessengerContact {
        switch backend {
        case .local(let engine):
            let key = try await engine.mutate { state throws(MessengerError) in try state.getContact(signinName, serviceID: serviceID) }
            return await engine.contactObject(key)
        case .remote(let remote):
            let params: [String: JSONValue] = ["signinName": signinName.remoteValue, "serviceId": serviceID.remoteValue]
            return try await remote.contact(remote.call("Messenger.GetContact", nil, params).value)
        }
    }

    /// `CreateGroup` (IMessenger2): an existing name returns that group with `MSGR_S_GROUP_ALREADY_EXISTS`.
    public func createGroup(_ name: String?, service: ServiceArgument = .none) async throws(MessengerError) -> MessengerSuccess<MessengerGroup> {
        switch backend {
        case .local(let engine):
            let created = try await engine.mutate { state throws(MessengerError) in try state.createGroup(name, service: service) }
            return MessengerSuccess(await engine.groupObject(created.value), hresult: created.hresult)
        case .remote(let remote):
            let reply = try await remote.call("Messenger.CreateGroup", nil, ["groupName": name.remoteValue, "service": service.remoteValue])
            return MessengerSuccess(try await remote.group(reply.value), hresult: reply.hr)
        }
    }
}
