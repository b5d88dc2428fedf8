// Session Invite API codes, the 0x81000601–0x81000621 range (spec §6.6).
// No IMessenger* member returns them; the messages are read from the names
// because the sources give none. 0x8100061A–0x8100061F are unused (C63).
extension HRESULT {
    public static let SR_APPLICATION_LAUNCH_FAILED = HRESULT(0x8100_0601)
    public static let SR_INVITATION_DECLINED = HRESULT(0x8100_0602)
    public static let SR_CONNECTION_FAILURE = HRESULT(0x8100_0603)
    public static let SR_AUTHENTICATION_FAILED = HRESULT(0x8100_0604)
    public static let SR_SESSION_NOT_READY = HRESULT(0x8100_0605)
    public static let SR_SESSION_CANCELLED_LOCAL = HRESULT(0x8100_0606)
    public static let SR_SESSION_CANCELLED_REMOTE = HRESULT(0x8100_0607)
    public static let SR_SESSION_PROTOCOL_ERROR = HRESULT(0x8100_0608)
    public static let SR_SESSION_TIMEOUT = HRESULT(0x8100_0609)
    public static let SR_CANCEL_BEFORE_CONNECT = HRESULT(0x8100_060A)
    public static let SR_NOT_INVITEE = HRESULT(0x8100_060B)
    public static let SR_NOT_INVITER = HRESULT(0x8100_060C)
    public static let SR_APP_ALREADY_REGISTERED = HRESULT(0x8100_060D)
    public static let SR_APP_NOT_REGISTERED = HRESULT(0x8100_060E)
    public static let SR_NOT_VALID_FOR_APP_INVITE = HRESULT(0x8100_060F)
    public static let SR_APP_NOT_SPECIFIED = HRESULT(0x8100_0610)
    public static let SR_CONTEXT_DATA_OVER_LIMIT = HRESULT(0x8100_0611)
    public static let SR_NO_USER_INVITED = HRESULT(0x8100_0612)
    public static let SR_INVITED_SELF = HRESULT(0x8100_0613)
    public static let SR_SESSION_STATE_INVALID = HRESULT(0x8100_0614)
    public static let SR_INVITATION_SEND_FAILURE = HRESULT(0x8100_0615)
    public static let SR_CANCEL_SEND_FAILURE = HRESULT(0x8100_0616)
    public static let SR_DECLINE_SEND_FAILURE = HRESULT(0x8100_0617)
    public static let SR_ACCEPT_SEND_FAILURE = HRESULT(0x8100_0618)
    public static let SR_CONTEXT_DATA_SEND_FAILURE = HRESULT(0x8100_0619)
    public static let SR_SESSION_ACCEPTED_ELSEWHERE = HRESULT(0x8100_0620)
    public static let SR_VOICE_ALREADY_ACTIVE = HRESULT(0x8100_0621)

    static let sessionInviteCatalog: [CatalogEntry] = [
        CatalogEntry(.SR_APPLICATION_LAUNCH_FAILED, "SR_APPLICATION_LAUNCH_FAILED", "the application could not be started"),
        CatalogEntry(.SR_INVITATION_DECLINED, "SR_INVITATION_DECLINED", "the invitation was declined"),
        CatalogEntry(.SR_CONNECTION_FAILURE, "SR_CONNECTION_FAILURE", "the session connection failed"),
        CatalogEntry(.SR_AUTHENTICATION_FAILED, "SR_AUTHENTICATION_FAILED", "session authentication failed"),
        CatalogEntry(.SR_SESSION_NOT_READY, "SR_SESSION_NOT_READY", "the session is not ready"),
        CatalogEntry(.SR_SESSION_CANCELLED_LOCAL, "SR_SESSION_CANCELLED_LOCAL", "the session was cancelled here"),
        CatalogEntry(.SR_SESSION_CANCELLED_REMOTE, "SR_SESSION_CANCELLED_REMOTE", "the other side cancelled the session"),
        CatalogEntry(.SR_SESSION_PROTOCOL_ERROR, "SR_SESSION_PROTOCOL_ERROR", "the session protocol failed"),
        CatalogEntry(.SR_SESSION_TIMEOUT, "SR_SESSION_TIMEOUT", "the session timed out"),
        CatalogEntry(.SR_CANCEL_BEFORE_CONNECT, "SR_CANCEL_BEFORE_CONNECT", "cancelled before the session connected"),
        CatalogEntry(.SR_NOT_INVITEE, "SR_NOT_INVITEE", "only the invitee may do this"),
        CatalogEntry(.SR_NOT_INVITER, "SR_NOT_INVITER", "only the inviter may do this"),
        CatalogEntry(.SR_APP_ALREADY_REGISTERED, "SR_APP_ALREADY_REGISTERED", "the application is registered already"),
        CatalogEntry(.SR_APP_NOT_REGISTERED, "SR_APP_NOT_REGISTERED", "the application is not registered"),
        CatalogEntry(.SR_NOT_VALID_FOR_APP_INVITE, "SR_NOT_VALID_FOR_APP_INVITE", "not valid for an application invitation"),
        CatalogEntry(.SR_APP_NOT_SPECIFIED, "SR_APP_NOT_SPECIFIED", "no application was given"),
        CatalogEntry(.SR_CONTEXT_DATA_OVER_LIMIT, "SR_CONTEXT_DATA_OVER_LIMIT", "the context data is too large"),
        CatalogEntry(.SR_NO_USER_INVITED, "SR_NO_USER_INVITED", "nobody was invited"),
        CatalogEntry(.SR_INVITED_SELF, "SR_INVITED_SELF", "you cannot invite yourself"),
        CatalogEntry(.SR_SESSION_STATE_INVALID, "SR_SESSION_STATE_INVALID", "the session is in the wrong state"),
        CatalogEntry(.SR_INVITATION_SEND_FAILURE, "SR_INVITATION_SEND_FAILURE", "sending the invitation failed"),
        CatalogEntry(.SR_CANCEL_SEND_FAILURE, "SR_CANCEL_SEND_FAILURE", "sending the cancellation failed"),
        CatalogEntry(.SR_DECLINE_SEND_FAILURE, "SR_DECLINE_SEND_FAILURE", "sending the decline failed"),
        CatalogEntry(.SR_ACCEPT_SEND_FAILURE, "SR_ACCEPT_SEND_FAILURE", "sending the acceptance failed"),
        CatalogEntry(.SR_CONTEXT_DATA_SEND_FAILURE, "SR_CONTEXT_DATA_SEND_FAILURE", "sending the context data failed"),
        CatalogEntry(.SR_SESSION_ACCEPTED_ELSEWHERE, "SR_SESSION_ACCEPTED_ELSEWHERE", "the session was accepted on another device"),
        CatalogEntry(.SR_VOICE_ALREADY_ACTIVE, "SR_VOICE_ALREADY_ACTIVE", "a voice session is active already"),
    ]
}
