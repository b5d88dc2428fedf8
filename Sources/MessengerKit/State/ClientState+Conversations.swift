import Foundation
import XMPPCore

/// Conversation windows: `InstantMessage` (§3.1.5), `SendText` (§3.15),
/// `History`/`Contacts`/`AddContact` (§3.14), and chat messages arriving.
extension ClientState {
    /// Longest text `SendText` accepts, in UTF-16 units: well inside the
    /// server's stanza limit, so a message is never cut off on the wire.
    static let maximumTextLength = 32_768

    /// `InstantMessage`: R1 → signed in → not self → reuse (R5) or open.
    mutating func instantMessage(_ argument: ContactArgument) throws(MessengerError) -> Int {
        try SigninNameRule.validate(argument)
        try requireSignedIn()
        let key = resolve(argument)
        guard key != ownKey else { throw MessengerError(.E_FAIL, "cannot start a conversation with yourself") }
        let id = conversationWindow(with: key)
        bringToFront(id)
        return id
    }

    /// The open conversation window with exactly this contact, or a new one.
    mutating func conversationWindow(with key: ContactKey) -> Int {
        if let id = openConversation(with: key) {
            windows[id]?.isMinimized = false
            return id
        }
        let id = openNewWindow(kind: .conversation, title: displayName(of: key))
        windows[id]?.conversation = ConversationRecord(
            participants: [key], thread: "conv-\(id)-" + String(UInt64.random(in: 0...UInt64.max), radix: 36))
        emit(.imWindowCreated(windowID: id))
        return id
    }

    func openConversation(with key: ContactKey) -> Int? {
        windows.values
            .filter { !$0.isClosed && $0.conversation?.participants == [key] }
            .map(\.id).min()
    }

    /// A conversation window that is open, or E_FAIL (C14: these members use
    /// E_FAIL for "not signed in", and C44 for destroyed windows).
    func liveConversation(_ id: Int) throws(MessengerError) -> ConversationRecord {
        guard isSignedIn else { throw MessengerError(.E_FAIL, "not signed in") }
        guard let window = windows[id], let conversation = window.conversation else {
            throw MessengerError(.E_FAIL, "not a conversation window")
        }
        guard !window.isClosed else { throw MessengerError(.E_FAIL, "the window is closed") }
        return conversation
    }

    /// `SendText`: sends one chat message to every participant and adds it to the transcript.
    mutating func sendText(_ text: String?, in id: Int, now: Date) throws(MessengerError) {
        guard let text, !text.isEmpty else { throw MessengerError(.E_INVALIDARG, "text is empty") }
        guard text.utf16.count <= Self.maximumTextLength else {
            throw MessengerError(.E_INVALIDARG, "text is longer than \(Self.maximumTextLength) characters")
        }
        let conversation = try liveConversation(id)
        append(TranscriptLine(time: now, origin: .local, sender: myDisplayName, text: text), to: id)
        for participant in conversation.participants {
            guard let jid = contacts[participant]?.jid else {
                appendSystemLine("\(participant.value) is not a valid address; the message was not sent.", to: id, now: now)
                continue
            }
            send(ChatMessage.chat(to: jid, body: text, thread: conversation.thread, id: stanzaIDs.make()))
        }
    }

    /// `History`: the transcript, one line per message: `[HH:mm:ss] Sender: text`.
    func history(of id: Int, timeZone: TimeZone) throws(MessengerError) -> String {
        let conversation = try liveConversation(id)
        return TranscriptFormat.render(conversation.transcript, timeZone: timeZone)
    }

    /// `IMessengerConversationWnd::Contacts`: the other participants.
    func participants(of id: Int) throws(MessengerError) -> [ContactKey] {
        try liveConversation(id).participants
    }

    /// `IMessengerConversationWnd::AddContact`. Conversations are one-to-one
    /// until multi-party chat exists, so a new participant gets the documented
    /// "participant limit reached" failure, `MSGR_E_SESSION_FULL`.
    mutating func addParticipant(_ argument: ContactArgument, to id: Int) throws(MessengerError) -> MessengerSuccess<Void> {
        try SigninNameRule.validate(argument)
        let conversation = try liveConversation(id)
        let key = resolve(argument)
        guard key != ownKey else { throw MessengerError(.E_FAIL, "cannot invite yourself") }
        if conversation.participants.contains(key) { return .sFalse }
        throw MessengerError(.MSGR_E_SESSION_FULL, "this conversation cannot take more participants")
    }

    // MARK: Inbound

    /// A `<message/>` from someone: chat and normal messages with a body land in
    /// that contact's window (opened, with `OnIMWindowCreated`, if none is);
    /// bounced messages are noted in the window they came from.
    mutating func receive(_ message: ChatMessage, now: Date) {
        guard let from = message.from, from.localpart != nil, from.bare != account else { return }
        let key = knownContact(jid: from)
        switch message.kind {
        case .error:
            if let id = openConversation(with: key) {
                appendSystemLine("A message to \(displayName(of: key)) could not be delivered.", to: id, now: now)
            }
        case .chat, .normal, .headline:
            guard let body = message.body, !body.isEmpty else { return }
            // Shown already: a resend after the sender's reconnect, or a second copy
            // (same sender, id and text; a reused id with new text is a new message).
            if let id = message.id, !recentMessages.insert(sender: key, id: id, body: body) { return }
            let id = conversationWindow(with: key)
            let text = message.isPage ? "(page) " + body : body
            append(
                TranscriptLine(time: message.delayedUntil ?? now, origin: .remote(key), sender: displayName(of: key), text: text),
                to: id)
        case .groupchat:
            return
        }
    }

    mutating func append(_ line: TranscriptLine, to id: Int) {
        guard let conversation = windows[id]?.conversation else { return }
        windows[id]?.conversation?.transcript.append(line)
        for participant in conversation.participants {
            archive(line, with: participant)
        }
    }

    /// Hands a line to the archive, filed under the other party.
    mutating func archive(_ line: TranscriptLine, with contact: ContactKey) {
        let origin: ArchivedMessage.Origin
        switch line.origin {
        case .local: origin = .sent
        case .remote: origin = .received
        case .system: origin = .notice
        }
        perform(.archive(ArchivedMessage(contact: contact.value, time: line.time, origin: origin, sender: line.sender, text: line.text)))
    }

    mutating func appendSystemLine(_ text: String, to id: Int, now: Date) {
        append(TranscriptLine(time: now, origin: .system, sender: "", text: text), to: id)
    }
}

/// How `History` writes a transcript.
enum TranscriptFormat {
    /// `withDate` prefixes `yyyy-MM-dd ` for transcripts that span days (the archive).
    static func render(_ lines: [TranscriptLine], timeZone: TimeZone, withDate: Bool = false) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return lines.map { line in
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: line.time)
            let clock = [parts.hour, parts.minute, parts.second].map { pad($0 ?? 0) }.joined(separator: ":")
            let date = withDate ? "\(parts.year ?? 0)-\(pad(parts.month ?? 0))-\(pad(parts.day ?? 0)) " : ""
            let stamp = "[" + date + clock + "]"
            // Continuation lines are indented so every line that starts with
            // "[" begins a message.
            let text = line.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\n    ")
            switch line.origin {
            case .system: return "\(stamp) * \(text)"
            case .local, .remote: return "\(stamp) \(line.sender): \(text)"
            }
        }.joined(separator: "\n")
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
