import XMPPCore

/// Answers to the iq requests the state machine sent (`PendingRequest`).
/// Each R7 operation raises its event here, after its call has returned.
extension ClientState {
    mutating func completed(_ purpose: PendingRequest, _ result: RequestResult) {
        switch purpose {
        case .rosterLoad:
            if case .result(let iq) = result, let snapshot = RosterIQ.parseResult(iq), let entries = snapshot.entries {
                applyRoster(entries)
            }
            syncStepFinished(.roster)
        case .blocklistLoad:
            if case .result(let iq) = result, let jids = BlockingIQ.parseBlocklist(iq) { applyBlocklist(jids) }
            syncStepFinished(.blocklist)
        case .groupListLoad:
            if case .result(let iq) = result, let names = PrivateGroupList.parse(iq) {
                for name in names { knownGroup(named: name) }
            }
            syncStepFinished(.groupList)
        case .ownProfileLoad:
            if case .result(let iq) = result, let vCard = VCardProfile.vCard(inResult: iq) {
                myProfile = VCardProfile(vCard: vCard)
                myProfileHash = ProfileHash.of(vCard)
            }
            syncStepFinished(.ownProfile)
        case .contactProfile(let key):
            if case .result(let iq) = result {
                applyProfile(VCardProfile.vCard(inResult: iq).map(VCardProfile.init(vCard:)) ?? VCardProfile(), of: key)
            }
        case .rosterAdd(let key):
            emit(.contactListAdd(Self.hresult(for: result, notFound: .MSGR_E_USER_NOT_FOUND), key))
        case .rosterRemove(let key):
            emit(.contactListRemove(Self.hresult(for: result, notFound: .MSGR_E_USER_NOT_FOUND), key))
        case .rosterGroupChange(let key, let groupID, let adding):
            let hr = Self.hresult(for: result, notFound: .MSGR_E_USER_NOT_FOUND)
            emit(adding ? .contactAddedToGroup(hr, groupID: groupID, key) : .contactRemovedFromGroup(hr, groupID: groupID, key))
        case .groupRename(let groupID, let newName):
            let hr = Self.hresult(for: result, notFound: .MSGR_E_GROUP_DOES_NOT_EXIST)
            pendingRenames[groupID] = nil
            if hr.isSuccess { groups[groupID]?.name = newName }
            emit(.groupNameChanged(hr, groupID: groupID))
        case .groupListStore:
            // The list is stored best effort: a server without private storage
            // still has the group for this session.
            if !pendingGroupEvents.isEmpty { emit(pendingGroupEvents.removeFirst()) }
        case .blockChange(let key, let blocking):
            let hr = Self.hresult(for: result, notFound: .MSGR_E_USER_NOT_FOUND)
            if hr.isSuccess { contacts[key]?.isBlocked = blocking }
            emit(.contactBlockChange(hr, key, blocked: contacts[key]?.isBlocked ?? false))
        case .profilePublish:
            return
        case .invisibility(let hidden):
            guard hidden, chosenStatus == .invisible else { return }
            if case .result = result {
                isInvisibleOnServer = true
            } else {
                // No XEP-0186 here: appear offline by withdrawing presence.
                send(XMLElement(name: "presence", namespace: XMLNamespace.client, attributes: ["type": "unavailable"]))
            }
        }
    }

    /// Maps a request's answer onto the HRESULTs the events document.
    static func hresult(for result: RequestResult, notFound: HRESULT) -> HRESULT {
        switch result {
        case .result: return .S_OK
        case .failed: return .MSGR_E_SERVER_UNAVAILABLE
        case .error(let error):
            switch error.condition {
            case .itemNotFound, .jidMalformed, .remoteServerNotFound: return notFound
            case .resourceConstraint, .policyViolation: return .MSGR_E_LIST_FULL
            case .serviceUnavailable, .remoteServerTimeout: return .MSGR_E_SERVER_UNAVAILABLE
            case .internalServerError: return .MSGR_E_SERVER_TOO_BUSY
            default: return .MSGR_E_UNEXPECTED
            }
        }
    }
}
