import Foundation
import XMPPCore

/// Everything the running client knows — sign-in phase, the local user,
/// contacts, groups, windows — as one value with no I/O.
///
/// Every Automation API member and every inbound stanza is a `mutating`
/// method here. Changes that need the network or raise events are queued as
/// `ClientEffect`s, which the engine carries out in order (see
/// `MessengerEngine`). That keeps the documented rules testable without a
/// server, and makes the event order the order the state changed.
struct ClientState: Sendable {
    enum Phase: Sendable, Hashable {
        case signedOut
        /// Connecting, securing, authenticating.
        case connecting
        /// Bound; loading the contact list before announcing presence.
        case synchronizing
        case online
        /// The connection dropped; the client is trying again. Windows stay open.
        case reconnecting
    }

    /// The account's bare address (the configured sign-in name).
    let account: JID
    /// Whether a password is stored, which `AutoSignin` needs (§3.1.2).
    var hasStoredCredentials: Bool
    var policy: ClientPolicy
    /// The zone `History` writes times in.
    var timeZone: TimeZone = .current

    private(set) var phase: Phase = .signedOut
    /// The local status as `MyStatus` reports it.
    private(set) var myStatus: MISTATUS = .offline
    /// What the user chose; published whenever the client is online.
    private(set) var chosenStatus: MISTATUS = .online
    var myProfile = VCardProfile()
    /// `ProfileHash` of our vCard as last loaded or published, sent in our presence.
    var myProfileHash: String?
    /// Everyone the client knows about, listed or not (GetContact creates entries).
    var contacts: [ContactKey: ContactRecord] = [:]
    /// Contact-list groups by id; the list order is `listedGroups`.
    var groups: [Int: GroupRecord] = [:]
    var nextGroupID = 1
    var windows: [Int: WindowRecord] = [:]
    var nextWindowID = 1
    /// The `z` of the frontmost window; the next raise goes above it.
    var topZ = 0
    let mainWindowID: Int
    /// The one Phone Call dialog, while open.
    var phoneWindowID: Int?
    /// Numbers calls as they are placed, before the user agent names them.
    var nextCallAttempt = 0
    /// Reports about calls the dialog does not know yet, by SIP Call-ID.
    var pendingCallUpdates: [String: [CallUpdate]] = [:]
    /// What the user had chosen before a call showed ON_THE_PHONE.
    var statusBeforeCall: MISTATUS?
    /// Sign-in steps still outstanding before the client announces presence.
    var pendingSync: Set<SyncStep> = []
    /// Group events waiting for the answer to the group-list store that follows them.
    var pendingGroupEvents: [ClientEvent] = []
    /// Renames sent but not yet confirmed: group id → new name. Roster pushes
    /// carrying the new name belong to the renamed group, not a new one.
    var pendingRenames: [Int: String] = [:]
    /// Subscription requests from people not on the list, for the UI to answer.
    var pendingSubscriptionRequests: Set<ContactKey> = []
    /// Whether the server hides us (XEP-0186) while `MyStatus` is invisible.
    var isInvisibleOnServer = false
    /// `ContactsSortOrder` (IMessenger2).
    var contactsSortOrder: MUASORT = .groups
    /// Contacts tagged for status alerts (IsTagged), kept on this client.
    var taggedContacts: Set<ContactKey> = []

    /// Ids for the messages we send (see `StanzaIDSequence`).
    var stanzaIDs: StanzaIDSequence
    /// Messages already shown, to drop repeats.
    var recentMessages = RecentMessageIDs()

    private(set) var effects: [ClientEffect] = []

    enum SyncStep: Sendable, Hashable {
        case roster, blocklist, groupList, ownProfile
    }

    /// `stanzaIDPrefix` starts every sent message's id; tests choose it, a
    /// running client takes a random one.
    init(
        account: JID, hasStoredCredentials: Bool, policy: ClientPolicy = ClientPolicy(),
        stanzaIDPrefix: String = StanzaIDSequence.randomPrefix()
    ) {
        self.account = account.bare
        stanzaIDs = StanzaIDSequence(prefix: stanzaIDPrefix)
        self.hasStoredCredentials = hasStoredCredentials
        self.policy = policy
        mainWindowID = nextWindowID
        nextWindowID += 1
        windows[mainWindowID] = WindowRecord(
            id: mainWindowID, kind: .main, title: "Communicator — \(account.bare)", frame: .main)
        bringToFront(mainWindowID)
    }

    // MARK: Effects

    /// Hands the queued effects to the engine and forgets them.
    mutating func takeEffects() -> [ClientEffect] {
        defer { effects.removeAll(keepingCapacity: true) }
        return effects
    }

    mutating func emit(_ event: ClientEvent) {
        effects.append(.emit(event))
    }

    mutating func send(_ stanza: XMLElement) {
        effects.append(.send(stanza))
    }

    mutating func request(_ iq: XMLElement, _ purpose: PendingRequest) {
        effects.append(.request(iq, purpose))
    }

    mutating func perform(_ effect: ClientEffect) {
        effects.append(effect)
    }

    // MARK: Shared checks

    /// R4: signed in to the primary service (the list may still be loading).
    var isSignedIn: Bool {
        phase == .synchronizing || phase == .online
    }

    var ownKey: ContactKey { ContactKey(jid: account) }

    func requireSignedIn(_ code: HRESULT = .MSGR_E_NOT_LOGGED_ON) throws(MessengerError) {
        guard isSignedIn else { throw MessengerError(code, "not signed in") }
    }

    /// Resolves an already validated `vContact` to a contact record, creating
    /// an unlisted one for a new name (R1: "causes an internal MessengerContact to be created").
    mutating func resolve(_ argument: ContactArgument) -> ContactKey {
        switch argument {
        case .contact(let contact):
            return contact.key
        case .signinName(let name):
            return knownContact(named: name ?? "")
        case .empty, .wrongType:
            return knownContact(named: "")
        }
    }

    mutating func knownContact(named name: String) -> ContactKey {
        let (key, jid) = ContactKey.resolve(name, defaultDomain: account.domainpart)
        if contacts[key] == nil {
            contacts[key] = ContactRecord(key: key, jid: jid)
        }
        return key
    }

    mutating func knownContact(jid: JID) -> ContactKey {
        let key = ContactKey(jid: jid)
        if contacts[key] == nil {
            contacts[key] = ContactRecord(key: key, jid: jid.bare)
        }
        return key
    }

    func displayName(of key: ContactKey) -> String {
        contacts[key]?.friendlyName ?? key.value
    }

    /// The local user's name in windows: the profile's, else the sign-in
    /// name — the same rule as for contacts, so transcripts read alike on both sides.
    var myDisplayName: String {
        myProfile.displayName ?? account.description
    }

    // MARK: Status transitions

    mutating func setMyStatus(_ status: MISTATUS, hr: HRESULT = .S_OK) {
        myStatus = status
        emit(.myStatusChange(hr, status))
    }

    mutating func setChosenStatus(_ status: MISTATUS) {
        chosenStatus = status
    }

    mutating func setPhase(_ phase: Phase) {
        self.phase = phase
    }
}

/// Client policy settings (the administrator's or the user's), which some
/// members check before they do anything (`MSGR_E_POLICY_RESTRICTED`).
public struct ClientPolicy: Sendable, Hashable {
    /// Whether the user may place phone calls.
    public var allowsPhoneCalls: Bool
    /// Whether a voice service (a SIP account) is configured; without one,
    /// `Phone` fails with `MSGR_E_PHONESERVICE_UNAVAILABLE`.
    public var hasVoiceService: Bool

    public init(allowsPhoneCalls: Bool = true, hasVoiceService: Bool = true) {
        self.allowsPhoneCalls = allowsPhoneCalls
        self.hasVoiceService = hasVoiceService
    }
}
