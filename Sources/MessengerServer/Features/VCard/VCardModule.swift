import XMPPCore

/// XEP-0054 vcard-temp: a user publishes their own vCard (phone numbers live
/// in its TEL elements); anyone on the server may read it.
struct VCardModule: IQModule {
    var namespaces: [String] { [XMLNamespace.vcard] }
    var discoFeatures: [String] { [XMLNamespace.vcard] }
    var servesOtherAccounts: Bool { true }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        guard request.payload.name == "vCard" else { throw StanzaError(.badRequest) }
        let owner: String
        if let to = request.to, !context.isServer(to) {
            guard let name = to.localpart else { throw StanzaError(.itemNotFound) }
            owner = name
        } else {
            owner = request.username
        }
        switch request.kind {
        case .get:
            guard try await context.storage.accountExists(owner) else { throw StanzaError(.serviceUnavailable) }
            if try await BlockingModule.isBlocked(request.sender, by: owner, context: context) {
                throw StanzaError(.serviceUnavailable)
            }
            guard let stored = try await context.storage.vCard(of: owner), let vCard = XMLElement(storedStanza: stored) else {
                // XEP-0054 §3.1: no vCard yet is an empty one.
                return XMLElement(name: "vCard", namespace: XMLNamespace.vcard)
            }
            return vCard
        case .set:
            guard owner == request.username else { throw StanzaError(.forbidden, text: "only your own vCard can be set") }
            var vCard = request.payload
            vCard.attributes.removeAll()
            let isEmpty = vCard.elements.isEmpty
            try await context.storage.setVCard(
                isEmpty ? nil : vCard.serialized(defaultNamespace: XMLNamespace.client), of: owner)
            context.phoneNumbers.update(owner, vCard: isEmpty ? nil : vCard)
            return nil
        }
    }
}
