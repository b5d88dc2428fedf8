import XMPPCore

/// XEP-0049 private XML storage: an account keeps arbitrary elements on the
/// server, one per (name, namespace), readable and writable only by itself.
struct PrivateStorageModule: IQModule {
    var namespaces: [String] { [XMLNamespace.privateStorage] }
    var discoFeatures: [String] { [XMLNamespace.privateStorage] }
    /// Requests to another account reach us so they get `forbidden` (XEP-0049 §2.3)
    /// rather than the router's generic `service-unavailable`.
    var servesOtherAccounts: Bool { true }

    /// Namespaces XEP-0049 §2.3 calls reserved.
    static func isReserved(_ namespace: String) -> Bool {
        namespace.hasPrefix("jabber:") || namespace.hasPrefix("http://jabber.org/") || namespace == XMLNamespace.vcard
    }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        if let to = request.to, to != request.sender.bare { throw StanzaError(.forbidden, text: "private data is the account's own") }
        guard request.payload.name == "query" else { throw StanzaError(.badRequest) }
        let element = try Self.storedElement(in: request.payload)
        guard let namespace = element.namespace else { throw StanzaError(.badRequest) }

        switch request.kind {
        case .get:
            let stored = try await context.storage.privateData(of: request.username, namespace: namespace, name: element.name)
            // Nothing stored reads as the empty element the client asked for.
            let found = stored.flatMap { XMLElement(storedStanza: $0) } ?? XMLElement(name: element.name, namespace: namespace)
            return Self.query(found)
        case .set:
            // An empty element carries nothing: storing it is the same as removing.
            let isEmpty = element.children.isEmpty && element.attributes.isEmpty
            let xml = isEmpty ? nil : element.serialized(defaultNamespace: XMLNamespace.client)
            do {
                try await context.storage.setPrivateData(xml, of: request.username, namespace: namespace, name: element.name)
            } catch let error as PrivateStoreQuotaError {
                switch error.code {
                case .elementTooLarge:
                    throw StanzaError(.notAcceptable, text: "at most \(PrivateStoreQuota.maxElementBytes) bytes per element")
                case .tooManyElements:
                    throw StanzaError(.resourceConstraint, text: "at most \(PrivateStoreQuota.maxElementsPerAccount) elements per account")
                }
            }
            return nil
        }
    }

    /// The one element a request names; XEP-0049 §2.3 errors for the rest.
    private static func storedElement(in query: XMLElement) throws -> XMLElement {
        let elements = query.elements
        guard let element = elements.first else { throw StanzaError(.notAcceptable, text: "name the element to get or set") }
        guard elements.count == 1 else { throw StanzaError(.badRequest, text: "one element per request") }
        if let namespace = element.namespace, isReserved(namespace) {
            throw StanzaError(.notAcceptable, text: "reserved namespace")
        }
        return element
    }

    private static func query(_ element: XMLElement) -> XMLElement {
        XMLElement(name: "query", namespace: XMLNamespace.privateStorage, children: [.element(element)])
    }
}
