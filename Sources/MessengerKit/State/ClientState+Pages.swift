import Foundation
import XMPPCore

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
    /// element and an id (docs/protocol.md). Not an API member of the
    /// original; the UI and the automation endpoint use it. The page is
    /// listed as sending until the server's receipt or bounce names its id.
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
        let pageID = PageReply.idPrefix + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        send(ChatMessage.page(to: jid, body: text, id: pageID))
        let line = TranscriptLine(time: now, origin: .local, sender: myDisplayName, text: text)
        windows[id]?.page?.sentPages.append(SentPage(id: pageID, line: line, status: .sending))
        archive(TranscriptLine(time: now, origin: .local, sender: myDisplayName, text: "(page) " + text), with: page.contact)
    }

    /// A receipt or bounce for a page we sent, still sending, from that
    /// page's contact (the server answers from their bare address): its
    /// status changes. True when the message was one (it is then not shown
    /// as a message); anything else is left to be handled as a message.
    mutating func receivePageReply(_ message: XMLElement) -> Bool {
        guard let reply = PageReply(message: message), let from = reply.from, from.isBare,
            let (window, index) = sendingPage(reply.id, from: ContactKey(jid: from))
        else { return false }
        let status: PageStatus
        switch reply.answer {
        case .receipt(let receipt) where receipt.reachedNobody:
            status = .failed("the server could not deliver, store or forward it")
        case .receipt(let receipt): status = .sent(receipt)
        case .error(let text): status = .failed(text)
        }
        windows[window]?.page?.sentPages[index].status = status
        return true
    }

    /// The window and index of the page with `pageID` sent to `contact` and still sending.
    private func sendingPage(_ pageID: String, from contact: ContactKey) -> (window: Int, index: Int)? {
        for (id, window) in windows where window.page?.contact == contact {
            if let index = window.page?.sentPages.firstIndex(where: { $0.id == pageID && $0.status == .sending }) {
                return (id, index)
            }
        }
        return nil
    }

    /// The connection dropped: pages still waiting will get no receipt.
    mutating func abandonUnconfirmedPages() {
        for (id, window) in windows {
            guard let pages = window.page?.sentPages else { continue }
            for index in pages.indices where pages[index].status == .sending {
                windows[id]?.page?.sentPages[index].status = .failed("the connection dropped before the server confirmed it")
            }
        }
    }
}

extension ClientState {
    /// A Page window's sent pages as the view and `Window.get_SentPages` show them; nil for other windows.
    func sentPageViews(in id: Int) -> [MessengerView.SentPage]? {
        guard let page = windows[id]?.page else { return nil }
        let name = displayName(of: page.contact)
        return page.sentPages.map { sent in
            MessengerView.SentPage(
                id: sent.id, time: sent.line.time.formatted(.iso8601), text: sent.line.text, status: sent.status.name,
                statusText: sent.status.text(contactName: name))
        }
    }
}
