import XMPPCore

/// XEP-0199: the server answers pings addressed to it.
struct PingModule: IQModule {
    var namespaces: [String] { [XMLNamespace.ping] }
    var discoFeatures: [String] { [XMLNamespace.ping] }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        guard request.kind == .get, request.payload.name == "ping" else { throw StanzaError(.badRequest) }
        return nil
    }
}
