import Foundation

/// The single Phone Call dialog (§3.1.11) and the call it shows.
struct PhoneCallRecord: Sendable {
    var contact: ContactKey
    var phoneType: MPHONE_TYPE
    /// The number in the dialog's text box; nil leaves it empty.
    var number: String?
    var phase: PhoneCallState = .idle
    var direction: PhoneCallDirection = .outgoing
    /// What was dialled: a `sip:` address, for the user agent.
    var target: String?
    /// The SIP Call-ID once the user agent has named the call.
    var sipCallID: String?
    /// Numbers the call while the user agent is still placing it, so its
    /// answer finds the right dialog.
    var attempt: Int?
    /// The user hung up before the user agent had named the call.
    var hangUpRequested = false
    var connectedAt: Date?

    /// What the dialog says about the call.
    var callState: String { phase.displayText }

    /// Dialling, ringing either way, or connected.
    var isActive: Bool { phase.isActive }
}

/// Which way a call goes.
public enum PhoneCallDirection: String, Sendable, Hashable {
    case outgoing, incoming
}

/// Where a call in the Phone dialog stands. A project addition: the spec's
/// dialog reports calls only to the user, so the states are this client's.
public enum PhoneCallState: Sendable, Hashable {
    /// The dialog is open and no call was placed ("Not connected").
    case idle
    /// Our INVITE is out.
    case dialling
    /// The far end is ringing.
    case ringing
    /// Someone is calling us; the dialog asks to answer or decline.
    case incoming
    case connected
    /// The call is over: S_OK for a hang-up by either side, otherwise the
    /// failure (docs/phone.md maps SIP outcomes to these codes).
    case ended(HRESULT)

    /// The state from its `name` and, for `ended`, the failure's name (nil: a clean end).
    public init?(name: String, failure: String? = nil) {
        switch name {
        case "idle": self = .idle
        case "dialling": self = .dialling
        case "ringing": self = .ringing
        case "incoming": self = .incoming
        case "connected": self = .connected
        case "ended":
            guard let failure else { self = .ended(.S_OK); return }
            guard let hr = HRESULT(name: failure) else { return nil }
            self = .ended(hr)
        default: return nil
        }
    }

    /// `idle`, `dialling`, `ringing`, `incoming`, `connected` or `ended`: the
    /// name the automation endpoint and the web UI use.
    public var name: String {
        switch self {
        case .idle: "idle"
        case .dialling: "dialling"
        case .ringing: "ringing"
        case .incoming: "incoming"
        case .connected: "connected"
        case .ended: "ended"
        }
    }

    public var isActive: Bool {
        switch self {
        case .dialling, .ringing, .incoming, .connected: true
        case .idle, .ended: false
        }
    }

    /// The failure an ended call reports; nil for any other state or a clean hang-up.
    public var failure: HRESULT? {
        guard case .ended(let hr) = self, hr != .S_OK else { return nil }
        return hr
    }

    /// What the dialog shows.
    public var displayText: String {
        switch self {
        case .idle: "Not connected"
        case .dialling: "Dialling…"
        case .ringing: "Ringing…"
        case .incoming: "Incoming call"
        case .connected: "Connected"
        case .ended(let hr): CallOutcome.displayText(for: hr)
        }
    }
}

/// The Phone dialog as `MessengerWindow.phoneCall` reports it.
public struct PhoneCallInfo: Sendable, Hashable {
    /// The number in the dialog's box; nil when empty.
    public var number: String?
    public var type: MPHONE_TYPE
    public var state: PhoneCallState
    public var direction: PhoneCallDirection
    /// The other party's sign-in name.
    public var contact: String

    public init(number: String?, type: MPHONE_TYPE, state: PhoneCallState, direction: PhoneCallDirection, contact: String) {
        self.number = number
        self.type = type
        self.state = state
        self.direction = direction
        self.contact = contact
    }
}
