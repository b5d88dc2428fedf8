/// Who may use the web UI, decided from the request alone: the token in the
/// path, the `Host` header (against DNS rebinding) and, for the WebSocket,
/// the `Origin` header (against other web sites). docs/web.md explains why.
struct WebAccessPolicy: Sendable {
    let token: WebToken

    /// What a path asks for, once the token in it was checked.
    enum Target: Equatable, Sendable {
        /// No token, or a wrong one.
        case forbidden
        /// `/TOKEN` without the slash: the page's relative URLs need it.
        case addSlash
        case file(String)
        case webSocket
        case notFound
    }

    func target(ofPath rawPath: String) -> Target {
        let path = rawPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path.hasPrefix("/") else { return .forbidden }
        let parts = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        guard let first = parts.first, token.matches(first) else { return .forbidden }
        switch parts.count {
        case 1: return .addSlash
        case 2:
            let name = parts[1]
            if name.isEmpty { return .file("index.html") }
            if name == "ws" { return .webSocket }
            return Self.isPlainFileName(name) ? .file(String(name)) : .notFound
        default:
            return .notFound
        }
    }

    /// Only `127.0.0.1:PORT` and `localhost:PORT`: a page from a name that
    /// merely resolves to this machine (DNS rebinding) is refused.
    func allowsHost(_ host: String?, port: Int) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == "127.0.0.1:\(port)" || host == "localhost:\(port)"
    }

    /// Only this UI's own origin may open the WebSocket; a browser sends the
    /// origin of the page that asks, so another site's page is refused.
    func allowsOrigin(_ origin: String?, port: Int) -> Bool {
        guard let origin = origin?.lowercased() else { return false }
        return origin == "http://127.0.0.1:\(port)" || origin == "http://localhost:\(port)"
    }

    /// Everything a WebSocket upgrade must satisfy before it is upgraded.
    func allowsUpgrade(path: String, host: String?, origin: String?, port: Int) -> Bool {
        target(ofPath: path) == .webSocket && allowsHost(host, port: port) && allowsOrigin(origin, port: port)
    }

    /// Letters, digits, `.`, `-` and `_`, not starting with a dot: no way out
    /// of the resource folder and no hidden files.
    private static func isPlainFileName(_ name: Substring) -> Bool {
        guard let first = name.first, first != "." else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
    }
}
