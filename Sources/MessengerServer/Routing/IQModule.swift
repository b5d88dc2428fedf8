import XMPPCore

/// An iq request addressed to the server or to the sender's own account.
struct IQRequest: Sendable {
    enum Kind: String, Sendable { case get, set }
    let stanza: XMLElement
    let kind: Kind
    let payload: XMLElement
    let session: ClientSession
    /// The address the client used; nil when it left `to` out.
    let to: JID?

    var sender: JID { session.jid }
    var username: String { session.username }
}

/// A feature that answers iq requests for some payload namespaces (one per
/// XEP/RFC section), like a Prosody module: named after what it serves.
protocol IQModule: Sendable {
    /// Namespaces of the iq payloads this module answers.
    var namespaces: [String] { get }
    /// What it adds to the server's disco#info.
    var discoFeatures: [String] { get }
    /// True when it also answers iqs addressed to another user's bare JID (vCard).
    var servesOtherAccounts: Bool { get }
    /// The result payload (nil = empty result). Throw `StanzaError` to fail.
    func handle(_ request: IQRequest, context: ServerContext) async throws -> XMLElement?
}

/// Thrown by a module that already sent its own reply (e.g. before closing the stream).
struct IQAlreadyAnswered: Error {}

extension IQModule {
    var servesOtherAccounts: Bool { false }
}

/// Every module of the running server, indexed by namespace.
struct ModuleTable: Sendable {
    let iqModules: [any IQModule]
    private let byNamespace: [String: any IQModule]

    init(iqModules: [any IQModule]) {
        self.iqModules = iqModules
        var index: [String: any IQModule] = [:]
        for module in iqModules { for ns in module.namespaces { index[ns] = module } }
        self.byNamespace = index
    }

    func module(for namespace: String?) -> (any IQModule)? {
        namespace.flatMap { byNamespace[$0] }
    }

    /// Features of the server JID: core ones plus each module's.
    var discoFeatures: [String] {
        // Pages (`PagingModule`) ride on messages, so no iq module lists them.
        var features = [XMLNamespace.discoInfo, XMLNamespace.discoItems, "msgoffline", XMLNamespace.delay, XMLNamespace.page]
        for module in iqModules { features += module.discoFeatures }
        var seen = Set<String>()
        return features.filter { seen.insert($0).inserted }.sorted()
    }

    static func standard(allowRegistration: Bool) -> ModuleTable {
        var modules: [any IQModule] = [
            RosterModule(), VCardModule(), BlockingModule(), DiscoModule(), PingModule(), VersionModule(),
            LegacySessionModule(), PrivateStorageModule(), InvisibleModule(),
        ]
        if allowRegistration { modules.append(RegistrationModule()) }
        return ModuleTable(iqModules: modules)
    }
}
