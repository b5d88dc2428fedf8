import XMPPCore

/// Contact-list groups (§3.9, §3.10, `CreateGroup` §3.2): roster groups
/// (RFC 6121 §2.1.2.2) plus a stored list of group names, so that a group
/// with no members yet survives sign-out (docs/protocol.md).
extension ClientState {
    /// Longest group name accepted (the service maximum is not documented).
    static let maximumGroupNameLength = 128

    /// Groups in list order (by name); empty while signed out.
    var listedGroups: [Int] {
        guard isSignedIn || phase == .reconnecting else { return [] }
        return groups.values.filter { !$0.isRemoved }
            .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }.map(\.id)
    }

    /// Group names match without regard to case, everywhere.
    static func sameGroupName(_ lhs: String, _ rhs: String) -> Bool {
        lhs.caseInsensitiveCompare(rhs) == .orderedSame
    }

    func group(named name: String) -> GroupRecord? {
        groups.values.first { !$0.isRemoved && Self.sameGroupName($0.name, name) }
    }

    /// The record for a group name seen in the roster or the stored list.
    @discardableResult
    mutating func knownGroup(named name: String) -> Int {
        if let existing = group(named: name) { return existing.id }
        if let renamed = pendingRenames.first(where: { Self.sameGroupName($0.value, name) }) {
            return renamed.key
        }
        let id = nextGroupID
        nextGroupID += 1
        groups[id] = GroupRecord(id: id, name: name)
        return id
    }

    func members(of groupID: Int) -> [ContactKey] {
        guard let group = groups[groupID], !group.isRemoved else { return [] }
        let names = [group.name] + (pendingRenames[groupID].map { [$0] } ?? [])
        return listedContacts.filter { key in
            contacts[key]?.groups.contains { name in names.contains { Self.sameGroupName($0, name) } } == true
        }
    }

    /// Checks a new group name. NULL ⇒ E_POINTER and blank or CR/LF ⇒
    /// E_INVALIDARG (C37); TAB or other control characters ⇒ MSGR_E_BAD_GROUP_NAME;
    /// too long ⇒ MSGR_E_GROUP_NAME_TOO_LONG. Returns the trimmed name.
    static func validGroupName(_ name: String?) throws(MessengerError) -> String {
        guard let name else { throw MessengerError(.E_POINTER, "group name is NULL") }
        let trimmed = name.trimmingCharacters(in: .init(charactersIn: " "))
        guard !trimmed.isEmpty else { throw MessengerError(.E_INVALIDARG, "group name is empty") }
        if SigninNameRule.hasLineBreak(trimmed) {
            throw MessengerError(.E_INVALIDARG, "group name contains a line break")
        }
        if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw MessengerError(.MSGR_E_BAD_GROUP_NAME, "group name contains a tab or a control character")
        }
        guard trimmed.utf16.count <= maximumGroupNameLength else {
            throw MessengerError(.MSGR_E_GROUP_NAME_TOO_LONG, "group name is longer than \(maximumGroupNameLength) characters")
        }
        return trimmed
    }

    /// `CreateGroup`: an existing name returns that group with
    /// MSGR_S_GROUP_ALREADY_EXISTS and no event (C37); a new one is stored and
    /// announced with `OnGroupAdded`.
    mutating func createGroup(_ name: String?, service: ServiceArgument) throws(MessengerError) -> MessengerSuccess<Int> {
        let name = try Self.validGroupName(name)
        try checkServiceArgument(service)
        try requireSignedIn()
        if let existing = group(named: name) {
            return MessengerSuccess(existing.id, hresult: .MSGR_S_GROUP_ALREADY_EXISTS)
        }
        let id = knownGroup(named: name)
        storeGroupList(then: .groupListStore)
        emitAfterStore(.groupAdded(.S_OK, groupID: id))
        return MessengerSuccess(id)
    }

    /// `IMessengerGroups::Remove`: MSGR_E_CONNECT while signed out (C36); E_FAIL
    /// for a group not in the collection. Members move to no group.
    mutating func removeGroup(_ groupID: Int) throws(MessengerError) {
        guard isSignedIn else { throw MessengerError(.MSGR_E_CONNECT, "not signed in") }
        guard listedGroups.contains(groupID), let group = groups[groupID] else {
            throw MessengerError(.E_FAIL, "the group is not in this collection")
        }
        for key in members(of: groupID) {
            guard var entry = contacts[key]?.rosterEntry else { continue }
            entry.groups.removeAll { Self.sameGroupName($0, group.name) }
            request(RosterIQ.set(entry), .rosterGroupChange(key, groupID: groupID, adding: false))
        }
        groups[groupID]?.isRemoved = true
        storeGroupList(then: .groupListStore)
        emitAfterStore(.groupRemoved(.S_OK, groupID: groupID))
    }

    /// `put_Name`: validated now, applied when the server has every change (C34).
    mutating func renameGroup(_ groupID: Int, to newName: String?) throws(MessengerError) {
        let name = try Self.validGroupName(newName)
        try requireSignedIn()
        guard let group = groups[groupID], !group.isRemoved else {
            throw MessengerError(.MSGR_E_GROUP_DOES_NOT_EXIST, "the group was removed")
        }
        if let other = self.group(named: name), other.id != groupID {
            throw MessengerError(.MSGR_E_GROUP_ALREADY_EXISTS, "a group named \(name) exists")
        }
        for key in members(of: groupID) {
            guard var entry = contacts[key]?.rosterEntry else { continue }
            entry.groups = entry.groups.map { Self.sameGroupName($0, group.name) ? name : $0 }
            send(RosterIQ.set(entry))
        }
        pendingRenames[groupID] = name
        storeGroupList(replacing: group.name, with: name, then: .groupRename(groupID: groupID, newName: name))
    }

    /// `IMessengerGroup::AddContact` / `RemoveContact`: the contact must be on
    /// the list (MSGR_E_USER_NOT_FOUND); the outcome is
    /// `OnContactAddedToGroup` / `OnContactRemovedFromGroup`.
    mutating func changeMembership(_ argument: ContactArgument, group groupID: Int, adding: Bool) throws(MessengerError) {
        try SigninNameRule.validate(argument)
        try requireSignedIn()
        guard let group = groups[groupID], !group.isRemoved else {
            throw MessengerError(.E_FAIL, "the group was removed")
        }
        let key = resolve(argument)
        guard var entry = contacts[key]?.rosterEntry else {
            throw MessengerError(.MSGR_E_USER_NOT_FOUND, "\(key.value) is not on the contact list")
        }
        let isMember = entry.groups.contains { Self.sameGroupName($0, group.name) }
        if adding {
            guard !isMember else {
                emit(.contactAddedToGroup(.S_OK, groupID: groupID, key))
                return
            }
            entry.groups.append(group.name)
        } else {
            guard isMember else {
                emit(.contactRemovedFromGroup(.MSGR_E_USER_NOT_GROUP_MEMBER, groupID: groupID, key))
                return
            }
            entry.groups.removeAll { Self.sameGroupName($0, group.name) }
        }
        request(RosterIQ.set(entry), .rosterGroupChange(key, groupID: groupID, adding: adding))
    }

    // MARK: The stored list

    private mutating func storeGroupList(replacing old: String? = nil, with new: String? = nil, then purpose: PendingRequest) {
        var names = listedGroups.compactMap { groups[$0]?.name }
        if let old, let new { names = names.map { $0 == old ? new : $0 } }
        request(PrivateGroupList.store(names), purpose)
    }

    /// Events for locally decided group changes go out with the store's answer,
    /// so they never arrive before the call that caused them returned.
    private mutating func emitAfterStore(_ event: ClientEvent) {
        pendingGroupEvents.append(event)
    }
}
