#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a call on an `AutomationClient` failed.
public enum AutomationClientError: Error, Sendable, CustomStringConvertible {
    /// The socket could not be reached: no socket file, nobody listening
    /// behind it, or not ours to open.
    case cannotConnect(path: String, reason: String)
    /// The endpoint answered with an error reply.
    case remote(AutomationRemoteError)
    /// The connection closed before the reply arrived.
    case connectionClosed
    /// The endpoint sent a line that is not a JSON-RPC message.
    case invalidReply(String)

    public var description: String {
        switch self {
        case .cannotConnect(let path, let reason): "cannot connect to \(path): \(reason)"
        case .remote(let error): error.description
        case .connectionClosed: "the connection to the endpoint closed"
        case .invalidReply(let detail): "invalid reply from the endpoint: \(detail)"
        }
    }

    /// True for a connect failure that means no Communicator is running at
    /// that path (no socket file, or a stale one nobody listens on), as
    /// opposed to one that is running but cannot be reached (permissions).
    public var meansNotRunning: Bool {
        guard case .cannotConnect(_, let reason) = self else { return false }
        return reason == Self.noSocketReason || reason == Self.staleSocketReason
    }

    static let noSocketReason = "no socket at that path"
    static let staleSocketReason = "nothing is listening on the socket (left over from a client that stopped)"

    /// A readable reason for a failed `connect(2)` on a Unix socket.
    static func connectReason(errno code: CInt) -> String {
        switch code {
        case ENOENT: noSocketReason
        case ECONNREFUSED: staleSocketReason
        case EACCES, EPERM: "permission denied"
        case ENOTDIR: "a folder in the path is not a folder"
        default: String(cString: strerror(code))
        }
    }
}

/// An error reply from the endpoint: the HRESULT as `code`, its name and
/// hex form from `data` (automation-rpc.md, Results and errors), or a
/// JSON-RPC protocol error (-32700 … -32600) without them.
public struct AutomationRemoteError: Error, Sendable, Equatable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var name: String?
    public var hresult: String?

    public init(code: Int32, message: String, name: String? = nil, hresult: String? = nil) {
        self.code = code
        self.message = message
        self.name = name
        self.hresult = hresult
    }

    /// "MSGR_E_NOT_LOGGED_ON (0x8100031E): not signed in"; a protocol error
    /// reads "JSON-RPC -32601: Method not found".
    public var description: String {
        guard let name else { return "JSON-RPC \(code): \(message)" }
        let hex = hresult ?? "0x" + String(UInt32(bitPattern: code), radix: 16, uppercase: true)
        var text = message
        if text.hasPrefix(name + ": ") { text.removeFirst(name.count + 2) }
        return "\(name) (\(hex)): \(text)"
    }
}
