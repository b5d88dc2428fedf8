/// Finding objects the client already has by their identity, without the
/// validation of `GetContact` and without creating anything: how the
/// automation endpoint turns a handle (`contact:…`, `window:7`, `group:3`)
/// back into the object it named.
extension Messenger {
    /// The contact with this normalized sign-in name if the client knows it
    /// (on the list, in a conversation, or handed out before); nil otherwise.
    public func knownContact(signinName: String) async -> MessengerContact? {
        switch backend {
        case .local(let engine): await engine.knownContactObject(signinName)
        case .remote(let remote): await remote.knownContact(signinName: signinName)
        }
    }

    /// The group with this id if it exists (or was handed out before).
    public func knownGroup(id: Int) async -> MessengerGroup? {
        switch backend {
        case .local(let engine): await engine.knownGroupObject(id)
        case .remote(let remote): await remote.knownGroup(id: id)
        }
    }

    /// Any window the client has ever opened, closed ones included (calls on
    /// a closed window return the documented closed-window code).
    public func knownWindow(id: Int) async -> MessengerWindow? {
        switch backend {
        case .local(let engine): await engine.knownWindowObject(id)
        case .remote(let remote): await remote.knownWindow(id: id)
        }
    }

    /// The windows that are open now (the main window first), oldest first.
    /// Remotely, a failed call reads as no windows.
    public func openWindows() async -> [MessengerWindow] {
        switch backend {
        case .local(let engine): return await engine.openWindowObjects()
        case .remote(let remote):
            guard let reply = try? await remote.call("Communicator.ListWindows") else { return [] }
            return (try? await remote.windows(in: reply.value)) ?? []
        }
    }
}

extension MessengerGroup {
    /// Stable for the group's life, across renames.
    public var groupID: Int { id }
}

extension MessengerContacts {
    /// Which list this collection reads.
    public enum Scope: Sendable, Hashable {
        case contactList
        case group(id: Int)
        case conversation(windowID: Int)
    }

    public var scope: Scope {
        switch source {
        case .contactList: .contactList
        case .group(let id): .group(id: id)
        case .conversation(let id): .conversation(windowID: id)
        }
    }
}

extension MessengerEngine {
    func knownContactObject(_ signinName: String) -> MessengerContact? {
        let key = ContactKey.resolve(signinName, defaultDomain: state.account.domainpart).key
        if let existing = objects.existingContact(key) { return existing }
        return state.contacts[key] == nil ? nil : contactObject(key)
    }

    func knownGroupObject(_ id: Int) -> MessengerGroup? {
        state.groups[id] == nil ? nil : groupObject(id)
    }

    func knownWindowObject(_ id: Int) -> MessengerWindow? {
        state.windows[id] == nil ? nil : windowObject(id)
    }

    func openWindowObjects() -> [MessengerWindow] {
        state.windows.values.filter { !$0.isClosed || $0.id == state.mainWindowID }
            .map(\.id).sorted().map { windowObject($0) }
    }
}
