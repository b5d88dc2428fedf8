/// `MessengerGroup` (§3.9): one contact-list group; the same object survives renames.
public final class MessengerGroup: Sendable, Hashable {
    let id: Int
    let engine: MessengerEngine

    init(id: Int, engine: MessengerEngine) {
        self.id = id
        self.engine = engine
    }

    public static func == (lhs: MessengerGroup, rhs: MessengerGroup) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// `get_Name`: MSGR_E_NOT_LOGGED_ON while signed out.
    public var name: String {
        get async throws(MessengerError) {
            let id = self.id
            return try await engine.read { state throws(MessengerError) in
                try state.requireSignedIn()
                guard let group = state.groups[id] else { throw MessengerError(.E_FAIL, "unknown group") }
                return group.name
            }
        }
    }

    /// `put_Name`: checked now, applied when `OnGroupNameChanged(S_OK)` fires (C34).
    public func setName(_ newName: String?) async throws(MessengerError) {
        let id = self.id
        try await engine.mutate { state throws(MessengerError) in try state.renameGroup(id, to: newName) }
    }

    /// `Contacts`: the group's members.
    public var contacts: MessengerContacts {
        MessengerContacts(engine: engine, source: .group(id))
    }

    /// `AddContact`: the outcome is `OnContactAddedToGroup`.
    public func addContact(_ contact: ContactArgument) async throws(MessengerError) {
        let id = self.id
        try await engine.mutate { state throws(MessengerError) in try state.changeMembership(contact, group: id, adding: true) }
    }

    /// `RemoveContact`: the outcome is `OnContactRemovedFromGroup`.
    public func removeContact(_ contact: ContactArgument) async throws(MessengerError) {
        let id = self.id
        try await engine.mutate { state throws(MessengerError) in try state.changeMembership(contact, group: id, adding: false) }
    }

    /// `Service`: the primary service.
    public var service: MessengerService {
        MessengerService(engine: engine)
    }
}

/// `MessengerGroups` (§3.10): the groups of the contact list, live.
public final class MessengerGroups: Sendable {
    let engine: MessengerEngine

    init(engine: MessengerEngine) {
        self.engine = engine
    }

    public var count: Int {
        get async { await engine.read { $0.listedGroups.count } }
    }

    /// `Item(Index)`: 0-based; negative ⇒ E_INVALIDARG, past the end ⇒ E_FAIL (C30).
    public func item(_ index: Int) async throws(MessengerError) -> MessengerGroup {
        guard index >= 0 else { throw MessengerError(.E_INVALIDARG, "index \(index) is negative") }
        let ids = await engine.read { $0.listedGroups }
        guard index < ids.count else { throw MessengerError(.E_FAIL, "index \(index) is past the end (\(ids.count) items)") }
        return await engine.groupObject(ids[index])
    }

    public func snapshot() async -> [MessengerGroup] {
        var objects: [MessengerGroup] = []
        for id in await engine.read({ $0.listedGroups }) { objects.append(await engine.groupObject(id)) }
        return objects
    }

    /// `Remove`: MSGR_E_CONNECT while signed out (C36), E_FAIL for a group not
    /// in the collection; the outcome is `OnGroupRemoved`.
    public func remove(_ group: MessengerGroup?) async throws(MessengerError) {
        guard let group else { throw MessengerError(.E_POINTER, "group is NULL") }
        let id = group.id
        try await engine.mutate { state throws(MessengerError) in try state.removeGroup(id) }
    }
}
