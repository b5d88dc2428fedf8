/// Proxy objects for the handles replies and events carry, interned so the
/// same handle always gives the same object.
extension RemoteClient {
    func contact(signinName: String) -> MessengerContact {
        if let existing = contacts[signinName] { return existing }
        let key = ContactKey.resolve(signinName, defaultDomain: nil).key
        let object = MessengerContact(key: key, backend: .remote(self))
        contacts[signinName] = object
        return object
    }

    func group(id: Int) -> MessengerGroup {
        if let existing = groups[id] { return existing }
        let object = MessengerGroup(id: id, backend: .remote(self))
        groups[id] = object
        return object
    }

    /// The window with this id; a conversation window when `isConversation`,
    /// replacing a plain proxy made before the kind was known (as locally).
    func window(id: Int, isConversation: Bool) -> MessengerWindow {
        if let existing = windows[id], !isConversation || existing is MessengerConversationWindow { return existing }
        let object = isConversation
            ? MessengerConversationWindow(id: id, backend: .remote(self)) : MessengerWindow(id: id, backend: .remote(self))
        windows[id] = object
        return object
    }

    private func existingWindow(id: Int) -> MessengerWindow? {
        windows[id]
    }

    // MARK: From reply values

    func contact(_ value: JSONValue?) throws(MessengerError) -> MessengerContact {
        guard let handle = value?.stringValue, handle.hasPrefix("contact:"), handle.count > 8 else {
            throw Self.unexpected("a contact", value)
        }
        return contact(signinName: String(handle.dropFirst(8)))
    }

    func group(_ value: JSONValue?) throws(MessengerError) -> MessengerGroup {
        guard let id = Self.number(in: value, after: "group:") else { throw Self.unexpected("a group", value) }
        return group(id: id)
    }

    func conversation(_ value: JSONValue?) throws(MessengerError) -> MessengerConversationWindow {
        guard let id = Self.number(in: value, after: "window:"),
            let window = window(id: id, isConversation: true) as? MessengerConversationWindow
        else { throw Self.unexpected("a conversation window", value) }
        return window
    }

    /// A window whose kind the reply does not say: asked once (`Window.get_Kind`), then interned.
    nonisolated func window(_ value: JSONValue?) async throws(MessengerError) -> MessengerWindow {
        guard let id = Self.number(in: value, after: "window:") else { throw Self.unexpected("a window", value) }
        if let existing = await existingWindow(id: id) { return existing }
        let kind: String = try await get("Window.get_Kind", "window:\(id)")
        return await window(id: id, isConversation: kind == MessengerWindow.Kind.conversation.rawValue)
    }

    /// The items of a collection value `{"handle", "count", "items"}`.
    static func items(_ value: JSONValue?) throws(MessengerError) -> [JSONValue] {
        guard let items = value?["items"]?.arrayValue else { throw unexpected("a collection", value) }
        return items
    }

    func contacts(in collection: JSONValue?) throws(MessengerError) -> [MessengerContact] {
        var objects: [MessengerContact] = []
        for item in try Self.items(collection) { objects.append(try contact(item)) }
        return objects
    }

    func groups(in collection: JSONValue?) throws(MessengerError) -> [MessengerGroup] {
        var objects: [MessengerGroup] = []
        for item in try Self.items(collection) { objects.append(try group(item)) }
        return objects
    }

    nonisolated func windows(in collection: JSONValue?) async throws(MessengerError) -> [MessengerWindow] {
        var objects: [MessengerWindow] = []
        for item in try Self.items(collection) { objects.append(try await window(item)) }
        return objects
    }

    static func number(in value: JSONValue?, after prefix: String) -> Int? {
        guard let handle = value?.stringValue, handle.hasPrefix(prefix) else { return nil }
        let digits = handle.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}

/// `Messenger.knownContact`/`knownGroup`/`knownWindow` on an attached
/// messenger: a call that only resolves the handle; a refused handle is nil.
extension RemoteClient {
    nonisolated func knownContact(signinName: String) async -> MessengerContact? {
        guard let reply = try? await call("Contact.get_SigninName", "contact:" + signinName) else { return nil }
        return try? await contact(reply.value.map { .string("contact:" + ($0.stringValue ?? "")) })
    }

    nonisolated func knownGroup(id: Int) async -> MessengerGroup? {
        guard (try? await call("Group.get_Service", "group:\(id)")) != nil else { return nil }
        return await group(id: id)
    }

    nonisolated func knownWindow(id: Int) async -> MessengerWindow? {
        guard let kind: String = try? await get("Window.get_Kind", "window:\(id)") else { return nil }
        return await window(id: id, isConversation: kind == MessengerWindow.Kind.conversation.rawValue)
    }
}
