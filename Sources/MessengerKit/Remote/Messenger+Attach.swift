extension Messenger {
    /// A `Messenger` for a Communicator running in another process, reached
    /// through `transport` (the automation endpoint's JSON-RPC).
    ///
    /// Every member makes the call the endpoint serves for it and returns the
    /// same types and `MessengerError`s as in-process; objects are proxies,
    /// interned by handle so `===` holds as it does locally. Differences:
    /// members that cannot fail in-process (`status`, `count`, `isClosed`,
    /// `close()`…) read as a neutral value when the transport fails (UNKNOWN
    /// or OFFLINE, 0, "", closed, S_FALSE); members that fail regardless of
    /// state (E_NOTIMPL, reserved properties) and constants (`serviceName`,
    /// `Services.count`) answer without a call. Dropping the messenger leaves
    /// the other client running and signed in.
    ///
    /// Attaching makes one call (`Messenger.get_Window`), so a transport that
    /// reaches no Communicator fails here.
    public convenience init(attachingTo transport: any MessengerTransport) async throws(MessengerError) {
        let method = "Messenger.get_Window"
        let reply = try await transport.call(method, [:])
        guard let mainWindowID = RemoteClient.number(in: reply.value, after: "window:") else {
            throw RemoteClient.unexpected(method, reply.value)
        }
        self.init(backend: .remote(RemoteClient(transport: transport, mainWindowID: mainWindowID)))
    }

    /// True for a messenger attached to another process.
    public var isAttached: Bool {
        if case .remote = backend { return true }
        return false
    }
}
