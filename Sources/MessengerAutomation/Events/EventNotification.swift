import MessengerKit

/// A `DMessengerEvents` event as the notification the endpoint sends
/// (automation-rpc.md, Events): method `Event.<name>`, objects as handles.
enum EventNotification {
    static func method(for event: MessengerEvent) -> String {
        "Event." + event.name
    }

    static func params(for event: MessengerEvent) -> [String: JSONValue] {
        func hr(_ value: HRESULT) -> JSONValue { JSONValue(value.signedValue) }
        switch event {
        case .signin(let code): return ["hr": hr(code)]
        case .signout, .appShutdown: return [:]
        case .contactListAdd(let code, let contact), .contactListRemove(let code, let contact):
            return ["hr": hr(code), "contact": Handle.value(contact)]
        case .contactFriendlyNameChange(let code, let contact, let previous):
            return ["hr": hr(code), "contact": Handle.value(contact), "prevFriendlyName": .string(previous)]
        case .myFriendlyNameChange(let code, let previous):
            return ["hr": hr(code), "prevFriendlyName": .string(previous)]
        case .contactStatusChange(let contact, let status):
            return ["contact": Handle.value(contact), "status": JSONValue(status.rawValue)]
        case .myStatusChange(let code, let status):
            return ["hr": hr(code), "status": JSONValue(status.rawValue)]
        case .contactBlockChange(let code, let contact, let blocked):
            return ["hr": hr(code), "contact": Handle.value(contact), "blocked": .bool(blocked)]
        case .contactPhoneChange(let code, let contact, let type, let number):
            return ["hr": hr(code), "contact": Handle.value(contact), "type": JSONValue(type.rawValue), "number": .string(number)]
        case .myPhoneChange(let type, let number):
            return ["type": JSONValue(type.rawValue), "number": .string(number)]
        case .contactPagerChange(let code, let contact, let pageable):
            return ["hr": hr(code), "contact": Handle.value(contact), "pageable": .bool(pageable)]
        case .imWindowCreated(let window), .imWindowDestroyed(let window):
            return ["window": Handle.value(window)]
        case .imWindowContactAdded(let contact, let window), .imWindowContactRemoved(let contact, let window):
            return ["contact": Handle.value(contact), "window": Handle.value(window)]
        case .groupAdded(let code, let group), .groupRemoved(let code, let group), .groupNameChanged(let code, let group):
            return ["hr": hr(code), "group": Handle.value(group)]
        case .contactAddedToGroup(let code, let group, let contact), .contactRemovedFromGroup(let code, let group, let contact):
            return ["hr": hr(code), "group": Handle.value(group), "contact": Handle.value(contact)]
        case .phoneCallChange(let code, let window, let state):
            return ["hr": hr(code), "window": Handle.value(window), "phase": .string(state.name),
                    "state": .string(state.displayText)]
        }
    }

    /// Every event name the client raises, for validating `Events.Subscribe`'s `names`.
    static let knownNames: Set<String> = [
        "OnSignin", "OnSignout", "OnContactListAdd", "OnContactListRemove", "OnContactFriendlyNameChange",
        "OnMyFriendlyNameChange", "OnContactStatusChange", "OnMyStatusChange", "OnAppShutdown", "OnContactBlockChange",
        "OnContactPhoneChange", "OnMyPhoneChange", "OnIMWindowCreated", "OnIMWindowDestroyed", "OnIMWindowContactAdded",
        "OnIMWindowContactRemoved", "OnGroupAdded", "OnGroupRemoved", "OnGroupNameChanged", "OnContactAddedToGroup",
        "OnContactRemovedFromGroup", "OnPhoneCallChange", "OnContactPagerChange",
        // Documented but not raised in this profile; subscribing to them is not an error.
        "OnContactPropertyChange", "OnMyPropertyChange", "OnUnreadEmailChange", "OnContactResolved",
    ]
}
