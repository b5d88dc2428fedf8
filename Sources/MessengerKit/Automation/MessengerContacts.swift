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

    let engine: MessengerEngine
    let source: Source

    init(engine: MessengerEngine, source: Source) {
        self.engine = engine
        self.source = source
    }

    private func keys() async -> [ContactKey] {
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
        get async { await keys().count }
    }

    /// `Item(Index)`: 0-based; negative ⇒ E_INVALIDARG, past the end ⇒ E_FAIL (C30).
    public func item(_ index: Int) async throws(MessengerError) -> MessengerContact {
        guard index >= 0 else { throw MessengerError(.E_INVALIDARG, "index \(index) is negative") }
        let keys = await keys()
        guard index < keys.count else { throw MessengerError(.E_FAIL, "index \(index) is past the end (\(keys.count) items)") }
        return await engine.contactObject(keys[index])
    }

    /// `_NewEnum`: a copy of the collection as it is now.
    public func snapshot() async -> [MessengerContact] {
        var objects: [MessengerContact] = []
        for key in await keys() { objects.append(await engine.contactObject(key)) }
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
            try await engine.mutate { state throws(MessengerError) in try state.removeContact(key) }
        }
    }
}
