import Foundation

/// `MessengerWindow` (IMessengerWindow, §3.13): the main window, the Phone
/// Call dialog, a Page window — and, through `MessengerConversationWindow`,
/// a conversation window. The class hierarchy mirrors the interfaces'.
///
/// Windows are the client's state: geometry set here is what every viewer
/// (the web UI, the automation endpoint) sees. `id` is stable and doubles as
/// `HWND`; `kind` and `title` let a UI render the window.
///
/// `@unchecked Sendable`: the class is not final only so that the conversation
/// window can inherit it (as the interfaces do); every stored property is an
/// immutable `let` of a Sendable type, and all state lives in the engine actor.
public class MessengerWindow: @unchecked Sendable, Hashable, CustomStringConvertible {
    public let id: Int
    let backend: ObjectBackend

    init(id: Int, backend: ObjectBackend) {
        self.id = id
        self.backend = backend
    }

    public static func == (lhs: MessengerWindow, rhs: MessengerWindow) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { "MessengerWindow(\(id))" }

    public enum Kind: String, Sendable {
        case main, conversation, phone, page
    }

    public var kind: Kind {
        get async {
            switch backend {
            case .local(let engine): await engine.read { Kind(rawValue: $0.windows[id]?.kind.rawValue ?? "main") ?? .main }
            case .remote(let remote): Kind(rawValue: await remote.get("Window.get_Kind", remoteHandle, or: "main")) ?? .main
            }
        }
    }

    public var title: String {
        get async {
            switch backend {
            case .local(let engine): await engine.read { $0.windows[id]?.title ?? "" }
            case .remote(let remote): await remote.get("Window.get_Title", remoteHandle, or: "")
            }
        }
    }

    /// `HWND`: E_FAIL once the window is closed.
    public var hwnd: Int32 {
        get async throws(MessengerError) {
            let id = self.id
            switch backend {
            case .local(let engine): return try await engine.read { state throws(MessengerError) in try state.hwnd(of: id) }
            case .remote(let remote): return try await remote.get("Window.get_HWND", remoteHandle)
            }
        }
    }

    public var left: Int32 { get async throws(MessengerError) { try await geometry(.left) } }
    public var top: Int32 { get async throws(MessengerError) { try await geometry(.top) } }
    public var width: Int32 { get async throws(MessengerError) { try await geometry(.width) } }
    public var height: Int32 { get async throws(MessengerError) { try await geometry(.height) } }

    public func setLeft(_ value: Int32) async throws(MessengerError) { try await setGeometry(.left, value) }
    public func setTop(_ value: Int32) async throws(MessengerError) { try await setGeometry(.top, value) }
    /// E_INVALIDARG for zero or negative sizes.
    public func setWidth(_ value: Int32) async throws(MessengerError) { try await setGeometry(.width, value) }
    public func setHeight(_ value: Int32) async throws(MessengerError) { try await setGeometry(.height, value) }

    private func geometry(_ edge: ClientState.Edge) async throws(MessengerError) -> Int32 {
        let id = self.id
        switch backend {
        case .local(let engine): return try await engine.read { state throws(MessengerError) in try state.geometry(of: id, edge) }
        case .remote(let remote): return try await remote.get("Window.get_" + edge.remoteName, remoteHandle)
        }
    }

    private func setGeometry(_ edge: ClientState.Edge, _ value: Int32) async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.setGeometry(of: id, edge, to: value) }
        case .remote(let remote): try await remote.run("Window.put_" + edge.remoteName, remoteHandle, ["value": JSONValue(value)])
        }
    }

    /// `Show`: restores the window (and the main window from the tray); E_FAIL once destroyed.
    public func show() async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.show(id) }
        case .remote(let remote): try await remote.run("Window.Show", remoteHandle)
        }
    }

    /// Minimizes the window (a UI action; `Left`/`Top` then read -32000, C64).
    public func minimize() async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.minimize(id) }
        case .remote(let remote): try await remote.run("Window.Minimize", remoteHandle)
        }
    }

    /// `Close`: S_FALSE when already closed. Remotely, a failed call (the
    /// other process went away) is S_FALSE too: the window is gone.
    @discardableResult
    public func close() async -> MessengerSuccess<Void> {
        let id = self.id
        switch backend {
        case .local(let engine): return await engine.mutate { state in state.close(id) }
        case .remote(let remote): return (try? await remote.run("Window.Close", remoteHandle)) ?? .sFalse
        }
    }

    /// `IsClosed`. Remotely, true when the call fails: the window is gone.
    public var isClosed: Bool {
        get async {
            switch backend {
            case .local(let engine): await engine.read { $0.isClosed(id) }
            case .remote(let remote): await remote.get("Window.get_IsClosed", remoteHandle, or: true)
            }
        }
    }

    /// `Property` get/put: "Not implemented" in Communicator 2007 (C56).
    public func property(rawType: Int32) throws(MessengerError) -> Never {
        throw MessengerError(.E_NOTIMPL, "window properties are not implemented")
    }

    public func setProperty(rawType: Int32, value: Bool) throws(MessengerError) {
        throw MessengerError(.E_NOTIMPL, "window properties are not implemented")
    }

    // MARK: Phone and Page windows

    /// The Phone Call dialog's number box and call (nil for other windows).
    public var phoneCall: PhoneCallInfo? {
        get async {
            switch backend {
            case .local(let engine):
                await engine.read { state in
                    state.windows[id]?.phoneCall.map {
                        PhoneCallInfo(number: $0.number, type: $0.phoneType, state: $0.phase, direction: $0.direction, contact: $0.contact.value)
                    }
                }
            case .remote(let remote): await remote.phoneCall(of: remoteHandle)
            }
        }
    }

    /// The Phone dialog's Call button: dials `number`, or the number in the
    /// dialog's box. E_FAIL while a call is in progress or for other windows.
    public func dial(_ number: String? = nil) async throws(MessengerError) {
        try await phoneControl("Window.Dial", number.map { ["number": .string($0)] } ?? [:]) { state, id throws(MessengerError) in
            try state.dial(inWindow: id, number: number)
        }
    }

    /// Ends the dialog's call (declines it while it rings here). `Close` does the same.
    public func hangUp() async throws(MessengerError) {
        try await phoneControl("Window.HangUp") { state, id throws(MessengerError) in try state.hangUp(inWindow: id) }
    }

    /// Answers the incoming call the dialog shows.
    public func answerCall() async throws(MessengerError) {
        try await phoneControl("Window.AnswerCall") { state, id throws(MessengerError) in try state.answerCall(inWindow: id) }
    }

    /// Declines the incoming call the dialog shows.
    public func declineCall() async throws(MessengerError) {
        try await phoneControl("Window.DeclineCall") { state, id throws(MessengerError) in try state.declineCall(inWindow: id) }
    }

    private func phoneControl(
        _ method: String, _ params: [String: JSONValue] = [:],
        _ body: @escaping @Sendable (inout ClientState, Int) throws(MessengerError) -> Void
    ) async throws(MessengerError) {
        let id = self.id
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try body(&state, id) }
        case .remote(let remote): try await remote.run(method, remoteHandle, params)
        }
    }

    /// A Page window's sent pages with their status (sending, sent…, failed…),
    /// oldest first; nil for other windows (and for a window that is gone).
    public var sentPages: [MessengerView.SentPage]? {
        get async {
            switch backend {
            case .local(let engine): await engine.read { state in state.sentPageViews(in: id) }
            case .remote(let remote): await remote.sentPages(of: remoteHandle)
            }
        }
    }

    /// Sends a page from a Page window (E_FAIL for other windows).
    public func sendPage(_ text: String?) async throws(MessengerError) {
        let id = self.id
        let now = Date()
        switch backend {
        case .local(let engine): try await engine.mutate { state throws(MessengerError) in try state.sendPage(text, in: id, now: now) }
        case .remote(let remote): try await remote.run("Window.SendPage", remoteHandle, ["text": text.remoteValue])
        }
    }
}
