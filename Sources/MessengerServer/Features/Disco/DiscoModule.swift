import XMPPCore

/// XEP-0030: what the server (and an account) supports.
struct DiscoModule: IQModule {
    var namespaces: [String] { [XMLNamespace.discoInfo, XMLNamespace.discoItems] }
    var discoFeatures: [String] { [] }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        guard request.kind == .get else { throw StanzaError(.notAllowed) }
        if request.payload.namespace == XMLNamespace.discoItems {
            return XMLElement(name: "query", namespace: XMLNamespace.discoItems)
        }
        guard request.payload[attribute: "node"] == nil else { throw StanzaError(.itemNotFound) }
        let isAccount = request.to.map { !context.isServer($0) } ?? false
        let identity = XMLElement(
            name: "identity", namespace: XMLNamespace.discoInfo,
            attributes: isAccount
                ? ["category": "account", "type": "registered"]
                : ["category": "server", "type": "im", "name": "Communicator"])
        let features = isAccount ? [XMLNamespace.discoInfo] : context.modules.discoFeatures
        return XMLElement(
            name: "query", namespace: XMLNamespace.discoInfo,
            children: [.element(identity)] + features.map {
                .element(XMLElement(name: "feature", namespace: XMLNamespace.discoInfo, attributes: ["var": $0]))
            })
    }
}
