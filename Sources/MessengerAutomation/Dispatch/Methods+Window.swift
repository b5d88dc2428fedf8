import MessengerKit

/// `Window.*` (IMessengerWindow) and `ConversationWnd.*`
/// (IMessengerConversationWnd and its Advanced form).
extension MethodTable {
    mutating func addWindowMethods() {
        add("Window.Close") { call in
            RPCResult(try await call.resolve.window(try call.handle()).close())
        }
        add("Window.Show") { call in
            try await call.resolve.window(try call.handle()).show()
            return .ok
        }
        add("Window.get_IsClosed") { call in .value(try await call.resolve.window(try call.handle()).isClosed) }
        add("Window.get_HWND") { call in .value(try await call.resolve.window(try call.handle()).hwnd) }
        add("Window.get_Left") { call in .value(try await call.resolve.window(try call.handle()).left) }
        add("Window.get_Top") { call in .value(try await call.resolve.window(try call.handle()).top) }
        add("Window.get_Width") { call in .value(try await call.resolve.window(try call.handle()).width) }
        add("Window.get_Height") { call in .value(try await call.resolve.window(try call.handle()).height) }
        addWindowSetter("Left") { try await $0.setLeft($1) }
        addWindowSetter("Top") { try await $0.setTop($1) }
        addWindowSetter("Width") { try await $0.setWidth($1) }
        addWindowSetter("Height") { try await $0.setHeight($1) }
        add("Window.get_Property") { call in
            try await call.resolve.window(try call.handle()).property(rawType: try call.params.int32("propType"))
        }
        add("Window.put_Property") { call in
            let window = try await call.resolve.window(try call.handle())
            try window.setProperty(rawType: try call.params.int32("propType"), value: try call.params.bool("value"))
            return .ok
        }
    }

    private mutating func addWindowSetter(_ edge: String, _ body: @escaping @Sendable (MessengerWindow, Int32) async throws -> Void) {
        add("Window.put_\(edge)") { call in
            let window = try await call.resolve.window(try call.handle())
            try await body(window, try call.params.int32("value"))
            return .ok
        }
    }

    mutating func addConversationMethods() {
        add("ConversationWnd.get_Contacts") { call in
            .value(await CollectionValue.of(try await call.resolve.conversation(try call.handle()).contacts))
        }
        add("ConversationWnd.get_History") { call in
            .value(try await call.resolve.conversation(try call.handle()).history)
        }
        add("ConversationWnd.AddContact") { call in
            let window = try await call.resolve.conversation(try call.handle())
            return RPCResult(try await window.addContact(try await call.params.contact(call.resolve)))
        }
        add("ConversationWnd.SendText") { call in
            let window = try await call.resolve.conversation(try call.handle())
            try await window.sendText(try call.params.string("text"))
            return .ok
        }
    }

    /// Additions of this project, for the UI and the `msgr` verbs; not in the IDL.
    mutating func addProjectMethods() {
        add("Communicator.ListWindows") { call in
            .value(CollectionValue.of(windows: await call.messenger.openWindows()))
        }
        add("Communicator.GetArchivedHistory") { call in
            guard let contact = try call.params.string("contact") else {
                throw RPCFailure.invalidParams("contact must be a sign-in name string")
            }
            return .value(try await call.messenger.archivedHistory(with: contact))
        }
        add("Communicator.SetPagerNumber") { call in
            try await call.messenger.setPagerNumber(try call.params.string("number"))
            return .ok
        }
        add("Communicator.SetPagerGateway") { call in
            try await call.messenger.setPagerGateway(try call.params.string("url"))
            return .ok
        }
        add("Communicator.GetPagerGateway") { call in .value(try await call.messenger.pagerGateway()) }
        add("Communicator.ListMethods") { _ in
            .value(.array((MethodTable.all.methodNames + AutomationConnection.connectionMethods).sorted().map(JSONValue.string)))
        }
        add("Window.get_Kind") { call in .value(try await call.resolve.window(try call.handle()).kind.rawValue) }
        add("Window.get_Title") { call in .value(try await call.resolve.window(try call.handle()).title) }
        add("Window.Minimize") { call in
            try await call.resolve.window(try call.handle()).minimize()
            return .ok
        }
        add("Window.SendPage") { call in
            try await call.resolve.window(try call.handle()).sendPage(try call.params.string("text"))
            return .ok
        }
        add("Window.get_SentPages") { call in
            guard let pages = try await call.resolve.window(try call.handle()).sentPages else { return .value(.null) }
            return .value(ViewJSON.json(pages))
        }
        add("Window.get_PhoneCall") { call in
            guard let phoneCall = try await call.resolve.window(try call.handle()).phoneCall else { return .value(.null) }
            return .value(PhoneCallValue.of(phoneCall))
        }
        add("Window.Dial") { call in
            try await call.resolve.window(try call.handle()).dial(try call.params.string("number"))
            return .ok
        }
        add("Window.HangUp") { call in
            try await call.resolve.window(try call.handle()).hangUp()
            return .ok
        }
        add("Window.AnswerCall") { call in
            try await call.resolve.window(try call.handle()).answerCall()
            return .ok
        }
        add("Window.DeclineCall") { call in
            try await call.resolve.window(try call.handle()).declineCall()
            return .ok
        }
    }
}

/// `Window.get_PhoneCall`'s value; `state` is the dialog's text, `phase` the
/// machine-readable state, `error` the failure's name when a call ended badly.
enum PhoneCallValue {
    static func of(_ call: PhoneCallInfo) -> JSONValue {
        [
            "number": call.number.map(JSONValue.string) ?? .null,
            "type": JSONValue(call.type.rawValue),
            "state": .string(call.state.displayText),
            "phase": .string(call.state.name),
            "direction": .string(call.direction.rawValue),
            "contact": .string(call.contact),
            "error": call.state.failure.map { JSONValue.string($0.name ?? $0.description) } ?? .null,
        ]
    }
}
