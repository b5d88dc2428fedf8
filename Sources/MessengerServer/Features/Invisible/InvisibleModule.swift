import XMPPCore

/// XEP-0186 invisible command: a session appears offline to its contacts
/// while it keeps receiving messages and their presence. The state belongs
/// to the session and ends with it.
struct InvisibleModule: IQModule {
    var namespaces: [String] { [XMLNamespace.invisible] }
    var discoFeatures: [String] { [XMLNamespace.invisible] }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        guard request.kind == .set else { throw StanzaError(.badRequest, text: "invisible and visible are sets") }
        let presence = PresenceModule()
        switch request.payload.name {
        case "invisible":
            try await presence.becomeInvisible(request.session, context: context)
        case "visible":
            try await presence.becomeVisible(request.session, context: context)
        default:
            throw StanzaError(.badRequest)
        }
        return nil
    }
}
