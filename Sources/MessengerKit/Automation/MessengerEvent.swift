/// The `DMessengerEvents` the Communicator 2007 profile raises (§4.1, §4.2),
/// with the spec's parameters. Events that carry `hr` may carry a failure;
/// check it first. Consume them with `Messenger.events()`.
///
/// Not raised in this profile: `OnContactPropertyChange`, `OnContactResolved`
/// (C47), `OnUnreadEmailChange` (no mailbox), `OnMyPropertyChange` (no
/// settable property). `OnContactPagerChange` is raised, though the OC
/// profile never did (C42): this client learns of profile changes live.
public enum MessengerEvent: Sendable {
    case signin(hr: HRESULT)
    case signout
    case contactListAdd(hr: HRESULT, contact: MessengerContact)
    case contactListRemove(hr: HRESULT, contact: MessengerContact)
    case contactFriendlyNameChange(hr: HRESULT, contact: MessengerContact, previousFriendlyName: String)
    case myFriendlyNameChange(hr: HRESULT, previousFriendlyName: String)
    /// `status` is the new state (C19).
    case contactStatusChange(contact: MessengerContact, status: MISTATUS)
    /// `status` is the current state.
    case myStatusChange(hr: HRESULT, status: MISTATUS)
    case appShutdown
    case contactBlockChange(hr: HRESULT, contact: MessengerContact, blocked: Bool)
    case contactPhoneChange(hr: HRESULT, contact: MessengerContact, type: MPHONE_TYPE, number: String)
    case myPhoneChange(type: MPHONE_TYPE, number: String)
    /// A listed contact's `CanPage` flipped after its profile first loaded;
    /// `pageable` is the new value (C42).
    case contactPagerChange(hr: HRESULT, contact: MessengerContact, pageable: Bool)
    case imWindowCreated(window: MessengerConversationWindow)
    case imWindowDestroyed(window: MessengerConversationWindow)
    case imWindowContactAdded(contact: MessengerContact, window: MessengerConversationWindow)
    case imWindowContactRemoved(contact: MessengerContact, window: MessengerConversationWindow)
    case groupAdded(hr: HRESULT, group: MessengerGroup)
    case groupRemoved(hr: HRESULT, group: MessengerGroup)
    case groupNameChanged(hr: HRESULT, group: MessengerGroup)
    case contactAddedToGroup(hr: HRESULT, group: MessengerGroup, contact: MessengerContact)
    case contactRemovedFromGroup(hr: HRESULT, group: MessengerGroup, contact: MessengerContact)
    /// Project addition (not in DMessengerEvents): the Phone dialog's call
    /// changed state — an incoming call rings, a call connects or ends. `hr`
    /// is the failure of a call that ended badly (docs/phone.md), else S_OK.
    case phoneCallChange(hr: HRESULT, window: MessengerWindow, state: PhoneCallState)

    /// The event's name in the spec (`"OnContactStatusChange"`).
    public var name: String {
        switch self {
        case .signin: "OnSignin"
        case .signout: "OnSignout"
        case .contactListAdd: "OnContactListAdd"
        case .contactListRemove: "OnContactListRemove"
        case .contactFriendlyNameChange: "OnContactFriendlyNameChange"
        case .myFriendlyNameChange: "OnMyFriendlyNameChange"
        case .contactStatusChange: "OnContactStatusChange"
        case .myStatusChange: "OnMyStatusChange"
        case .appShutdown: "OnAppShutdown"
        case .contactBlockChange: "OnContactBlockChange"
        case .contactPhoneChange: "OnContactPhoneChange"
        case .myPhoneChange: "OnMyPhoneChange"
        case .contactPagerChange: "OnContactPagerChange"
        case .imWindowCreated: "OnIMWindowCreated"
        case .imWindowDestroyed: "OnIMWindowDestroyed"
        case .imWindowContactAdded: "OnIMWindowContactAdded"
        case .imWindowContactRemoved: "OnIMWindowContactRemoved"
        case .groupAdded: "OnGroupAdded"
        case .groupRemoved: "OnGroupRemoved"
        case .groupNameChanged: "OnGroupNameChanged"
        case .contactAddedToGroup: "OnContactAddedToGroup"
        case .contactRemovedFromGroup: "OnContactRemovedFromGroup"
        case .phoneCallChange: "OnPhoneCallChange"
        }
    }

    /// The DISPID from the spec's §4.1 table (third-party header).
    public var dispatchID: Int32 {
        switch self {
        case .signin: 0x400
        case .signout: 0x401
        case .contactListAdd: 0x402
        case .contactListRemove: 0x403
        case .contactFriendlyNameChange: 0x404
        case .myFriendlyNameChange: 0x405
        case .contactStatusChange: 0x406
        case .myStatusChange: 0x407
        case .appShutdown: 0x408
        case .contactBlockChange: 0x40B
        case .contactPagerChange: 0x40C
        case .contactPhoneChange: 0x40D
        case .myPhoneChange: 0x40E
        case .imWindowCreated: 0x411
        case .imWindowDestroyed: 0x412
        case .imWindowContactAdded: 0x413
        case .imWindowContactRemoved: 0x414
        case .groupAdded: 0x415
        case .groupRemoved: 0x416
        case .groupNameChanged: 0x417
        case .contactAddedToGroup: 0x418
        case .contactRemovedFromGroup: 0x419
        // Outside the spec's 0x400–0x419 range, so it can never clash with one of its events.
        case .phoneCallChange: 0x1000
        }
    }
}
