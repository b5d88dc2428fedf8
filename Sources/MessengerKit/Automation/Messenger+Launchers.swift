/// The `IMessenger` members that launch dialogs, and those for features this
/// client does not have yet. Each returns `E_NOTIMPL` — never a silent success — and the
/// member-status table in docs/automation.md says so. Validation that the
/// spec documents still comes first, so bad input gets its own code.
extension Messenger {
    /// `AddContact` (§3.1.1): with a name, adds the contact like
    /// `MessengerPrivate.addContact` (the wizard would do the same once the
    /// user confirms); the outcome is `OnContactListAdd`. Offline it still
    /// returns S_OK and the event carries MSGR_E_NOT_LOGGED_ON (C8). Without a
    /// name it would open the wizard, which is the web UI's: E_NOTIMPL.
    public func addContact(hwndParent: Int = 0, email: String?) async throws(MessengerError) {
        guard let email, !email.isEmpty else {
            throw MessengerError(.E_NOTIMPL, "the Add-a-Contact wizard is not available")
        }
        try SigninNameRule.validate(email, what: "e-mail")
        let engine: MessengerEngine
        switch backend {
        case .local(let local): engine = local
        case .remote(let remote):
            try await remote.run("Messenger.AddContact", nil, ["hwndParent": JSONValue(hwndParent), "eMail": .string(email)])
            return
        }
        let offlineKey = try await engine.mutate { state throws(MessengerError) -> ContactKey? in
            let key = state.knownContact(named: email)
            guard state.isSignedIn else { return key }
            state.requestAdd(key)
            return nil
        }
        if let offlineKey {
            // The rejection is an event after the call, like any other outcome (R7).
            Task { await engine.apply { $0.emit(.contactListAdd(.MSGR_E_NOT_LOGGED_ON, offlineKey)) } }
        }
    }

    /// `FindContact` (§3.1.3): argument limits enforced, then E_NOTIMPL (no directory search yet).
    public func findContact(
        hwndParent: Int = 0, firstName: String?, lastName: String?, city: String? = nil, state: String? = nil,
        country: String? = nil
    ) throws(MessengerError) {
        for (value, label) in [(firstName, "first name"), (lastName, "last name")] {
            guard let value, !value.isEmpty, value.utf16.count <= 63 else {
                throw MessengerError(.E_INVALIDARG, "\(label) must be 1 to 63 characters")
            }
        }
        for (value, label) in [(city, "city"), (state, "state"), (country, "country")] {
            if let value, value.utf16.count > 63 { throw MessengerError(.E_INVALIDARG, "\(label) is longer than 63 characters") }
        }
        if let country, country.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0.value > 0x7E }) {
            throw MessengerError(.E_INVALIDARG, "country contains a line break or a non-ASCII character")
        }
        throw MessengerError(.E_NOTIMPL, "directory search is not available")
    }

    /// `InviteApp`: not supported in the Communicator 2007 profile (C5).
    public func inviteApp(_ contact: ContactArgument, appID: String?) throws(MessengerError) -> Never {
        throw MessengerError(.E_NOTIMPL, "InviteApp is not supported")
    }

    /// `MediaWizard`: not supported in the Communicator 2007 profile (C5).
    public func mediaWizard(hwndParent: Int = 0) throws(MessengerError) {
        throw MessengerError(.E_NOTIMPL, "MediaWizard is not supported")
    }

    /// `OpenInbox`: not supported in the Communicator 2007 profile (C5).
    public func openInbox() throws(MessengerError) {
        throw MessengerError(.E_NOTIMPL, "OpenInbox is not supported")
    }

    /// `OptionsPages`: the Options dialog belongs to the web UI; E_NOTIMPL for now.
    public func optionsPages(hwndParent: Int = 0, rawPage: Int32) throws(MessengerError) {
        guard MOPTIONPAGE(rawValue: rawPage) != nil else {
            throw MessengerError(.E_INVALIDARG, "\(rawPage) is not an MOPTIONPAGE")
        }
        throw MessengerError(.E_NOTIMPL, "the Options dialog is not available")
    }

    /// `SendFile` (§3.1.12): arguments checked, then E_NOTIMPL (no file transfer yet).
    public func sendFile(_ contact: ContactArgument, fileName: String?) async throws(MessengerError) -> Never {
        if let fileName, fileName.utf16.count > 260 || SigninNameRule.hasLineBreak(fileName) {
            throw MessengerError(.E_INVALIDARG, "file name is longer than 260 characters or contains a line break")
        }
        switch backend {
        case .local(let engine): try await checkConversationTarget(contact, on: engine)
        case .remote(let remote):
            try await remote.fail("Messenger.SendFile", nil, ["contact": contact.remoteValue, "fileName": fileName.remoteValue])
        }
        throw MessengerError(.E_NOTIMPL, "file transfer is not available")
    }

    /// `SendMail` (§3.1.13): contacts have no mail addresses here; E_NOTIMPL after validation.
    public func sendMail(_ contact: ContactArgument) async throws(MessengerError) {
        try SigninNameRule.validate(contact)
        switch backend {
        case .local(let engine): try await engine.read { state throws(MessengerError) in try state.requireSignedIn() }
        case .remote(let remote): try await remote.fail("Messenger.SendMail", nil, ["contact": contact.remoteValue])
        }
        throw MessengerError(.E_NOTIMPL, "e-mail is not available")
    }

    /// `StartVoice` (§3.1.16): a computer call to the contact's own address,
    /// shown in the Phone dialog (docs/phone.md); returns that window.
    public func startVoice(_ contact: ContactArgument) async throws(MessengerError) -> MessengerWindow {
        switch backend {
        case .local(let engine):
            let id = try await engine.mutate { state throws(MessengerError) in try state.startVoice(contact) }
            return await engine.windowObject(id)
        case .remote(let remote):
            return try await remote.window(remote.call("Messenger.StartVoice", nil, ["contact": contact.remoteValue]).value)
        }
    }

    /// `StartVideo` (IMessenger2): not supported in the Communicator 2007 profile.
    public func startVideo(_ contact: ContactArgument) throws(MessengerError) -> Never {
        throw MessengerError(.E_NOTIMPL, "StartVideo is not supported")
    }

    /// `ViewProfile` (§3.1.17): arguments checked, then E_NOTIMPL (no profile page).
    public func viewProfile(_ contact: ContactArgument) async throws(MessengerError) {
        try SigninNameRule.validate(contact)
        switch backend {
        case .local(let engine): try await engine.read { state throws(MessengerError) in try state.requireSignedIn() }
        case .remote(let remote): try await remote.fail("Messenger.ViewProfile", nil, ["contact": contact.remoteValue])
        }
        throw MessengerError(.E_NOTIMPL, "profile pages are not available")
    }

    /// `ReceiveFileDirectory`: no file transfer, so no folder: E_NOTIMPL.
    public func receiveFileDirectory() throws(MessengerError) -> Never {
        throw MessengerError(.E_NOTIMPL, "file transfer is not available")
    }

    /// R1 → signed in → not self, the checks every conversation launcher shares.
    private func checkConversationTarget(_ contact: ContactArgument, on engine: MessengerEngine) async throws(MessengerError) {
        try SigninNameRule.validate(contact)
        try await engine.mutate { state throws(MessengerError) in
            try state.requireSignedIn()
            guard state.resolve(contact) != state.ownKey else {
                throw MessengerError(.E_FAIL, "cannot start a conversation with yourself")
            }
        }
    }
}
