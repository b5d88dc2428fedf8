/// A SIP request (RFC 3261 §7.1).
public struct SIPRequest: Hashable, Sendable {
    /// The method as sent; methods are case-sensitive (`INVITE` ≠ `invite`).
    public var method: String
    public var uri: SIPAnyURI
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(method: String, uri: SIPAnyURI, headers: SIPHeaders = [], body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }
}

/// A SIP response (RFC 3261 §7.2).
public struct SIPResponse: Hashable, Sendable {
    public var statusCode: Int
    public var reasonPhrase: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(statusCode: Int, reasonPhrase: String, headers: SIPHeaders = [], body: [UInt8] = []) {
        self.statusCode = statusCode
        self.reasonPhrase = reasonPhrase
        self.headers = headers
        self.body = body
    }
}

/// Either kind of message, as a transport receives them.
public enum SIPMessage: Hashable, Sendable {
    case request(SIPRequest)
    case response(SIPResponse)

    public var headers: SIPHeaders {
        switch self {
        case .request(let request): request.headers
        case .response(let response): response.headers
        }
    }

    public var body: [UInt8] {
        switch self {
        case .request(let request): request.body
        case .response(let response): response.body
        }
    }

    public var request: SIPRequest? {
        if case .request(let request) = self { request } else { nil }
    }

    public var response: SIPResponse? {
        if case .response(let response) = self { response } else { nil }
    }
}
