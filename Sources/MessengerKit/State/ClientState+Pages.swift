import Foundation

/// The Page window (§3.1.10) and sending pages from it.
extension ClientState {
    /// Longest page a Page window sends, in UTF-16 units: what a pager or
    /// an SMS gateway carries in one message.
    static let maximumPageLength = 160

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
