import Foundation

/// The Phone Call dialog (§3.1.11) and the Page window (§3.1.10).
extension ClientState {
    /// C3: the table wins — numbers longer than this are rejected. A named
    /// constant so the limit can be lifted in one place.
    static let maximumPhoneNumberLength = 256

    /// Longest page a Page window sends, in UTF-16 units: what a pager or
    /// an SMS gateway carries in one message.
    static let maximumPageLength = 160

    /// `Phone`, checks in §9 order: R1 → phone type → number length → signed
    /// in → self → policy → voice service → stored number. There is one dialog:
    /// a repeated call returns S_OK and the dialog shows the newest number (C2).
    mutating func phone(_ argument: ContactArgument, type rawType: Int32, number: String?) throws(MessengerError) -> Int {
        try SigninNameRule.validate(argument)
        guard let type = MPHONE_TYPE(rawValue: rawType) else {
            throw MessengerError(.E_INVALIDARG, "phone type \(rawType) is not an MPHONE_TYPE")
        }
        if let number, number.utf16.count > Self.maximumPhoneNumberLength {
            throw MessengerError(.E_INVALIDARG, "number is longer than \(Self.maximumPhoneNumberLength) characters")
        }
        try requireSignedIn()
        let key = resolve(argument)
        guard key != ownKey else { throw MessengerError(.E_FAIL, "cannot call yourself") }
        guard policy.allowsPhoneCalls else {
            throw MessengerError(.MSGR_E_POLICY_RESTRICTED, "a policy setting forbids phone calls")
        }
        guard policy.hasVoiceService else {
            throw MessengerError(.MSGR_E_PHONESERVICE_UNAVAILABLE, "no voice service is configured")
        }
        let stored = contacts[key]?.profile.phoneNumbers ?? [:]
        let shown: String?
        switch type {
        case .home, .work, .mobile:
            guard let storedNumber = stored[type] else {
                throw MessengerError(.MSGR_E_PHONE_INVALID_NUMBER, "\(displayName(of: key)) has no \(type.name) number")
            }
            shown = number ?? storedNumber
        case .all:
            let any = [MPHONE_TYPE.work, .mobile, .home, .custom].lazy.compactMap { stored[$0] }.first
            guard number != nil || any != nil else {
                throw MessengerError(.MSGR_E_PHONE_INVALID_NUMBER, "\(displayName(of: key)) has no phone number")
            }
            shown = number ?? any
        case .custom:
            shown = number
        }
        let call = PhoneCallRecord(contact: key, phoneType: type, number: shown, callState: "Not connected")
        let title = "Call \(displayName(of: key))"
        if let id = phoneWindowID, windows[id]?.isClosed == false {
            windows[id]?.phoneCall = call
            windows[id]?.title = title
            bringToFront(id)
            return id
        }
        let id = openNewWindow(kind: .phone, title: title)
        windows[id]?.phoneCall = call
        phoneWindowID = id
        return id
    }

    /// `Page`: R1 → signed in → self → the contact has paging enabled. One
    /// Page window per contact, reused like conversation windows.
    mutating func page(_ argument: ContactArgument) throws(MessengerError) -> Int {
        try SigninNameRule.validate(argument)
        try requireSignedIn()
        let key = resolve(argument)
        guard key != ownKey else { throw MessengerError(.E_FAIL, "cannot page yourself") }
        guard contacts[key]?.profile.canPage == true else {
            throw MessengerError(.MSGR_E_PAGING_UNAVAILABLE, "\(displayName(of: key)) has not enabled paging")
        }
        let openPage = windows.values.first { !$0.isClosed && $0.page?.contact == key }?.id
        if let id = openPage {
            bringToFront(id)
            return id
        }
        let id = openNewWindow(kind: .page, title: "Page \(displayName(of: key))")
        windows[id]?.page = PageRecord(contact: key)
        return id
    }

    /// Sends a page from a Page window: a `headline` message with our page
    /// element (docs/protocol.md). Not an API member of the original; the UI
    /// and the automation endpoint use it.
    mutating func sendPage(_ text: String?, in id: Int, now: Date) throws(MessengerError) {
        guard let text, !text.isEmpty else { throw MessengerError(.E_INVALIDARG, "page text is empty") }
        guard text.utf16.count <= Self.maximumPageLength else {
            throw MessengerError(.E_INVALIDARG, "a page holds at most \(Self.maximumPageLength) characters, not \(text.utf16.count)")
        }
        guard isSignedIn else { throw MessengerError(.E_FAIL, "not signed in") }
        let window = try openWindow(id)
        guard let page = window.page else { throw MessengerError(.E_FAIL, "not a Page window") }
        guard let jid = contacts[page.contact]?.jid else {
            throw MessengerError(.E_FAIL, "\(page.contact.value) is not a valid address")
        }
        send(ChatMessage.page(to: jid, body: text))
        let line = TranscriptLine(time: now, origin: .local, sender: myDisplayName, text: text)
        windows[id]?.page?.sentPages.append(line)
        archive(TranscriptLine(time: now, origin: .local, sender: myDisplayName, text: "(page) " + text), with: page.contact)
    }
}
