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
            switch backend {
            case .local(let engine): _ = try await engine.read { state throws(MessengerError) in try state.liveConversation(id) }
            case .remote(let remote): _ = try await remote.call("ConversationWnd.get_Contacts", remoteHandle)
            }
            return MessengerContacts(backend: backend, source: .conversation(id))
        }
    }

    /// `History`: the transcript, one line per message, `[HH:mm:ss] Sender: text`.
    public var history: String {
        get async throws(MessengerError) {
            let id = self.id
            switch backend {
            case .local(let engine):
                return try await engine.read { state throws(MessengerError) in
                    try state.history(of: id, timeZone: state.timeZone)
                }
            case .remote(let remote): return try await remote.get("ConversationWnd.get_History", remoteHandle)
            }
        }
    }

    /// `AddContact`: one-to-one conversations only for now (MSGR_E_SESSION_FULL).
    @discardableResult
    public func addContact(_ contact: ContactArgument) async throws(MessengerError) -> MessengerSuccess<Void> {
        let id = self.id
        switch backend {
        case .local(let engine):
            return try await engine.mutate { state throws(MessengerError) in try state.addParticipant(contact, to: id) }
        case .remote(let remote):
            return try await remote.run("ConversationWnd.AddContact", remoteHandle, ["contact": contact.remoteValue])
        }
    }

    /// `SendText` (IMessengerConversationWndAdvanced): sends a chat message as the local user.
    public func sendText(_ text: String?) async throws(MessengerError) {
        let id = self.id
        let now = Date()
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.sendText(text, in: id, now: now) }
        case .remote(let remote): try await remote.run("ConversationWnd.SendText", remoteHandle, ["text": text.remoteValue])
        }
    }
}
