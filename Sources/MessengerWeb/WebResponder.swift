import Hummingbird

/// Answers every plain HTTP request of the web UI: the checks of
/// `WebAccessPolicy` first, then the page's files. WebSocket upgrades never
/// get here (`UpgradeGuardChannel`); a plain GET of `ws` does, and is told
/// to upgrade.
struct WebResponder: HTTPResponder {
    typealias Context = WebRequestContext

    let policy: WebAccessPolicy
    let files: StaticFiles

    func respond(to request: Request, context: Context) async throws -> Response {
        let response = answer(request, port: context.localPort)
        return Response(status: response.status, headers: SecurityHeaders.adding(to: response.headers), body: response.body)
    }

    private func answer(_ request: Request, port: Int) -> Response {
        guard policy.allowsHost(request.head.authority, port: port) else {
            return Self.text(.forbidden, "wrong Host: open the address msgr printed")
        }
        let target = policy.target(ofPath: request.head.path ?? "")
        if target == .forbidden { return Self.text(.forbidden, "missing or wrong access token") }
        guard request.method == .get || request.method == .head else {
            return Self.text(.methodNotAllowed, "only GET")
        }
        switch target {
        case .forbidden:
            return Self.text(.forbidden, "missing or wrong access token")
        case .addSlash:
            return Response(status: .found, headers: [.location: "/\(policy.token.value)/"])
        case .file(let name):
            guard let file = files.file(named: name) else { return Self.text(.notFound, "no such file") }
            return Response(
                status: .ok, headers: [.contentType: file.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data)))
        case .webSocket:
            guard policy.allowsOrigin(request.headers[.origin], port: port) else {
                return Self.text(.forbidden, "WebSocket from a foreign origin")
            }
            return Self.text(.upgradeRequired, "this address takes a WebSocket")
        case .notFound:
            return Self.text(.notFound, "no such file")
        }
    }

    private static func text(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }
}

/// The request context: Hummingbird's basics plus the port the request came
/// in on, which the `Host` and `Origin` checks compare against.
struct WebRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let localPort: Int

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        localPort = source.channel.localAddress?.port ?? 0
    }
}
