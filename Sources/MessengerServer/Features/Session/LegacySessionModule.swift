import XMPPCore

/// RFC 3921 session establishment: obsolete since RFC 6121, still sent by
/// some clients. We advertise it as optional and answer with success.
struct LegacySessionModule: IQModule {
    var namespaces: [String] { [XMLNamespace.session] }
    var discoFeatures: [String] { [] }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        guard request.kind == .set else { throw StanzaError(.badRequest) }
        return nil
    }
}
