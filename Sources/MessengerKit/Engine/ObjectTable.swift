/// Interns the API objects so the same contact, group or window is always
/// the same Swift object (§1.5: `GetContact` twice gives one pointer, and
/// `===` holds where COM pointer equality held). Lives inside the engine actor.
final class ObjectTable {
    private var contacts: [ContactKey: MessengerContact] = [:]
    private var groups: [Int: MessengerGroup] = [:]
    private var windows: [Int: MessengerWindow] = [:]

    func contact(_ key: ContactKey, engine: MessengerEngine) -> MessengerContact {
        if let existing = contacts[key] { return existing }
        let object = MessengerContact(key: key, backend: .local(engine))
        contacts[key] = object
        return object
    }

    /// The contact object if one was ever handed out (no new object is made).
    func existingContact(_ key: ContactKey) -> MessengerContact? {
        contacts[key]
    }

    func group(_ id: Int, engine: MessengerEngine) -> MessengerGroup {
        if let existing = groups[id] { return existing }
        let object = MessengerGroup(id: id, backend: .local(engine))
        groups[id] = object
        return object
    }

    /// Conversation windows are `MessengerConversationWindow`s, so a window
    /// handed out anywhere can be cast to the conversation interface.
    func window(_ id: Int, isConversation: Bool, engine: MessengerEngine) -> MessengerWindow {
        if let existing = windows[id] { return existing }
        let object = isConversation ? MessengerConversationWindow(id: id, backend: .local(engine)) : MessengerWindow(id: id, backend: .local(engine))
        windows[id] = object
        return object
    }

    func conversation(_ id: Int, engine: MessengerEngine) -> MessengerConversationWindow {
        if let existing = windows[id] as? MessengerConversationWindow { return existing }
        let object = MessengerConversationWindow(id: id, backend: .local(engine))
        windows[id] = object
        return object
    }

    /// The public form of an event: keys and ids become objects.
    func event(for event: ClientEvent, engine: MessengerEngine) -> MessengerEvent {
        let contact = { (key: ContactKey) in self.contact(key, engine: engine) }
        let group = { (id: Int) in self.group(id, engine: engine) }
        let conversation = { (id: Int) in self.conversation(id, engine: engine) }
        switch event {
        case .signin(let hr): return .signin(hr: hr)
        case .signout: return .signout
        case .contactListAdd(let hr, let key): return .contactListAdd(hr: hr, contact: contact(key))
        case .contactListRemove(let hr, let key): return .contactListRemove(hr: hr, contact: contact(key))
        case .contactFriendlyNameChange(let hr, let key, let previous):
            return .contactFriendlyNameChange(hr: hr, contact: contact(key), previousFriendlyName: previous)
        case .myFriendlyNameChange(let hr, let previous): return .myFriendlyNameChange(hr: hr, previousFriendlyName: previous)
        case .contactStatusChange(let key, let status): return .contactStatusChange(contact: contact(key), status: status)
        case .myStatusChange(let hr, let status): return .myStatusChange(hr: hr, status: status)
        case .appShutdown: return .appShutdown
        case .contactBlockChange(let hr, let key, let blocked):
            return .contactBlockChange(hr: hr, contact: contact(key), blocked: blocked)
        case .contactPhoneChange(let hr, let key, let type, let number):
            return .contactPhoneChange(hr: hr, contact: contact(key), type: type, number: number)
        case .myPhoneChange(let type, let number): return .myPhoneChange(type: type, number: number)
        case .contactPagerChange(let hr, let key, let pageable):
            return .contactPagerChange(hr: hr, contact: contact(key), pageable: pageable)
        case .imWindowCreated(let id): return .imWindowCreated(window: conversation(id))
        case .imWindowDestroyed(let id): return .imWindowDestroyed(window: conversation(id))
        case .imWindowContactAdded(let key, let id): return .imWindowContactAdded(contact: contact(key), window: conversation(id))
        case .imWindowContactRemoved(let key, let id):
            return .imWindowContactRemoved(contact: contact(key), window: conversation(id))
        case .groupAdded(let hr, let id): return .groupAdded(hr: hr, group: group(id))
        case .groupRemoved(let hr, let id): return .groupRemoved(hr: hr, group: group(id))
        case .groupNameChanged(let hr, let id): return .groupNameChanged(hr: hr, group: group(id))
        case .contactAddedToGroup(let hr, let id, let key):
            return .contactAddedToGroup(hr: hr, group: group(id), contact: contact(key))
        case .contactRemovedFromGroup(let hr, let id, let key):
            return .contactRemovedFromGroup(hr: hr, group: group(id), contact: contact(key))
        case .phoneCallChange(let id, let state):
            return .phoneCallChange(hr: state.failure ?? .S_OK, window: window(id, isConversation: false, engine: engine), state: state)
        }
    }
}
