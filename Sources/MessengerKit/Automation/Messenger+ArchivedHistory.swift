import Foundation

extension Messenger {
    /// Every conversation line the archive keeps for a contact, across
    /// restarts, oldest first, written like `History` but with the date:
    /// `[2026-11-21 14:03:05] Me: hi`. An addition of this project.
    ///
    /// E_INVALIDARG for an empty name; E_FAIL when the client keeps no
    /// archive (`Configuration.archive` is nil) or it cannot be read.
    public func archivedHistory(with contact: String) async throws(MessengerError) -> String {
        switch backend {
        case .local(let engine):
            return try await engine.archivedHistory(with: contact)
        case .remote(let remote):
            return try await remote.get("Communicator.GetArchivedHistory", nil, ["contact": .string(contact)])
        }
    }
}

extension MessengerEngine {
    func archivedHistory(with contact: String) throws(MessengerError) -> String {
        guard !contact.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw MessengerError(.E_INVALIDARG, "no contact given")
        }
        guard let archive = configuration.archive else {
            throw MessengerError(.E_FAIL, "this client keeps no conversation history (start it with a data folder)")
        }
        let key = ContactKey.resolve(contact, defaultDomain: state.account.domainpart).key
        let messages: [ArchivedMessage]
        do {
            messages = try archive.messages(with: key.value)
        } catch {
            throw MessengerError(.E_FAIL, "the conversation history cannot be read: \(error)")
        }
        let lines = messages.map { message in
            let origin: TranscriptLine.Origin
            switch message.origin {
            case .sent: origin = .local
            case .received: origin = .remote(key)
            case .notice: origin = .system
            }
            return TranscriptLine(time: message.time, origin: origin, sender: message.sender, text: message.text)
        }
        return TranscriptFormat.render(lines, timeZone: state.timeZone, withDate: true)
    }
}
