/// How a `Messenger` reaches a Communicator running in another process: the
/// automation endpoint's JSON-RPC calls and event notifications
/// (automation-rpc.md), carried by whatever connects the two.
public protocol MessengerTransport: Sendable {
    /// One call (`"Contact.get_Status"`, `["handle": "contact:bob@example.test"]`).
    /// An error reply throws `MessengerError` (see `MessengerError(remoteCode:message:)`).
    func call(_ method: String, _ params: [String: JSONValue]) async throws(MessengerError) -> RemoteReply

    /// The event notifications from now on, after the transport subscribed
    /// (`Events.Subscribe`); each named without the `"Event."` prefix.
    func events() async throws(MessengerError) -> AsyncStream<RemoteEvent>
}

/// A successful reply: the success HRESULT and the `[out, retval]` value, if any.
public struct RemoteReply: Sendable, Hashable {
    public var hr: HRESULT
    public var value: JSONValue?

    public init(hr: HRESULT, value: JSONValue?) {
        self.hr = hr
        self.value = value
    }
}

/// One event notification: `"OnContactStatusChange"` and its named parameters.
public struct RemoteEvent: Sendable, Hashable {
    public var name: String
    public var params: [String: JSONValue]

    public init(name: String, params: [String: JSONValue]) {
        self.name = name
        self.params = params
    }
}

extension MessengerError {
    /// The error a JSON-RPC error reply stands for. An HRESULT code keeps its
    /// code, and its text without the `"NAME: "` prefix, so it reads exactly
    /// like the in-process error. A JSON-RPC protocol code (-32768…-32000) is
    /// E_INVALIDARG for invalid params (-32602) and E_FAIL otherwise.
    public init(remoteCode code: Int32, message: String) {
        if (-32768 ... -32000).contains(code) {
            self.init(code == -32602 ? .E_INVALIDARG : .E_FAIL, message)
            return
        }
        let hresult = HRESULT(signedValue: code)
        guard hresult.isFailure else {
            self.init(.E_FAIL, "error reply with success code \(hresult.hexString): \(message)")
            return
        }
        let prefix = (hresult.name ?? "HRESULT") + ": "
        self.init(hresult, message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message)
    }
}
