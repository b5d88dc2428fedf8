import XMPPCore

/// A `DMessengerEvents` event as the state machine raises it: objects are
/// named by key or id; the engine turns them into API objects.
enum ClientEvent: Sendable {
    case signin(HRESULT)
    case signout
    case contactListAdd(HRESULT, ContactKey)
    case contactListRemove(HRESULT, ContactKey)
    case contactFriendlyNameChange(HRESULT, ContactKey, previousName: String)
    case myFriendlyNameChange(HRESULT, previousName: String)
    case contactStatusChange(ContactKey, MISTATUS)
    case myStatusChange(HRESULT, MISTATUS)
    case appShutdown
    case contactBlockChange(HRESULT, ContactKey, blocked: Bool)
    case contactPhoneChange(HRESULT, ContactKey, MPHONE_TYPE, number: String)
    case myPhoneChange(MPHONE_TYPE, number: String)
    /// `pageable` is the new `CanPage` (C42).
    case contactPagerChange(HRESULT, ContactKey, pageable: Bool)
    case imWindowCreated(windowID: Int)
    case imWindowDestroyed(windowID: Int)
    case imWindowContactAdded(ContactKey, windowID: Int)
    case imWindowContactRemoved(ContactKey, windowID: Int)
    case groupAdded(HRESULT, groupID: Int)
    case groupRemoved(HRESULT, groupID: Int)
    case groupNameChanged(HRESULT, groupID: Int)
    case contactAddedToGroup(HRESULT, groupID: Int, ContactKey)
    case contactRemovedFromGroup(HRESULT, groupID: Int, ContactKey)
    /// Project addition: the Phone dialog's call changed state.
    case phoneCallChange(windowID: Int, PhoneCallState)
}

/// What the state machine asks the engine to do after a change.
enum ClientEffect: Sendable {
    /// Send a stanza; its answer, if any, does not matter.
    case send(XMLElement)
    /// Send an iq and report its answer back with `completed(_:result:)`.
    case request(XMLElement, PendingRequest)
    case emit(ClientEvent)
    /// Start connecting with the stored credentials.
    case connect
    /// Send unavailable presence, close the stream, stay signed out.
    case disconnect
    /// Keep a transcript line in the configured archive.
    case archive(ArchivedMessage)
    /// Ask the SIP user agent to call `target` (a `sip:` URI); it answers
    /// with `callPlaced` or `callPlacementFailed` for `attempt`.
    case placeCall(attempt: Int, target: String)
    /// End a call the user agent knows (CANCEL or BYE).
    case hangUpCall(String)
    case answerCall(String)
    case declineCall(String)
}

/// Why an iq was sent, so its answer lands in the right place.
enum PendingRequest: Sendable {
    case rosterLoad
    case blocklistLoad
    case groupListLoad
    case ownProfileLoad
    case contactProfile(ContactKey)
    case rosterAdd(ContactKey)
    case rosterRemove(ContactKey)
    case rosterGroupChange(ContactKey, groupID: Int, adding: Bool)
    case groupRename(groupID: Int, newName: String)
    case groupListStore
    case blockChange(ContactKey, blocking: Bool)
    case profilePublish
    case invisibility(Bool)
}

/// The answer to a `PendingRequest`'s iq.
enum RequestResult: Sendable {
    case result(XMLElement)
    case error(StanzaError)
    /// No answer: timeout or the connection went away.
    case failed
}
