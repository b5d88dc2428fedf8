/// The figures of one `msgr bench-client` run. `json()` writes them with
/// snake_case keys (see docs/bench.md, "Client side").
public struct ClientBenchResult: Sendable, Codable {
    public struct Settings: Sendable, Codable {
        public var contacts: Int
        public var online: Int
        public var signins: Int
        public var iterations: Int
    }

    /// Smallest, middle and largest of a few samples, in milliseconds.
    public struct Spread: Sendable, Codable, Equatable {
        public var count: Int
        public var minMs: Double
        public var medianMs: Double
        public var maxMs: Double

        public init(samplesMs: [Double]) {
            let sorted = samplesMs.sorted()
            count = sorted.count
            minMs = sorted.first ?? 0
            maxMs = sorted.last ?? 0
            if sorted.isEmpty {
                medianMs = 0
            } else if sorted.count % 2 == 1 {
                medianMs = sorted[sorted.count / 2]
            } else {
                medianMs = (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            }
        }
    }

    /// One sign-in: `Signin` called → `OnSignin` S_OK, and → every contact
    /// listed with every online contact's presence received.
    public struct SigninSample: Sendable, Codable {
        public var toOnSigninMs: Double
        public var toContactListMs: Double
        /// Contacts in `MyContacts` and contacts seen online when the wait ended.
        public var contactsListed: Int
        public var contactsOnline: Int
    }

    public struct Signin: Sendable, Codable {
        public var samples: [SigninSample]
        public var toOnSignin: Spread
        public var toContactList: Spread
        /// Sign-ins that failed or did not complete within the timeout.
        public var failed: Int
        public var firstError: String?
    }

    /// Request-to-reply times of one automation method (microseconds in, milliseconds out).
    public struct CallLatency: Sendable, Codable, Equatable {
        public var method: String
        public var count: Int
        public var errors: Int
        public var p50Ms: Double
        public var p99Ms: Double
        public var maxMs: Double
    }

    public struct Automation: Sendable, Codable {
        /// `Messenger.InstantMessage`, `ConversationWnd.SendText`, `Messenger.get_MyStatus`.
        public var calls: [CallLatency]
        /// InstantMessage + SendText together, per iteration.
        public var roundTrip: CallLatency
        public var firstError: String?
    }

    /// Texts sent with SendText that the online contacts received.
    public struct Delivery: Sendable, Codable {
        public var sent: Int
        public var received: Int
        public var lost: Int
        /// From the SendText request to the contact's connection reading the message.
        public var p50Ms: Double
        public var p99Ms: Double
        public var maxMs: Double
    }

    public var date: String
    public var settings: Settings
    /// Creating the accounts and rosters in storage, and signing the online contacts in.
    public var provisionSeconds: Double
    public var signin: Signin
    public var automation: Automation?
    /// Absent with `--online 0` (nobody to receive).
    public var delivery: Delivery?

    /// Every sign-in completed with the whole list, every call succeeded, nothing was lost.
    public var passed: Bool {
        signin.failed == 0 && signin.samples.count == settings.signins
            && signin.samples.allSatisfy { $0.contactsListed == settings.contacts && $0.contactsOnline == settings.online }
            && automation != nil && (automation?.calls.allSatisfy { $0.errors == 0 && $0.count == settings.iterations } ?? false)
            && (delivery?.lost ?? 0) == 0
    }
}
