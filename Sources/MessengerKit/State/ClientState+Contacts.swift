import XMPPCore

/// The contact list: `GetContact` (§3.1.4), adding and removing (R7),
/// blocking, and the read-only contact properties (§3.6).
extension ClientState {
    /// Listed contacts in list order (by sign-in name); empty while signed out (R11).
    var listedContacts: [ContactKey] {
        guard isSignedIn || phase == .reconnecting else { return [] }
        return contacts.values.filter(\.isListed).map(\.key).sorted()
    }

    /// `GetContact`. NULL/empty name ⇒ E_FAIL (C21); over-long names or ones
    /// with spaces or line breaks ⇒ E_INVALIDARG; an empty service ID searches
    /// the list only (unlisted ⇒ MSGR_E_USER_NOT_FOUND); the primary service's
    /// ID returns a partially filled object for anyone (C21, C22).
    mutating func getContact(_ signinName: String?, serviceID: String?) throws(MessengerError) -> ContactKey {
        guard let signinName, !signinName.isEmpty else { throw MessengerError(.E_FAIL, "sign-in name is empty") }
        if signinName.utf16.count > SigninNameRule.maximumLength {
            throw MessengerError(.E_INVALIDARG, "sign-in name is longer than \(SigninNameRule.maximumLength) characters")
        }
        if SigninNameRule.hasSpaceOrLineBreak(signinName) {
            throw MessengerError(.E_INVALIDARG, "sign-in name contains a space or a line break")
        }
        let listOnly = try checkServiceID(serviceID)
        try requireSignedIn()
        let (key, _) = ContactKey.resolve(signinName, defaultDomain: account.domainpart)
        if listOnly, contacts[key]?.isListed != true, key != ownKey {
            throw MessengerError(.MSGR_E_USER_NOT_FOUND, "\(key.value) is not on the contact list")
        }
        return knownContact(named: signinName)
    }

    /// A service ID argument: empty means "no service" (true); the primary
    /// service's ID is the only other valid value in the OC profile (C22).
    func checkServiceID(_ serviceID: String?) throws(MessengerError) -> Bool {
        guard let serviceID, !serviceID.isEmpty else { return true }
        if serviceID.utf16.count > 38 || SigninNameRule.hasSpaceOrLineBreak(serviceID) {
            throw MessengerError(.E_INVALIDARG, "service ID is longer than 38 characters or contains a space or line break")
        }
        guard serviceID.caseInsensitiveCompare(PrimaryService.id(for: account)) == .orderedSame else {
            throw MessengerError(.E_INVALIDARG, "\(serviceID) is not the primary service's ID")
        }
        return false
    }

    // MARK: Adding and removing

    /// `IMessengerPrivate::AddContact` (§3.16, C58): NULL ⇒ E_POINTER, R1 ⇒
    /// E_INVALIDARG, signed out ⇒ MSGR_E_NOT_LOGGED_ON; the outcome is `OnContactListAdd`.
    mutating func addContactWithoutUI(_ signinName: String?, service: ServiceArgument) throws(MessengerError) -> ContactKey {
        guard let signinName else { throw MessengerError(.E_POINTER, "sign-in name is NULL") }
        try SigninNameRule.validate(signinName, what: "sign-in name")
        try checkServiceArgument(service)
        try requireSignedIn()
        let key = knownContact(named: signinName)
        requestAdd(key)
        return key
    }

    func checkServiceArgument(_ service: ServiceArgument) throws(MessengerError) {
        switch service {
        case .none, .service: return
        case .id(let id): _ = try checkServiceID(id)
        }
    }

    /// Adds a contact: roster item, a subscription request, and pre-approval
    /// of theirs (adding someone is consent to be seen by them, RFC 6121 §3.4).
    mutating func requestAdd(_ key: ContactKey) {
        guard let jid = contacts[key]?.jid else {
            emit(.contactListAdd(.MSGR_E_USER_NOT_FOUND, key))
            return
        }
        if contacts[key]?.isListed == true {
            emit(.contactListAdd(.MSGR_E_ALREADY_IN_LIST, key))
            return
        }
        request(RosterIQ.set(RosterEntry(jid: jid)), .rosterAdd(key))
        send(SubscriptionPresence.make(.subscribe, to: jid))
        send(SubscriptionPresence.make(.subscribed, to: jid))
    }

    /// `IMessengerContacts::Remove` on the contact list: E_FAIL when the
    /// contact is not in it (checked here, no event); the outcome is `OnContactListRemove`.
    mutating func removeContact(_ key: ContactKey) throws(MessengerError) {
        guard listedContacts.contains(key), let jid = contacts[key]?.jid else {
            throw MessengerError(.E_FAIL, "\(key.value) is not in this collection")
        }
        request(RosterIQ.remove(jid), .rosterRemove(key))
    }

    // MARK: Blocking

    /// `put_Blocked`: S_FALSE when nothing changes; otherwise the server is
    /// asked (XEP-0191) and `OnContactBlockChange` reports the outcome.
    mutating func setBlocked(_ key: ContactKey, _ blocked: Bool) throws(MessengerError) -> MessengerSuccess<Void> {
        try requireSignedIn()
        guard let jid = contacts[key]?.jid else { throw MessengerError(.E_FAIL, "\(key.value) is not a valid address") }
        if contacts[key]?.isBlocked == blocked { return .sFalse }
        request(blocked ? BlockingIQ.block([jid]) : BlockingIQ.unblock([jid]), .blockChange(key, blocking: blocked))
        return .ok
    }

    // MARK: Properties

    /// R11: offline reads of Blocked/CanPage/IsSelf are FALSE without error.
    func isBlocked(_ key: ContactKey) -> Bool {
        isSignedIn && contacts[key]?.isBlocked == true
    }

    func canPage(_ key: ContactKey) -> Bool {
        isSignedIn && contacts[key]?.profile.canPage == true
    }

    func isSelf(_ key: ContactKey) -> Bool {
        isSignedIn && key == ownKey
    }

    func status(of key: ContactKey) -> MISTATUS {
        if key == ownKey, isSignedIn { return myStatus == .invisible ? .offline : myStatus }
        return contacts[key]?.status ?? .unknown
    }

    /// `get_PhoneNumber`: E_FAIL for a type that is not a stored kind or a
    /// missing number (§3.6).
    func phoneNumber(of key: ContactKey, type rawType: Int32) throws(MessengerError) -> String {
        guard let type = MPHONE_TYPE(rawValue: rawType), type.isStoredNumber else {
            throw MessengerError(.E_FAIL, "phone type \(rawType) is not home, work or mobile")
        }
        let profile = key == ownKey ? myProfile : contacts[key]?.profile
        guard let number = profile?.phoneNumbers[type] else {
            throw MessengerError(.E_FAIL, "\(displayName(of: key)) has no \(type.name) number")
        }
        return number
    }

    /// `MyPhoneNumber`: like the contact's, but MSGR_E_NOT_LOGGED_ON while signed out.
    func myPhoneNumber(type rawType: Int32) throws(MessengerError) -> String {
        try requireSignedIn()
        return try phoneNumber(of: ownKey, type: rawType)
    }
}

/// The `vService` argument: nothing, a service ID string, or a service object.
public enum ServiceArgument: Sendable {
    case none
    case id(String)
    case service(MessengerService)
}
