/// The kind of conversation `IMessengerAdvanced::StartConversation`
/// starts (spec §5.11). Flag-like values, but one per call (C49).
public enum CONVERSATION_TYPE: Int32, AutomationEnumeration {
    /// Instant messages.
    case im = 1
    /// A call through the client's telephony.
    case phone = 2
    /// A conference; its URI travels as conversation data.
    case liveMeeting = 4
    /// Computer audio.
    case audio = 8
    /// Video, with audio.
    case video = 16
    /// A call to TEL URIs.
    case pstn = 32

    public var name: String {
        switch self {
        case .im: "CONVERSATION_TYPE_IM"
        case .phone: "CONVERSATION_TYPE_PHONE"
        case .liveMeeting: "CONVERSATION_TYPE_LIVEMEETING"
        case .audio: "CONVERSATION_TYPE_AUDIO"
        case .video: "CONVERSATION_TYPE_VIDEO"
        case .pstn: "CONVERSATION_TYPE_PSTN"
        }
    }
}
