/// `MessengerContacts` (§3.8): the contact list, a group's members, or a
/// conversation's participants. The collection is live — `count` and `item`
/// read the current list — while `snapshot()` (the `_NewEnum` of the
/// original) is a copy that does not change (§1.5).
public final class MessengerContacts: Sendable {
    enum Source: Sendable, Hashable {
        case contactList
        case group(Int)
        /// Read-only: `remove` is refused with E_ACCESSDENIED (C65).
        case conversation(Int)
    }

    let backend: ObjectBackend
    let source: Source

    init(backend: ObjectBackend, source: Source) {
        self.backend = backend
        self.source = source
    }

    private func keys(_ engine: MessengerEngine) async -> [ContactKey] {
        let source = self.source
        return await engine.read { state in
            switch source {
            case .contactList: return state.listedContacts
            case .group(let id): return state.members(of: id)
            case .conversation(let id): return (try? state.participants(of: id)) ?? []
            }
        }
    }

    /// `Count`: zero while signed out.
    public var count: Int {
        get async {
            switch backend {
            case .local(let engine): await keys(engine).count
            case .remote(let remote): await remote.get("Contacts.get_Count", remoteHandle, or: 0)
            }
        }
    }

    /// `Item(Index)`: 0-based; negative ⇒ E_INVALIDARG, past the end ⇒ E_FAIL (C30).
    public func item(_ index: Int) async throws(MessengerError) -> MessengerContact {
        guard index >= 0 else { throw MessengerError(.E_INVALIDARG, "index \(index) is negative") }
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            return try await remote.contact(remote.call("Contacts.Item", remoteHandle, ["index": JSONValue(index)]).value)
        }
        let keys = await keys(engine)
        guard index < keys.count else { throw MessengerError(.E_FAIL, "index \(index) is past the end (\(keys.count) items)") }
        return await engine.contactObject(keys[index])
    }

    /// `_NewEnum`: a copy of the collection as it is now. Remotely, a failed
    /// call reads as an empty collection, as a closed conversation's does.
    public func snapshot() async -> [MessengerContact] {
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote): return (try? await remote.snapshot(of: source)) ?? []
        }
        var objects: [MessengerContact] = []
        for key in await keys(engine) { objects.append(await engine.contactObject(key)) }
        return objects
    }

    /// `Remove` (contact list only): E_FAIL when the contact is not in this
    /// collection; the outcome is `OnContactListRemove`.
    public func remove(_ contact: MessengerContact?) async throws(MessengerError) {
        guard let contact else { throw MessengerError(.E_POINTER, "contact is NULL") }
        switch source {
        case .conversation:
            throw MessengerError(.E_ACCESSDENIED, "a conversation's participants cannot be removed here")
        case .group:
            throw MessengerError(.E_ACCESSDENIED, "use the group's RemoveContact")
        case .contactList:
            let key = contact.key
            switch backend {
            case .local(let engine):
                try await engine.mutate { state throws(MessengerError) in try state.removeContact(key) }
            case .remote(let remote):
                try await remote.run("Contacts.Remove", remoteHandle, ["contact": ["handle": .string(contact.remoteHandle)]])
            }
        }
    }
}
