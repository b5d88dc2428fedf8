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
    let engine: MessengerEngine

    /// E_INVALIDARG when the sign-in name is not an account address.
    public init(configuration: Configuration, logger: Logger = Logger(label: "messengerkit")) throws(MessengerError) {
        try SigninNameRule.validate(configuration.signinName, what: "sign-in name")
        let (_, jid) = ContactKey.resolve(configuration.signinName, defaultDomain: nil)
        guard let jid else {
            throw MessengerError(.E_INVALIDARG, "\(configuration.signinName) is not an account address (user@domain)")
        }
        engine = MessengerEngine(configuration: configuration, account: jid, logger: logger)
    }

    deinit {
        let engine = self.engine
        Task { await engine.shutdown() }
    }

    /// A new subscription to every event from now on, in the order the state
    /// changed. Any number of subscribers; each gets every event.
    public func events() async -> AsyncStream<MessengerEvent> {
        await engine.subscribe()
    }

    // MARK: Signing in and out

    /// `AutoSignin` (§3.1.2): S_OK means the attempt started; its outcome is
    /// `OnSignin`, readiness `OnMyStatusChange(MISTATUS_ONLINE)`.
    public func autoSignin() async throws(MessengerError) {
        try await engine.mutate { state throws(MessengerError) in try state.autoSignin() }
    }

    /// `Signin` (§3.1.14): deprecated in Communicator 2007, which ignores the
    /// arguments and signs in like `AutoSignin` (C6).
    public func signin(hwndParent: Int = 0, signinName: String? = nil, password: String? = nil) async throws(MessengerError) {
        try await autoSignin()
    }

    /// `Signout` (§3.1.15).
    public func signout() async throws(MessengerError) {
        try await engine.mutate { state throws(MessengerError) in try state.signout() }
    }

    // MARK: Conversations, calls, pages

    /// `InstantMessage` (§3.1.5): opens, or reuses (R5), the conversation window with the contact.
    public func instantMessage(_ contact: ContactArgument) async throws(MessengerError) -> MessengerConversationWindow {
        let id = try await engine.mutate { state throws(MessengerError) in try state.instantMessage(contact) }
        return await engine.conversationObject(id)
    }

    /// `Phone` (§3.1.11): the single Phone Call dialog.
    public func phone(_ contact: ContactArgument, type: MPHONE_TYPE, number: String? = nil) async throws(MessengerError) -> MessengerWindow {
        try await phone(contact, rawType: type.rawValue, number: number)
    }

    /// `Phone` with the phone type as a raw value, so out-of-range values can be passed (and rejected).
    public func phone(_ contact: ContactArgument, rawType: Int32, number: String?) async throws(MessengerError) -> MessengerWindow {
        let id = try await engine.mutate { state throws(MessengerError) in try state.phone(contact, type: rawType, number: number) }
        return await engine.windowObject(id)
    }

    /// `Page` (§3.1.10): the Page window for a contact who has paging enabled.
    public func page(_ contact: ContactArgument) async throws(MessengerError) -> MessengerWindow {
        let id = try await engine.mutate { state throws(MessengerError) in try state.page(contact) }
        return await engine.windowObject(id)
    }

    // MARK: Objects

    /// `Window`: the main window.
    public var window: MessengerWindow {
        get async { await engine.mainWindowObject() }
    }

    /// `MyContacts`: the contact list (empty while signed out).
    public var myContacts: MessengerContacts {
        MessengerContacts(engine: engine, source: .contactList)
    }

    /// `MyGroups` (IMessenger2).
    public var myGroups: MessengerGroups {
        MessengerGroups(engine: engine)
    }

    /// `Services`: exactly one, the primary service.
    public var services: MessengerServices {
        MessengerServices(engine: engine)
    }

    /// `GetContact` (§3.1.4).
    public func getContact(_ signinName: String?, serviceID: String?) async throws(MessengerError) -> MessengerContact {
        let key = try await engine.mutate { state throws(MessengerError) in try state.getContact(signinName, serviceID: serviceID) }
        return await engine.contactObject(key)
    }

    /// `CreateGroup` (IMessenger2): an existing name returns that group with `MSGR_S_GROUP_ALREADY_EXISTS`.
    public func createGroup(_ name: String?, service: ServiceArgument = .none) async throws(MessengerError) -> MessengerSuccess<MessengerGroup> {
        let created = try await engine.mutate { state throws(MessengerError) in try state.createGroup(name, service: service) }
        return MessengerSuccess(await engine.groupObject(created.value), hresult: created.hresult)
    }
}
