import MessengerKit

/// The successful result of a call: the success HRESULT (0 = S_OK,
/// 1 = S_FALSE, or an `MSGR_S_*` value) and the `[out, retval]` value, nil
/// when the member returns nothing.
public struct AutomationReply: Sendable, Equatable {
    public var hr: Int32
    public var value: JSONValue?

    public init(hr: Int32 = 0, value: JSONValue? = nil) {
        self.hr = hr
        self.value = value
    }
}

/// One event from the endpoint, e.g. `Event.OnContactStatusChange` with
/// `["contact": "contact:bob@example.test", "status": 2]`.
public struct AutomationNotification: Sendable, Equatable {
    public var method: String
    public var params: [String: JSONValue]

    public init(method: String, params: [String: JSONValue]) {
        self.method = method
        self.params = params
    }
}

/// One line from the endpoint, sorted into what the client does with it.
enum AutomationIncoming: Equatable {
    case reply(id: Int64, Result<AutomationReply, AutomationRemoteError>)
    case notification(AutomationNotification)
    /// An error reply with a null id: the endpoint could not read one of our
    /// requests, so it cannot say which.
    case uncorrelatedError(AutomationRemoteError)

    /// Throws `.invalidReply` for anything that is not a JSON-RPC 2.0
    /// response or notification.
    init(line: some Collection<UInt8>) throws(AutomationClientError) {
        let message: JSONValue
        do {
            message = try JSONValue(parsing: line)
        } catch {
            throw .invalidReply("a line that is not JSON")
        }
        guard let object = message.objectValue else { throw .invalidReply("a line that is not a JSON object") }
        guard object["jsonrpc"] == "2.0" else { throw .invalidReply("a message without \"jsonrpc\": \"2.0\"") }

        if let method = object["method"] {
            guard let name = method.stringValue, object["id"] == nil else {
                throw .invalidReply("a request from the endpoint; it only sends replies and notifications")
            }
            switch object["params"] {
            case nil: self = .notification(AutomationNotification(method: name, params: [:]))
            case .object(let params)?: self = .notification(AutomationNotification(method: name, params: params))
            default: throw .invalidReply("notification \(name) with params that are not an object")
            }
            return
        }

        if let error = object["error"] {
            let remote = try Self.remoteError(error)
            switch object["id"] {
            case .null?, nil: self = .uncorrelatedError(remote)
            case let id?:
                guard let number = id.integerValue else { throw .invalidReply("a reply with an id the client never sends") }
                self = .reply(id: number, .failure(remote))
            }
            return
        }

        guard let id = object["id"]?.integerValue else { throw .invalidReply("a reply without a numeric id") }
        guard let result = object["result"]?.objectValue,
              let hr = result["hr"]?.integerValue, let hr32 = Int32(exactly: hr)
        else { throw .invalidReply("reply \(id) without a result {\"hr\": …}") }
        self = .reply(id: id, .success(AutomationReply(hr: hr32, value: result["value"])))
    }

    private static func remoteError(_ error: JSONValue) throws(AutomationClientError) -> AutomationRemoteError {
        guard let code = error["code"]?.integerValue, let code32 = Int32(exactly: code),
              let message = error["message"]?.stringValue
        else { throw .invalidReply("an error reply without a numeric code and a message") }
        return AutomationRemoteError(
            code: code32, message: message, name: error["data"]?["name"]?.stringValue,
            hresult: error["data"]?["hresult"]?.stringValue)
    }
}
