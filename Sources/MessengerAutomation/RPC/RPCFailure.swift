import MessengerKit

/// Why a request failed, as the JSON-RPC error object it becomes: either a
/// protocol error (the standard -32xxx codes) or an API failure whose code is
/// the HRESULT as a signed 32-bit integer (automation-rpc.md, Results and errors).
struct RPCFailure: Error, Sendable, Hashable {
    let code: Int32
    let message: String
    /// `{"name": …, "hresult": …}` for API failures; nil for protocol errors.
    let data: JSONValue?

    init(_ error: MessengerError) {
        code = error.hresult.signedValue
        message = "\(error.name): \(error.message)"
        data = ["name": .string(error.name), "hresult": .string(error.hresult.hexString)]
    }

    private init(protocolCode: Int32, message: String) {
        code = protocolCode
        self.message = message
        data = nil
    }

    static func parseError(_ reason: String) -> RPCFailure {
        RPCFailure(protocolCode: -32700, message: "parse error: \(reason)")
    }

    static func invalidRequest(_ reason: String) -> RPCFailure {
        RPCFailure(protocolCode: -32600, message: "invalid request: \(reason)")
    }

    static func methodNotFound(_ method: String) -> RPCFailure {
        RPCFailure(protocolCode: -32601, message: "method not found: \(method)")
    }

    static func invalidParams(_ reason: String) -> RPCFailure {
        RPCFailure(protocolCode: -32602, message: "invalid params: \(reason)")
    }

    var errorObject: JSONValue {
        var object: [String: JSONValue] = ["code": JSONValue(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}

/// What a member returned: its success HRESULT and `[out, retval]` value.
struct RPCResult: Sendable {
    var hr: HRESULT
    var value: JSONValue?

    init(hr: HRESULT = .S_OK, _ value: JSONValue? = nil) {
        self.hr = hr
        self.value = value
    }

    static let ok = RPCResult()

    var resultObject: JSONValue {
        var object: [String: JSONValue] = ["hr": JSONValue(hr.signedValue)]
        if let value { object["value"] = value }
        return .object(object)
    }
}
