import XMPPCore

/// XEP-0077 in-band registration, only when the operator enabled it:
/// account creation before authentication, password change and
/// cancellation after it.
struct RegistrationModule: IQModule {
    var namespaces: [String] { [XMLNamespace.register] }
    var discoFeatures: [String] { [XMLNamespace.register] }

    /// Before authentication: registration form and account creation.
    static func handleUnauthenticated(_ stanza: XMLElement, context: ServerContext) async -> XMLElement {
        do {
            guard let query = stanza.child("query", namespace: XMLNamespace.register) else { throw StanzaError(.serviceUnavailable) }
            switch stanza.stanzaType {
            case "get":
                return stanza.iqResult(payload: form())
            case "set":
                let (username, password) = try credentials(in: query)
                do {
                    try await context.accounts.create(username, password: password)
                } catch StorageError.accountExists {
                    throw StanzaError(.conflict, text: "that username is taken")
                }
                context.logger.info("account registered in-band", metadata: ["xmpp.user": "\(username)"])
                return stanza.iqResult()
            default:
                throw StanzaError(.badRequest)
            }
        } catch let error as StanzaError {
            return stanza.errorReply(error)
        } catch {
            return stanza.errorReply(StanzaError(.internalServerError))
        }
    }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        switch request.kind {
        case .get:
            var form = Self.form()
            form.append(XMLElement(name: "registered", namespace: XMLNamespace.register))
            return form
        case .set:
            if request.payload.child("remove", namespace: XMLNamespace.register) != nil {
                _ = try await context.storage.removeAccount(request.username)
                context.rosterChanges.changed()  // contacts' rosters lost this user
                context.phoneNumbers.remove(request.username)
                context.blocklists.invalidate(request.username)
                request.session.send(request.stanza.iqResult().addressed(from: nil, to: request.sender))
                for session in context.registry.entries(of: request.username).map(\.session) {
                    session.close(with: StreamError(.notAuthorized, text: "account removed"))
                }
                throw IQAlreadyAnswered()
            }
            let (username, password) = try Self.credentials(in: request.payload)
            guard username == request.username else { throw StanzaError(.notAllowed) }
            try await context.accounts.setPassword(username, password: password)
            return nil
        }
    }

    private static func form() -> XMLElement {
        XMLElement(
            name: "query", namespace: XMLNamespace.register,
            children: [
                .element(XMLElement(name: "instructions", namespace: XMLNamespace.register, text: "Choose a username and password.")),
                .element(XMLElement(name: "username", namespace: XMLNamespace.register)),
                .element(XMLElement(name: "password", namespace: XMLNamespace.register)),
            ])
    }

    private static func credentials(in query: XMLElement) throws -> (String, String) {
        guard let rawName = query.child("username", namespace: XMLNamespace.register)?.text,
            let password = query.child("password", namespace: XMLNamespace.register)?.text,
            !password.isEmpty, password.utf8.count <= 1024
        else { throw StanzaError(.notAcceptable, text: "username and password are required") }
        guard let username = try? JID(localpart: rawName, domainpart: "localhost").localpart else {
            throw StanzaError(.jidMalformed, text: "not a valid username")
        }
        return (username, password)
    }
}
