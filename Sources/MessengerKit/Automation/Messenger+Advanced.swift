/// `IMessengerAdvanced` (§3.4) and `IMessengerContactResolution` (§3.5).
extension Messenger {
    /// `StartConversation`: exactly one `CONVERSATION_TYPE` per call (C49).
    /// IM conversations open a conversation window with the one participant
    /// and return its HWND; other kinds are not available yet (E_NOTIMPL).
    public func startConversation(rawType: Int32, participants: [ContactArgument]) async throws(MessengerError) -> Int32 {
        guard let type = CONVERSATION_TYPE(rawValue: rawType) else {
            throw MessengerError(.E_INVALIDARG, "\(rawType) is not a single CONVERSATION_TYPE")
        }
        guard type == .im else { throw MessengerError(.E_NOTIMPL, "\(type.name) conversations are not available") }
        guard let first = participants.first else {
            throw MessengerError(.E_INVALIDARG, "no participants (the contact picker is not available)")
        }
        guard participants.count == 1 else {
            throw MessengerError(.MSGR_E_SESSION_FULL, "conversations take one participant")
        }
        return try await instantMessage(first).hwnd
    }

    /// `GetAuthenticationInfo`: no equivalent on XMPP (§8).
    public func authenticationInfo() throws(MessengerError) -> Never {
        throw MessengerError(.E_NOTIMPL, "authentication information is not available")
    }

    /// `ResolveContact`: an e-mail address or display name to a sign-in name,
    /// looked up in the contact list (both resolution types are synchronous).
    public func resolveContact(rawAddressType: Int32, rawResolutionType: Int32, address: String?) async throws(MessengerError) -> String {
        guard let addressType = ADDRESS_TYPE(rawValue: rawAddressType),
            CONTACT_RESOLUTION_TYPE(rawValue: rawResolutionType) != nil
        else { throw MessengerError(.E_INVALIDARG, "address or resolution type out of range") }
        guard let address, !address.isEmpty else { throw MessengerError(.E_INVALIDARG, "address is empty") }
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            let params: [String: JSONValue] = [
                "addressType": JSONValue(rawAddressType), "resolutionType": JSONValue(rawResolutionType), "address": .string(address),
            ]
            return try await remote.get("Messenger.ResolveContact", nil, params)
        }
        return try await engine.read { state throws(MessengerError) in
            try state.requireSignedIn()
            let match = state.listedContacts.first { key in
                guard let record = state.contacts[key] else { return false }
                switch addressType {
                case .smtp:
                    return record.profile.email?.caseInsensitiveCompare(address) == .orderedSame
                        || key.value.caseInsensitiveCompare(address) == .orderedSame
                case .displayName, .external:
                    return record.friendlyName.caseInsensitiveCompare(address) == .orderedSame
                }
            }
            guard let match else { throw MessengerError(.MSGR_E_USER_NOT_FOUND, "no contact matches \(address)") }
            return match.value
        }
    }
}
