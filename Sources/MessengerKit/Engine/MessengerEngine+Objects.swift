/// Handing out the interned API objects.
extension MessengerEngine {
    func contactObject(_ key: ContactKey) -> MessengerContact {
        objects.contact(key, engine: self)
    }

    func groupObject(_ id: Int) -> MessengerGroup {
        objects.group(id, engine: self)
    }

    func windowObject(_ id: Int) -> MessengerWindow {
        objects.window(id, isConversation: state.windows[id]?.kind == .conversation, engine: self)
    }

    func conversationObject(_ id: Int) -> MessengerConversationWindow {
        objects.conversation(id, engine: self)
    }

    func mainWindowObject() -> MessengerWindow {
        objects.window(state.mainWindowID, isConversation: false, engine: self)
    }
}
