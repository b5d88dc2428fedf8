/// The remote side of a `Messenger` attached to another process: the
/// transport, typed helpers that turn one member into one call, and the
/// table that interns proxy objects by handle — so `===` holds remotely as
/// it does in-process (the same `window:7` is always the same object).
///
/// Proxy objects hold this client and the client holds them, like the local
/// `ObjectTable`: they live as long as the attached `Messenger` does.
actor RemoteClient {
    nonisolated let transport: any MessengerTransport
    /// The other client's main window, learnt when attaching.
    private let mainWindowID: Int
    var contacts: [String: MessengerContact] = [:]
    var groups: [Int: MessengerGroup] = [:]
    var windows: [Int: MessengerWindow] = [:]

    init(transport: any MessengerTransport, mainWindowID: Int) {
        self.transport = transport
        self.mainWindowID = mainWindowID
    }

    var mainWindow: MessengerWindow {
        window(id: mainWindowID, isConversation: false)
    }

    // MARK: Calls

    /// One call; `handle` names the object a method runs on.
    nonisolated func call(_ method: String, _ handle: String? = nil, _ params: [String: JSONValue] = [:])
        async throws(MessengerError) -> RemoteReply
    {
        var params = params
        if let handle { params["handle"] = .string(handle) }
        let reply = try await transport.call(method, params)
        guard reply.hr.isSuccess else {
            throw MessengerError(.E_FAIL, "\(method) replied with failure code \(reply.hr.hexString) as a result")
        }
        return reply
    }

    /// A member with a value.
    nonisolated func get<Value: RemoteValue>(_ method: String, _ handle: String? = nil, _ params: [String: JSONValue] = [:])
        async throws(MessengerError) -> Value
    {
        let reply = try await call(method, handle, params)
        guard let value = reply.value.flatMap(Value.init(remote:)) else { throw Self.unexpected(method, reply.value) }
        return value
    }

    /// A member that cannot fail in-process: when the call fails anyway (the
    /// other process went away) it reads as `fallback`.
    nonisolated func get<Value: RemoteValue>(_ method: String, _ handle: String? = nil, or fallback: Value) async -> Value {
        do throws(MessengerError) {
            return try await get(method, handle)
        } catch {
            return fallback
        }
    }

    /// A member without a value that reports S_FALSE or an MSGR_S_* code.
    @discardableResult
    nonisolated func run(_ method: String, _ handle: String? = nil, _ params: [String: JSONValue] = [:])
        async throws(MessengerError) -> MessengerSuccess<Void>
    {
        MessengerSuccess(hresult: try await call(method, handle, params).hr)
    }

    /// A member that never succeeds in-process (it returns `Never`): any reply is unexpected.
    nonisolated func fail(_ method: String, _ handle: String? = nil, _ params: [String: JSONValue] = [:])
        async throws(MessengerError) -> Never
    {
        let reply = try await call(method, handle, params)
        throw Self.unexpected(method, reply.value)
    }

    static func unexpected(_ method: String, _ value: JSONValue?) -> MessengerError {
        MessengerError(.E_FAIL, "unexpected reply to \(method): \(value.map { "\($0)" } ?? "no value")")
    }
}

/// A value type a reply's `value` converts to.
protocol RemoteValue: Sendable {
    init?(remote value: JSONValue)
}

extension String: RemoteValue {
    init?(remote value: JSONValue) {
        guard let string = value.stringValue else { return nil }
        self = string
    }
}

extension Bool: RemoteValue {
    init?(remote value: JSONValue) {
        guard let bool = value.boolValue else { return nil }
        self = bool
    }
}

extension Int32: RemoteValue {
    init?(remote value: JSONValue) {
        guard let number = value.integerValue.flatMap({ Int32(exactly: $0) }) else { return nil }
        self = number
    }
}

extension Int: RemoteValue {
    init?(remote value: JSONValue) {
        guard let number = value.integerValue.flatMap({ Int(exactly: $0) }) else { return nil }
        self = number
    }
}

extension MISTATUS: RemoteValue {
    init?(remote value: JSONValue) {
        guard let raw = Int32(remote: value) else { return nil }
        self.init(rawValue: raw)
    }
}

extension MUASORT: RemoteValue {
    init?(remote value: JSONValue) {
        guard let raw = Int32(remote: value) else { return nil }
        self.init(rawValue: raw)
    }
}
