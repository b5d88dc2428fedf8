import XMPPCore

/// XEP-0092: name and version of the server software.
struct VersionModule: IQModule {
    static let softwareName = "Communicator"
    static let softwareVersion = "0.1.0"

    var namespaces: [String] { [XMLNamespace.version] }
    var discoFeatures: [String] { [XMLNamespace.version] }

    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement? {
        guard request.kind == .get else { throw StanzaError(.notAllowed) }
        return XMLElement(
            name: "query", namespace: XMLNamespace.version,
            children: [
                .element(XMLElement(name: "name", namespace: XMLNamespace.version, text: Self.softwareName)),
                .element(XMLElement(name: "version", namespace: XMLNamespace.version, text: Self.softwareVersion)),
            ])
    }
}
