/// `MessengerContact` (IMessengerContact, IMessengerContactAdvanced, §3.6–3.7):
/// the local stand-in for one remote user, or for the local user.
///
/// The same sign-in name always gives the same object (§1.5). A contact
/// removed from the list stays usable; it just stops changing.
public final class MessengerContact: Sendable, Hashable, CustomStringConvertible {
    let key: ContactKey
    let backend: ObjectBackend

    init(key: ContactKey, backend: ObjectBackend) {
        self.key = key
        self.backend = backend
    }

    public static func == (lhs: MessengerContact, rhs: MessengerContact) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { "MessengerContact(\(key.value))" }

    /// `SigninName`: the normalized sign-in name (`bob@example.test`).
    public var signinName: String { key.value }

    /// `FriendlyName`: the list's name for the contact, else the sign-in name.
    public var friendlyName: String {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.displayName(of: key) }
            case .remote(let remote): await remote.get("Contact.get_FriendlyName", remoteHandle, or: key.value)
            }
        }
    }

    /// `Status`: never INVISIBLE (shown as OFFLINE); UNKNOWN for unlisted contacts.
    public var status: MISTATUS {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.status(of: key) }
            case .remote(let remote): await remote.get("Contact.get_Status", remoteHandle, or: .unknown)
            }
        }
    }

    public var serviceName: String { PrimaryService.name }

    public var serviceID: String {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in PrimaryService.id(for: state.account) }
            case .remote(let remote): await remote.get("Contact.get_ServiceId", remoteHandle, or: "")
            }
        }
    }

    /// `get_Blocked`: FALSE while signed out (R11).
    public var blocked: Bool {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.isBlocked(key) }
            case .remote(let remote): await remote.get("Contact.get_Blocked", remoteHandle, or: false)
            }
        }
    }

    /// `put_Blocked`: S_FALSE when already in that state; the outcome is `OnContactBlockChange`.
    @discardableResult
    public func setBlocked(_ blocked: Bool) async throws(MessengerError) -> MessengerSuccess<Void> {
        switch backend {
        case .local(let engine):
            try await engine.mutate { state throws(MessengerError) in try state.setBlocked(key, blocked) }
        case .remote(let remote):
            try await remote.run("Contact.put_Blocked", remoteHandle, ["value": .bool(blocked)])
        }
    }

    /// `CanPage`: the contact publishes a pager number (docs/protocol.md); FALSE while signed out.
    public var canPage: Bool {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.canPage(key) }
            case .remote(let remote): await remote.get("Contact.get_CanPage", remoteHandle, or: false)
            }
        }
    }

    /// `IsSelf`: FALSE while signed out.
    public var isSelf: Bool {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.isSelf(key) }
            case .remote(let remote): await remote.get("Contact.get_IsSelf", remoteHandle, or: false)
            }
        }
    }

    /// `PhoneNumber(PhoneType)`: E_FAIL for ALL/CUSTOM or a missing number.
    public func phoneNumber(_ type: MPHONE_TYPE) async throws(MessengerError) -> String {
        try await phoneNumber(rawType: type.rawValue)
    }

    public func phoneNumber(rawType: Int32) async throws(MessengerError) -> String {
        switch backend {
        case .local(let engine):
            try await engine.read { state throws(MessengerError) in try state.phoneNumber(of: key, type: rawType) }
        case .remote(let remote):
            try await remote.get("Contact.get_PhoneNumber", remoteHandle, ["type": JSONValue(rawType)])
        }
    }

    /// `get_Property` (C27): the groups the contact is in, or its e-mail address.
    public func property(rawType: Int32) async throws(MessengerError) -> ContactPropertyValue {
        guard let type = MCONTACTPROPERTY(rawValue: rawType), type != .invalidProperty else {
            throw MessengerError(.E_INVALIDARG, "\(rawType) is not an MCONTACTPROPERTY")
        }
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote): return try await remote.contactProperty(of: remoteHandle, rawType: rawType)
        }
        return await engine.read { state in
            let record = state.contacts[key]
            switch type {
            case .email: return .email(record?.profile.email ?? "")
            default: return .groups(record?.groups ?? [])
            }
        }
    }

    /// `put_Property`: read-only, always E_INVALIDARG (C27).
    public func setProperty(rawType: Int32, value: String) throws(MessengerError) {
        throw MessengerError(.E_INVALIDARG, "contact properties are read-only")
    }

    /// `IsTagged` (IMessengerContactAdvanced): a local flag for sign-in/out alerts.
    public var isTagged: Bool {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.taggedContacts.contains(key) }
            case .remote(let remote): await remote.get("Contact.get_IsTagged", remoteHandle, or: false)
            }
        }
    }

    /// Remotely, a failed call (the other process went away) changes nothing.
    public func setTagged(_ tagged: Bool) async {
        switch backend {
        case .local(let engine):
            await engine.apply { state in
                if tagged { state.taggedContacts.insert(key) } else { state.taggedContacts.remove(key) }
            }
        case .remote(let remote):
            _ = try? await remote.run("Contact.put_IsTagged", remoteHandle, ["value": .bool(tagged)])
        }
    }
}

extension MessengerContact {
    /// `get_PresenceProperties`: an array of `PRESENCE_PROPERTY.arrayLength`
    /// elements indexed by `PRESENCE_PROPERTY`; unset ones are nil.
    public var presenceProperties: [PresencePropertyValue?] {
        get async throws(MessengerError) {
            let key = self.key
            switch backend {
            case .local(let engine):
                return try await engine.read { state throws(MessengerError) in try state.presenceProperties(of: key) }
            case .remote(let remote):
                return try await remote.presenceProperties(of: remoteHandle)
            }
        }
    }

    /// `put_PresenceProperties`: the local user only (E_ACCESSDENIED otherwise).
    public func setPresenceProperties(_ values: [PresencePropertyValue?]) async throws(MessengerError) {
        let key = self.key
        switch backend {
        case .local(let engine):
            try await engine.mutate { state throws(MessengerError) in try state.setPresenceProperties(values, of: key) }
        case .remote(let remote):
            try await remote.setPresenceProperties(values, of: remoteHandle)
        }
    }
}

/// A value `IMessengerContact::Property` returns.
public enum ContactPropertyValue: Sendable, Hashable {
    case groups([String])
    case email(String)
}
