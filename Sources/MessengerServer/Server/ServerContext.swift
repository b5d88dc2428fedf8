import Logging
import XMPPCore

/// What every feature module reaches: the domain, storage, who is online.
final class ServerContext: Sendable {
    let configuration: XMPPServer.Configuration
    let domain: JID
    let storage: any ServerStorage
    let registry = SessionRegistry()
    /// XEP-0198 sessions that can be resumed, by SM-ID.
    let resumableSessions = ResumableSessions()
    let accounts: AccountManager
    let logger: Logger
    /// Makes messages in online sessions' queues durable (group commit).
    let journal: DeliveryJournalWriter
    /// vCard phone numbers → users, for SIP calls to a dialled number.
    let phoneNumbers = PhoneNumberIndex()
    /// Posts pages to users' pager gateways (webhooks), bounded.
    let pagerGateway: PagerGateway
    /// Filled once at start-up; every module registered here.
    let modules: ModuleTable
    /// Failed sign-ins per address and per account, across connections.
    let authThrottle: AuthThrottle
    /// Block lists in memory: consulted for every message and presence.
    let blocklists = BlocklistCache()
    /// Roster changes share commits (group commit).
    let rosterWriter: RosterWriter
    /// Tells a roster read kept for later whether it is still current.
    let rosterChanges = RosterChangeCounter()
    /// Who may have offline messages: sign-ins of everyone else skip the read.
    let offlineIndex = OfflineIndex()
    /// One roster change at a time per user.
    let rosterLocks = RosterLocks()

    init(configuration: XMPPServer.Configuration, storage: any ServerStorage, logger: Logger) throws {
        self.configuration = configuration
        self.domain = try JID(configuration.domain)
        self.storage = storage
        self.logger = logger
        self.journal = DeliveryJournalWriter(journal: storage, logger: logger)
        self.rosterWriter = RosterWriter(store: storage, changes: rosterChanges, logger: logger)
        self.accounts = AccountManager(
            storage: storage, iterations: configuration.scramIterations, sipRealm: configuration.domain)
        self.pagerGateway = PagerGateway(
            allowedHosts: configuration.pagerWebhookHosts, timeout: configuration.pagerWebhookTimeout,
            maxInFlight: configuration.pagerWebhooksInFlight, logger: logger)
        self.authThrottle = AuthThrottle(policy: configuration.authThrottle)
        self.modules = ModuleTable.standard(allowRegistration: configuration.allowRegistration)
    }

    /// True when `jid` is an account address (bare or full) on our domain.
    func isLocalUser(_ jid: JID) -> Bool {
        jid.localpart != nil && jid.domainpart == domain.domainpart
    }

    func isServer(_ jid: JID) -> Bool { jid.isDomain && jid.domainpart == domain.domainpart }

    func userJID(_ username: String) -> JID? { try? JID(localpart: username, domainpart: domain.domainpart) }
}
