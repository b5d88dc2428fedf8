/// `MessengerGroup` (§3.9): one contact-list group; the same object survives renames.
public final class MessengerGroup: Sendable, Hashable {
    let id: Int
    let backend: ObjectBackend

    init(id: Int, backend: ObjectBackend) {
        self.id = id
        self.backend = backend
    }

    public static func == (lhs: MessengerGroup, rhs: MessengerGroup) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// `get_Name`: MSGR_E_NOT_LOGGED_ON while signed out.
    public var name: String {
        get async throws(MessengerError) {
            let id = self.id
            switch backend {
            case .local(let engine):
                return try await engine.read { state throws(MessengerError) in
                    try state.requireSignedIn()
                    guard let group = state.groups[id] else { throw MessengerError(.E_FAIL, "unknown group") }
                    return group.name
                }
            case .remote(let remote): return try await remote.get("Group.get_Name", remoteHandle)
            }
        }
    }

    /// `put_Name`: checked now, applied when `OnGroupNameChanged(S_OK)` fires (C34).
    public func setName(_ newName: String?) async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.renameGroup(id, to: newName) }
        case .remote(let remote): try await remote.run("Group.put_Name", remoteHandle, ["value": newName.remoteValue])
        }
    }

    /// `Contacts`: the group's members.
    public var contacts: MessengerContacts {
        MessengerContacts(backend: backend, source: .group(id))
    }

    /// `AddContact`: the outcome is `OnContactAddedToGroup`.
    public func addContact(_ contact: ContactArgument) async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine):
            try await engine.mutate { state throws(MessengerError) in try state.changeMembership(contact, group: id, adding: true) }
        case .remote(let remote): try await remote.run("Group.AddContact", remoteHandle, ["contact": contact.remoteValue])
        }
    }

    /// `RemoveContact`: the outcome is `OnContactRemovedFromGroup`.
    public func removeContact(_ contact: ContactArgument) async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine):
            try await engine.mutate { state throws(MessengerError) in try state.changeMembership(contact, group: id, adding: false) }
        case .remote(let remote): try await remote.run("Group.RemoveContact", remoteHandle, ["contact": contact.remoteValue])
        }
    }

    /// `Service`: the primary service.
    public var service: MessengerService {
        MessengerService(backend: backend)
    }
}

/// `MessengerGroups` (§3.10): the groups of the contact list, live.
public final class MessengerGroups: Sendable {
    let backend: ObjectBackend

    init(backend: ObjectBackend) {
        self.backend = backend
    }

    public var count: Int {
        get async {
            switch backend {
            case .local(let engine): await engine.read { $0.listedGroups.count }
            case .remote(let remote): await remote.get("Groups.get_Count", RemoteHandle.myGroups, or: 0)
            }
        }
    }

    /// `Item(Index)`: 0-based; negative ⇒ E_INVALIDARG, past the end ⇒ E_FAIL (C30).
    public func item(_ index: Int) async throws(MessengerError) -> MessengerGroup {
        guard index >= 0 else { throw MessengerError(.E_INVALIDARG, "index \(index) is negative") }
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            return try await remote.group(remote.call("Groups.Item", RemoteHandle.myGroups, ["index": JSONValue(index)]).value)
        }
        let ids = await engine.read { $0.listedGroups }
        guard index < ids.count else { throw MessengerError(.E_FAIL, "index \(index) is past the end (\(ids.count) items)") }
        return await engine.groupObject(ids[index])
    }

    /// Remotely, a failed call reads as no groups.
    public func snapshot() async -> [MessengerGroup] {
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            guard let reply = try? await remote.call("Messenger.get_MyGroups") else { return [] }
            return (try? await remote.groups(in: reply.value)) ?? []
        }
        var objects: [MessengerGroup] = []
        for id in await engine.read({ $0.listedGroups }) { objects.append(await engine.groupObject(id)) }
        return objects
    }

    /// `Remove`: MSGR_E_CONNECT while signed out (C36), E_FAIL for a group not
    /// in the collection; the outcome is `OnGroupRemoved`.
    public func remove(_ group: MessengerGroup?) async throws(MessengerError) {
        guard let group else { throw MessengerError(.E_POINTER, "group is NULL") }
        let id = group.id
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.removeGroup(id) }
        case .remote(let remote):
            try await remote.run("Groups.Remove", RemoteHandle.myGroups, ["group": .string(group.remoteHandle)])
        }
    }
}
