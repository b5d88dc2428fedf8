import MessengerKit
/// One parsed request line. A request without `id` is a notification: it is
/// carried out but gets no reply (JSON-RPC 2.0 §4.1).
struct RPCRequest: Sendable {
    let id: JSONValue?
    let method: String
    let params: [String: JSONValue]

    var isNotification: Bool { id == nil }

    /// Parses a line. On failure, also returns the id when one could be read,
    /// so the error reply can carry it.
    static func parse(_ line: some Collection<UInt8>) -> Result<RPCRequest, RPCRequestError> {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: line)
        } catch {
            return .failure(RPCRequestError(id: .null, failure: .parseError("the line is not valid JSON")))
        }
        guard case .object(let object) = value else {
            return .failure(RPCRequestError(id: .null, failure: .invalidRequest("a request is a JSON object")))
        }
        let id = object["id"]
        switch id {
        case nil, .string?, .number?, .null?: break
        default:
            return .failure(RPCRequestError(id: .null, failure: .invalidRequest("id must be a string, a number or null")))
        }
        let replyID = id ?? .null
        guard object["jsonrpc"] == .string("2.0") else {
            return .failure(RPCRequestError(id: replyID, failure: .invalidRequest(#"jsonrpc must be "2.0""#)))
        }
        guard case .string(let method)? = object["method"], !method.isEmpty else {
            return .failure(RPCRequestError(id: replyID, failure: .invalidRequest("method must be a non-empty string")))
        }
        let params: [String: JSONValue]
        switch object["params"] {
        case nil, .null?: params = [:]
        case .object(let named)?: params = named
        default:
            // Positional params have no meaning here: every parameter has a fixed name.
            return .failure(RPCRequestError(id: replyID, failure: .invalidParams("params must be an object of named parameters")))
        }
        return .success(RPCRequest(id: id, method: method, params: params))
    }
}

struct RPCRequestError: Error, Sendable {
    let id: JSONValue
    let failure: RPCFailure
}

/// The lines the endpoint writes.
enum RPCLine {
    static func reply(id: JSONValue, result: RPCResult) -> String {
        JSONValue.object(["jsonrpc": "2.0", "id": id, "result": result.resultObject]).serialized()
    }

    static func reply(id: JSONValue, failure: RPCFailure) -> String {
        JSONValue.object(["jsonrpc": "2.0", "id": id, "error": failure.errorObject]).serialized()
    }

    static func notification(method: String, params: [String: JSONValue]) -> String {
        JSONValue.object(["jsonrpc": "2.0", "method": .string(method), "params": .object(params)]).serialized()
    }
}
