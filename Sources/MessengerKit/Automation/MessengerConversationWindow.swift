import Foundation

/// `MessengerConversationWnd` (IMessengerConversationWnd and its Advanced
/// form, §3.14–3.15): an IM conversation window. After it closes, every
/// member fails with E_FAIL except `Close` (S_FALSE) and `IsClosed` (C44).
public final class MessengerConversationWindow: MessengerWindow, @unchecked Sendable {
    override public var description: String { "MessengerConversationWindow(\(id))" }

    /// `Contacts`: the other participants, read-only.
    public var contacts: MessengerContacts {
        get async throws(MessengerError) {
            let id = self.id
            _ = try await engine.read { state throws(MessengerError) in try state.liveConversation(id) }
            return MessengerContacts(engine: engine, source: .conversation(id))
        }
    }

    /// `History`: the transcript, one line per message, `[HH:mm:ss] Sender: text`.
    public var history: String {
        get async throws(MessengerError) {
            let id = self.id
            return try await engine.read { state throws(MessengerError) in
                try state.history(of: id, timeZone: state.timeZone)
            }
        }
    }

    /// `AddContact`: one-to-one conversations only for now (MSGR_E_SESSION_FULL).
    @discardableResult
    public func addContact(_ contact: ContactArgument) async throws(MessengerError) -> MessengerSuccess<Void> {
        let id = self.id
        return try await engine.mutate { state throws(MessengerError) in try state.addParticipant(contact, to: id) }
    }

    /// `SendText` (IMessengerConversationWndAdvanced): sends a chat message as the local user.
    public func sendText(_ text: String?) async throws(MessengerError) {
        let id = self.id
        let now = Date()
        try await engine.mutate { state throws(MessengerError) in try state.sendText(text, in: id, now: now) }
    }
}
