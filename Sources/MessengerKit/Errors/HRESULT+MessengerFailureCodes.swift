// MSGRConstants failure codes, MSGR_E(x) = 0x81000300 + x (spec §6.3).
// Every code the Communicator header defines is here, including the
// undocumented ones (C11); gaps in the numbering are real (C63).
// MSGR_E_RESTRICTED_USER_LOGON_RESTRICED keeps the sources' spelling.
extension HRESULT {
    public static let MSGR_E_CONNECT = HRESULT(0x8100_0301)
    public static let MSGR_E_INVALID_SERVER_NAME = HRESULT(0x8100_0302)
    public static let MSGR_E_INVALID_PASSWORD = HRESULT(0x8100_0303)
    public static let MSGR_E_ALREADY_LOGGED_ON = HRESULT(0x8100_0304)
    public static let MSGR_E_SERVER_VERSION = HRESULT(0x8100_0305)
    public static let MSGR_E_LOGON_TIMEOUT = HRESULT(0x8100_0306)
    public static let MSGR_E_LIST_FULL = HRESULT(0x8100_0307)
    public static let MSGR_E_AI_REJECT = HRESULT(0x8100_0308)
    public static let MSGR_E_AI_REJECT_NOT_INST = HRESULT(0x8100_0309)
    public static let MSGR_E_USER_NOT_FOUND = HRESULT(0x8100_030A)
    public static let MSGR_E_ALREADY_IN_LIST = HRESULT(0x8100_030B)
    public static let MSGR_E_DISCONNECTED = HRESULT(0x8100_030C)
    public static let MSGR_E_UNEXPECTED = HRESULT(0x8100_030D)
    public static let MSGR_E_SERVER_TOO_BUSY = HRESULT(0x8100_030E)
    public static let MSGR_E_INVALID_AUTH_PACKAGES = HRESULT(0x8100_030F)
    public static let MSGR_E_NEWER_CLIENT_AVAILABLE = HRESULT(0x8100_0310)
    public static let MSGR_E_AI_TIMEOUT = HRESULT(0x8100_0311)
    public static let MSGR_E_CANCEL = HRESULT(0x8100_0312)
    public static let MSGR_E_TOO_MANY_MATCHES = HRESULT(0x8100_0313)
    public static let MSGR_E_SERVER_UNAVAILABLE = HRESULT(0x8100_0314)
    public static let MSGR_E_LOGON_UI_ACTIVE = HRESULT(0x8100_0315)
    public static let MSGR_E_OPTION_UI_ACTIVE = HRESULT(0x8100_0316)
    public static let MSGR_E_CONTACT_UI_ACTIVE = HRESULT(0x8100_0317)
    public static let MSGR_E_PRIMARY_SERVICE_NOT_LOGGED_ON = HRESULT(0x8100_0318)
    public static let MSGR_E_LOGGED_ON = HRESULT(0x8100_0319)
    public static let MSGR_E_CONNECT_PROXY = HRESULT(0x8100_031A)
    public static let MSGR_E_PROXY_AUTH = HRESULT(0x8100_031B)
    public static let MSGR_E_PROXY_AUTH_TYPE = HRESULT(0x8100_031C)
    public static let MSGR_E_INVALID_PROXY_NAME = HRESULT(0x8100_031D)
    public static let MSGR_E_NOT_LOGGED_ON = HRESULT(0x8100_031E)
    public static let MSGR_E_POPUP_UI_ACTIVE = HRESULT(0x8100_031F)
    public static let MSGR_E_NOT_PRIMARY_SERVICE = HRESULT(0x8100_0320)
    public static let MSGR_E_TOO_MANY_SESSIONS = HRESULT(0x8100_0321)
    public static let MSGR_E_TOO_MANY_MESSAGES = HRESULT(0x8100_0322)
    public static let MSGR_E_REMOTE_LOGIN = HRESULT(0x8100_0323)
    public static let MSGR_E_INVALID_FRIENDLY_NAME = HRESULT(0x8100_0324)
    public static let MSGR_E_SESSION_FULL = HRESULT(0x8100_0325)
    public static let MSGR_E_NOT_ALLOWING_NEW_USERS = HRESULT(0x8100_0326)
    public static let MSGR_E_INVALID_DOMAIN = HRESULT(0x8100_0327)
    public static let MSGR_E_TCP_ERROR = HRESULT(0x8100_0328)
    public static let MSGR_E_SESSION_TIMEOUT = HRESULT(0x8100_0329)
    public static let MSGR_E_MULTIPOINT_SESSION_BEGIN_TIMEOUT = HRESULT(0x8100_032A)
    public static let MSGR_E_MULTIPOINT_SESSION_END_TIMEOUT = HRESULT(0x8100_032B)
    public static let MSGR_E_REVERSE_LIST_FULL = HRESULT(0x8100_032C)
    public static let MSGR_E_SERVER_ERROR = HRESULT(0x8100_032D)
    public static let MSGR_E_SYSTEM_CONFIG = HRESULT(0x8100_032E)
    public static let MSGR_E_NO_DIRECTORY = HRESULT(0x8100_032F)
    public static let MSGR_E_RETRY_SET = HRESULT(0x8100_0330)
    public static let MSGR_E_CHILD_WITHOUT_CONSENT = HRESULT(0x8100_0331)
    public static let MSGR_E_USER_CANCELLED = HRESULT(0x8100_0332)
    public static let MSGR_E_CANCEL_BEFORE_CONNECT = HRESULT(0x8100_0333)
    public static let MSGR_E_VOICE_IM_TIMEOUT = HRESULT(0x8100_0334)
    public static let MSGR_E_NOT_ACCEPTING_PAGES = HRESULT(0x8100_0335)
    public static let MSGR_E_EMAIL_PASSPORT_NOT_VALIDATED = HRESULT(0x8100_0336)
    public static let MSGR_E_AUDIO_UI_ACTIVE = HRESULT(0x8100_0337)
    public static let MSGR_E_NO_HARDWARE = HRESULT(0x8100_0338)
    public static let MSGR_E_PAGING_UNAVAILABLE = HRESULT(0x8100_0339)
    public static let MSGR_E_PHONE_INVALID_NUMBER = HRESULT(0x8100_033A)
    public static let MSGR_E_PHONE_NO_FUNDS = HRESULT(0x8100_033B)
    public static let MSGR_E_VOICE_NO_ANSWER = HRESULT(0x8100_033C)
    public static let MSGR_E_VOICE_WAVEIN_DEVICE = HRESULT(0x8100_033D)
    public static let MSGR_E_FT_TIMEOUT = HRESULT(0x8100_033E)
    public static let MSGR_E_MESSAGE_TOO_LONG = HRESULT(0x8100_033F)
    public static let MSGR_E_VOICE_FIREWALL = HRESULT(0x8100_0340)
    public static let MSGR_E_VOICE_NETCONN = HRESULT(0x8100_0341)
    public static let MSGR_E_PHONE_CIRCUITS_BUSY = HRESULT(0x8100_0342)
    public static let MSGR_E_SERVER_PROTOCOL = HRESULT(0x8100_0343)
    public static let MSGR_E_UNAVAILABLE_VIA_HTTP = HRESULT(0x8100_0344)
    public static let MSGR_E_PHONE_INVALID_PIN = HRESULT(0x8100_0345)
    public static let MSGR_E_PHONE_PINPROCEED_TIMEOUT = HRESULT(0x8100_0346)
    public static let MSGR_E_SERVER_SHUTDOWN = HRESULT(0x8100_0347)
    public static let MSGR_E_CLIENT_DISALLOWED = HRESULT(0x8100_0348)
    public static let MSGR_E_PHONE_CALL_NOT_COMPLETE = HRESULT(0x8100_0349)
    public static let MSGR_E_GROUPS_NOT_ENABLED = HRESULT(0x8100_034A)
    public static let MSGR_E_GROUP_ALREADY_EXISTS = HRESULT(0x8100_034B)
    public static let MSGR_E_TOO_MANY_GROUPS = HRESULT(0x8100_034C)
    public static let MSGR_E_GROUP_DOES_NOT_EXIST = HRESULT(0x8100_034D)
    public static let MSGR_E_USER_NOT_GROUP_MEMBER = HRESULT(0x8100_034E)
    public static let MSGR_E_GROUP_NAME_TOO_LONG = HRESULT(0x8100_034F)
    public static let MSGR_E_GROUP_NOT_EMPTY = HRESULT(0x8100_0350)
    public static let MSGR_E_BAD_GROUP_NAME = HRESULT(0x8100_0351)
    public static let MSGR_E_PHONESERVICE_UNAVAILABLE = HRESULT(0x8100_0352)
    public static let MSGR_E_CANNOT_RENAME = HRESULT(0x8100_0353)
    public static let MSGR_E_CANNOT_DELETE = HRESULT(0x8100_0354)
    public static let MSGR_E_INVALID_SERVICE = HRESULT(0x8100_0355)
    public static let MSGR_E_POLICY_RESTRICTED = HRESULT(0x8100_0356)
    public static let MSGR_E_BUSY = HRESULT(0x8100_0357)
    public static let MSGR_E_DNS_SRV_FAIL = HRESULT(0x8100_0358)
    public static let MSGR_E_DNS_A_RES_FAIL = HRESULT(0x8100_0359)
    public static let MSGR_E_NO_SERVER_ADDRESS_SPECIFIED = HRESULT(0x8100_0360)
    public static let MSGR_E_TLS_FAIL = HRESULT(0x8100_0361)
    public static let MSGR_E_INCOMPATIBLE_ENCRYPTION = HRESULT(0x8100_0362)
    public static let MSGR_E_SSL_TUNNEL_FAILED = HRESULT(0x8100_0363)
    public static let MSGR_E_SIP_TIMEOUT = HRESULT(0x8100_0364)
    public static let MSGR_E_INCOMPATIBLE_IM = HRESULT(0x8100_0365)
    public static let MSGR_E_MIM_ADD_TO_CONTACTS_FAIL = HRESULT(0x8100_0366)
    public static let MSGR_E_INVALID_ADDRESS_FORMAT = HRESULT(0x8100_0367)
    public static let MSGR_E_INVALID_CERTIFICATE = HRESULT(0x8100_0368)
    public static let MSGR_E_AUTH_TIME_SKEW = HRESULT(0x8100_0369)
    public static let MSGR_E_CHANGED_CREDENTIALS = HRESULT(0x8100_0370)
    public static let MSGR_E_SIP_LOGIN_FORBIDDEN = HRESULT(0x8100_0371)
    public static let MSGR_E_SIP_HIGH_SECURITY_SET_TLS = HRESULT(0x8100_0372)
    public static let MSGR_E_CALLEE_INSUFFICIENT_SECURITY_LEVEL = HRESULT(0x8100_0373)
    public static let MSGR_E_CALLER_PEER2PEER_CALLS_NOT_ALLOWED = HRESULT(0x8100_0374)
    public static let MSGR_E_SIP_UDP_UNSUPPORTED = HRESULT(0x8100_0375)
    public static let MSGR_E_SIP_SEARCH_FORBIDDEN = HRESULT(0x8100_0376)
    public static let MSGR_E_INVALID_SERVER_VERSION = HRESULT(0x8100_0377)
    public static let MSGR_E_AUTH_SERVER_UNAVAILABLE = HRESULT(0x8100_0378)
    public static let MSGR_E_SESSION_RESTRICTED = HRESULT(0x8100_0380)
    public static let MSGR_E_MANAGED_USER_INVALID_CVR = HRESULT(0x8100_0381)
    public static let MSGR_E_RESTRICTED_USER = HRESULT(0x8100_0382)
    public static let MSGR_E_PROXY_AUTH_REQUIRED = HRESULT(0x8100_0383)
    public static let MSGR_E_PROXY_REALM_MISMATCH = HRESULT(0x8100_0384)
    public static let MSGR_E_PROXY_PASSWORD_INCORRECT = HRESULT(0x8100_0385)
    public static let MSGR_E_RESTRICTED_USER_LOGON_RESTRICED = HRESULT(0x8100_0386)
    public static let MSGR_E_IE_OFFLINE = HRESULT(0x8100_0387)
    public static let MSGR_E_IE_CANT_CONNECT = HRESULT(0x8100_0388)
    public static let MSGR_E_ACCOUNT_ERROR_REDIRECT = HRESULT(0x8100_0389)
    public static let MSGR_E_INCOMING_INVITE_CANCELLED = HRESULT(0x8100_0390)
    public static let MSGR_E_INVITE_ACCEPTED_ELSEWHERE = HRESULT(0x8100_0391)
    public static let MSGR_E_APP_INVITE_NOT_ACCEPTABLE = HRESULT(0x8100_0392)

    /// Named by method docs but defined by no header (C17): the CEIP or
    /// another pop-up dialog is open. Alias of `MSGR_E_POPUP_UI_ACTIVE`,
    /// whose name `name` reports (unverified value, spec's recommendation).
    public static let MSGR_E_OTHER_UI_ACTIVE = MSGR_E_POPUP_UI_ACTIVE

    static let messengerFailureCatalog: [CatalogEntry] = [
        CatalogEntry(.MSGR_E_CONNECT, "MSGR_E_CONNECT", "could not connect to the server"),
        CatalogEntry(.MSGR_E_INVALID_SERVER_NAME, "MSGR_E_INVALID_SERVER_NAME", "the server or proxy name could not be resolved"),
        CatalogEntry(.MSGR_E_INVALID_PASSWORD, "MSGR_E_INVALID_PASSWORD", "the password was rejected for this sign-in name"),
        CatalogEntry(.MSGR_E_ALREADY_LOGGED_ON, "MSGR_E_ALREADY_LOGGED_ON", "already signed in"),
        CatalogEntry(.MSGR_E_SERVER_VERSION, "MSGR_E_SERVER_VERSION", "the server version does not work with this client"),
        CatalogEntry(.MSGR_E_LOGON_TIMEOUT, "MSGR_E_LOGON_TIMEOUT", "sign-in timed out"),
        CatalogEntry(.MSGR_E_LIST_FULL, "MSGR_E_LIST_FULL", "the contact list is full"),
        CatalogEntry(.MSGR_E_AI_REJECT, "MSGR_E_AI_REJECT", "rejected (internal code)"),
        CatalogEntry(.MSGR_E_AI_REJECT_NOT_INST, "MSGR_E_AI_REJECT_NOT_INST", "rejected, not installed (internal code)"),
        CatalogEntry(.MSGR_E_USER_NOT_FOUND, "MSGR_E_USER_NOT_FOUND", "no such user"),
        CatalogEntry(.MSGR_E_ALREADY_IN_LIST, "MSGR_E_ALREADY_IN_LIST", "the contact is already in the contact list"),
        CatalogEntry(.MSGR_E_DISCONNECTED, "MSGR_E_DISCONNECTED", "the client is disconnected"),
        CatalogEntry(.MSGR_E_UNEXPECTED, "MSGR_E_UNEXPECTED", "the server reported an unexpected error"),
        CatalogEntry(.MSGR_E_SERVER_TOO_BUSY, "MSGR_E_SERVER_TOO_BUSY", "the server is too busy to take requests"),
        CatalogEntry(.MSGR_E_INVALID_AUTH_PACKAGES, "MSGR_E_INVALID_AUTH_PACKAGES", "no usable authentication method"),
        CatalogEntry(.MSGR_E_NEWER_CLIENT_AVAILABLE, "MSGR_E_NEWER_CLIENT_AVAILABLE", "a newer client version is available"),
        CatalogEntry(.MSGR_E_AI_TIMEOUT, "MSGR_E_AI_TIMEOUT", "timed out (internal code)"),
        CatalogEntry(.MSGR_E_CANCEL, "MSGR_E_CANCEL", "the operation was cancelled"),
        CatalogEntry(.MSGR_E_TOO_MANY_MATCHES, "MSGR_E_TOO_MANY_MATCHES", "too many matches"),
        CatalogEntry(.MSGR_E_SERVER_UNAVAILABLE, "MSGR_E_SERVER_UNAVAILABLE", "the server is unavailable"),
        CatalogEntry(.MSGR_E_LOGON_UI_ACTIVE, "MSGR_E_LOGON_UI_ACTIVE", "the sign-in dialog is open"),
        CatalogEntry(.MSGR_E_OPTION_UI_ACTIVE, "MSGR_E_OPTION_UI_ACTIVE", "the options dialog is open"),
        CatalogEntry(.MSGR_E_CONTACT_UI_ACTIVE, "MSGR_E_CONTACT_UI_ACTIVE", "the add or find contact dialog is open"),
        CatalogEntry(.MSGR_E_PRIMARY_SERVICE_NOT_LOGGED_ON, "MSGR_E_PRIMARY_SERVICE_NOT_LOGGED_ON", "not signed in to the primary service"),
        CatalogEntry(.MSGR_E_LOGGED_ON, "MSGR_E_LOGGED_ON", "the user is signed in already"),
        CatalogEntry(.MSGR_E_CONNECT_PROXY, "MSGR_E_CONNECT_PROXY", "could not connect to the proxy"),
        CatalogEntry(.MSGR_E_PROXY_AUTH, "MSGR_E_PROXY_AUTH", "proxy authentication failed"),
        CatalogEntry(.MSGR_E_PROXY_AUTH_TYPE, "MSGR_E_PROXY_AUTH_TYPE", "the proxy authentication type is not supported"),
        CatalogEntry(.MSGR_E_INVALID_PROXY_NAME, "MSGR_E_INVALID_PROXY_NAME", "the proxy name is invalid"),
        CatalogEntry(.MSGR_E_NOT_LOGGED_ON, "MSGR_E_NOT_LOGGED_ON", "not signed in"),
        CatalogEntry(.MSGR_E_POPUP_UI_ACTIVE, "MSGR_E_POPUP_UI_ACTIVE", "another dialog is open"),
        CatalogEntry(.MSGR_E_NOT_PRIMARY_SERVICE, "MSGR_E_NOT_PRIMARY_SERVICE", "that service is not the primary service"),
        CatalogEntry(.MSGR_E_TOO_MANY_SESSIONS, "MSGR_E_TOO_MANY_SESSIONS", "too many sessions are open"),
        CatalogEntry(.MSGR_E_TOO_MANY_MESSAGES, "MSGR_E_TOO_MANY_MESSAGES", "too many messages"),
        CatalogEntry(.MSGR_E_REMOTE_LOGIN, "MSGR_E_REMOTE_LOGIN", "the account signed in from another place"),
        CatalogEntry(.MSGR_E_INVALID_FRIENDLY_NAME, "MSGR_E_INVALID_FRIENDLY_NAME", "the display name is not acceptable"),
        CatalogEntry(.MSGR_E_SESSION_FULL, "MSGR_E_SESSION_FULL", "the session has no room for more participants"),
        CatalogEntry(.MSGR_E_NOT_ALLOWING_NEW_USERS, "MSGR_E_NOT_ALLOWING_NEW_USERS", "the service is not accepting new users"),
        CatalogEntry(.MSGR_E_INVALID_DOMAIN, "MSGR_E_INVALID_DOMAIN", "the domain is invalid"),
        CatalogEntry(.MSGR_E_TCP_ERROR, "MSGR_E_TCP_ERROR", "a network error occurred"),
        CatalogEntry(.MSGR_E_SESSION_TIMEOUT, "MSGR_E_SESSION_TIMEOUT", "the session timed out"),
        CatalogEntry(.MSGR_E_MULTIPOINT_SESSION_BEGIN_TIMEOUT, "MSGR_E_MULTIPOINT_SESSION_BEGIN_TIMEOUT", "starting the multi-party session timed out"),
        CatalogEntry(.MSGR_E_MULTIPOINT_SESSION_END_TIMEOUT, "MSGR_E_MULTIPOINT_SESSION_END_TIMEOUT", "ending the multi-party session timed out"),
        CatalogEntry(.MSGR_E_REVERSE_LIST_FULL, "MSGR_E_REVERSE_LIST_FULL", "too many users list this account"),
        CatalogEntry(.MSGR_E_SERVER_ERROR, "MSGR_E_SERVER_ERROR", "the server failed"),
        CatalogEntry(.MSGR_E_SYSTEM_CONFIG, "MSGR_E_SYSTEM_CONFIG", "system configuration error"),
        CatalogEntry(.MSGR_E_NO_DIRECTORY, "MSGR_E_NO_DIRECTORY", "no directory is available"),
        CatalogEntry(.MSGR_E_RETRY_SET, "MSGR_E_RETRY_SET", "retry setting the value"),
        CatalogEntry(.MSGR_E_CHILD_WITHOUT_CONSENT, "MSGR_E_CHILD_WITHOUT_CONSENT", "the account needs parental consent"),
        CatalogEntry(.MSGR_E_USER_CANCELLED, "MSGR_E_USER_CANCELLED", "the user cancelled"),
        CatalogEntry(.MSGR_E_CANCEL_BEFORE_CONNECT, "MSGR_E_CANCEL_BEFORE_CONNECT", "cancelled before the connection was made"),
        CatalogEntry(.MSGR_E_VOICE_IM_TIMEOUT, "MSGR_E_VOICE_IM_TIMEOUT", "the voice session timed out"),
        CatalogEntry(.MSGR_E_NOT_ACCEPTING_PAGES, "MSGR_E_NOT_ACCEPTING_PAGES", "the contact does not accept pages"),
        CatalogEntry(.MSGR_E_EMAIL_PASSPORT_NOT_VALIDATED, "MSGR_E_EMAIL_PASSPORT_NOT_VALIDATED", "the account's e-mail address is not validated"),
        CatalogEntry(.MSGR_E_AUDIO_UI_ACTIVE, "MSGR_E_AUDIO_UI_ACTIVE", "the audio and video tuning wizard is open"),
        CatalogEntry(.MSGR_E_NO_HARDWARE, "MSGR_E_NO_HARDWARE", "the needed audio or video hardware is missing"),
        CatalogEntry(.MSGR_E_PAGING_UNAVAILABLE, "MSGR_E_PAGING_UNAVAILABLE", "the contact cannot be paged"),
        CatalogEntry(.MSGR_E_PHONE_INVALID_NUMBER, "MSGR_E_PHONE_INVALID_NUMBER", "the phone number is invalid or missing"),
        CatalogEntry(.MSGR_E_PHONE_NO_FUNDS, "MSGR_E_PHONE_NO_FUNDS", "not enough funds for the call"),
        CatalogEntry(.MSGR_E_VOICE_NO_ANSWER, "MSGR_E_VOICE_NO_ANSWER", "the call was not answered"),
        CatalogEntry(.MSGR_E_VOICE_WAVEIN_DEVICE, "MSGR_E_VOICE_WAVEIN_DEVICE", "the audio input device failed"),
        CatalogEntry(.MSGR_E_FT_TIMEOUT, "MSGR_E_FT_TIMEOUT", "the file transfer timed out"),
        CatalogEntry(.MSGR_E_MESSAGE_TOO_LONG, "MSGR_E_MESSAGE_TOO_LONG", "the message is too long"),
        CatalogEntry(.MSGR_E_VOICE_FIREWALL, "MSGR_E_VOICE_FIREWALL", "a firewall blocks the voice session"),
        CatalogEntry(.MSGR_E_VOICE_NETCONN, "MSGR_E_VOICE_NETCONN", "the network connection does not allow voice"),
        CatalogEntry(.MSGR_E_PHONE_CIRCUITS_BUSY, "MSGR_E_PHONE_CIRCUITS_BUSY", "the phone circuits are busy"),
        CatalogEntry(.MSGR_E_SERVER_PROTOCOL, "MSGR_E_SERVER_PROTOCOL", "the server broke the protocol"),
        CatalogEntry(.MSGR_E_UNAVAILABLE_VIA_HTTP, "MSGR_E_UNAVAILABLE_VIA_HTTP", "not available over an HTTP connection"),
        CatalogEntry(.MSGR_E_PHONE_INVALID_PIN, "MSGR_E_PHONE_INVALID_PIN", "the PIN is invalid"),
        CatalogEntry(.MSGR_E_PHONE_PINPROCEED_TIMEOUT, "MSGR_E_PHONE_PINPROCEED_TIMEOUT", "timed out waiting for the PIN"),
        CatalogEntry(.MSGR_E_SERVER_SHUTDOWN, "MSGR_E_SERVER_SHUTDOWN", "the server shut down"),
        CatalogEntry(.MSGR_E_CLIENT_DISALLOWED, "MSGR_E_CLIENT_DISALLOWED", "this client is not allowed"),
        CatalogEntry(.MSGR_E_PHONE_CALL_NOT_COMPLETE, "MSGR_E_PHONE_CALL_NOT_COMPLETE", "the call could not be completed"),
        CatalogEntry(.MSGR_E_GROUPS_NOT_ENABLED, "MSGR_E_GROUPS_NOT_ENABLED", "groups are not available on this service"),
        CatalogEntry(.MSGR_E_GROUP_ALREADY_EXISTS, "MSGR_E_GROUP_ALREADY_EXISTS", "a group with that name exists already"),
        CatalogEntry(.MSGR_E_TOO_MANY_GROUPS, "MSGR_E_TOO_MANY_GROUPS", "too many groups"),
        CatalogEntry(.MSGR_E_GROUP_DOES_NOT_EXIST, "MSGR_E_GROUP_DOES_NOT_EXIST", "no such group"),
        CatalogEntry(.MSGR_E_USER_NOT_GROUP_MEMBER, "MSGR_E_USER_NOT_GROUP_MEMBER", "the contact is not in that group"),
        CatalogEntry(.MSGR_E_GROUP_NAME_TOO_LONG, "MSGR_E_GROUP_NAME_TOO_LONG", "the group name is too long"),
        CatalogEntry(.MSGR_E_GROUP_NOT_EMPTY, "MSGR_E_GROUP_NOT_EMPTY", "the group still has contacts"),
        CatalogEntry(.MSGR_E_BAD_GROUP_NAME, "MSGR_E_BAD_GROUP_NAME", "the group name has characters that are not allowed"),
        CatalogEntry(.MSGR_E_PHONESERVICE_UNAVAILABLE, "MSGR_E_PHONESERVICE_UNAVAILABLE", "phone service is not available for this contact"),
        CatalogEntry(.MSGR_E_CANNOT_RENAME, "MSGR_E_CANNOT_RENAME", "this group cannot be renamed"),
        CatalogEntry(.MSGR_E_CANNOT_DELETE, "MSGR_E_CANNOT_DELETE", "this contact or group cannot be deleted"),
        CatalogEntry(.MSGR_E_INVALID_SERVICE, "MSGR_E_INVALID_SERVICE", "the contact or group is not on that service"),
        CatalogEntry(.MSGR_E_POLICY_RESTRICTED, "MSGR_E_POLICY_RESTRICTED", "policy does not allow this operation"),
        CatalogEntry(.MSGR_E_BUSY, "MSGR_E_BUSY", "busy"),
        CatalogEntry(.MSGR_E_DNS_SRV_FAIL, "MSGR_E_DNS_SRV_FAIL", "the DNS SRV lookup failed"),
        CatalogEntry(.MSGR_E_DNS_A_RES_FAIL, "MSGR_E_DNS_A_RES_FAIL", "the DNS address lookup failed"),
        CatalogEntry(.MSGR_E_NO_SERVER_ADDRESS_SPECIFIED, "MSGR_E_NO_SERVER_ADDRESS_SPECIFIED", "no server address is configured"),
        CatalogEntry(.MSGR_E_TLS_FAIL, "MSGR_E_TLS_FAIL", "the TLS connection failed"),
        CatalogEntry(.MSGR_E_INCOMPATIBLE_ENCRYPTION, "MSGR_E_INCOMPATIBLE_ENCRYPTION", "the encryption settings do not match"),
        CatalogEntry(.MSGR_E_SSL_TUNNEL_FAILED, "MSGR_E_SSL_TUNNEL_FAILED", "the TLS tunnel through the proxy failed"),
        CatalogEntry(.MSGR_E_SIP_TIMEOUT, "MSGR_E_SIP_TIMEOUT", "the connection attempt timed out"),
        CatalogEntry(.MSGR_E_INCOMPATIBLE_IM, "MSGR_E_INCOMPATIBLE_IM", "the clients are not compatible"),
        CatalogEntry(.MSGR_E_MIM_ADD_TO_CONTACTS_FAIL, "MSGR_E_MIM_ADD_TO_CONTACTS_FAIL", "no more participants can join this conversation"),
        CatalogEntry(.MSGR_E_INVALID_ADDRESS_FORMAT, "MSGR_E_INVALID_ADDRESS_FORMAT", "the address is not in a valid format"),
        CatalogEntry(.MSGR_E_INVALID_CERTIFICATE, "MSGR_E_INVALID_CERTIFICATE", "no valid client certificate"),
        CatalogEntry(.MSGR_E_AUTH_TIME_SKEW, "MSGR_E_AUTH_TIME_SKEW", "the clocks of client and server differ too much"),
        CatalogEntry(.MSGR_E_CHANGED_CREDENTIALS, "MSGR_E_CHANGED_CREDENTIALS", "the credentials differ from the saved ones"),
        CatalogEntry(.MSGR_E_SIP_LOGIN_FORBIDDEN, "MSGR_E_SIP_LOGIN_FORBIDDEN", "this user may not sign in"),
        CatalogEntry(.MSGR_E_SIP_HIGH_SECURITY_SET_TLS, "MSGR_E_SIP_HIGH_SECURITY_SET_TLS", "high security requires TLS"),
        CatalogEntry(.MSGR_E_CALLEE_INSUFFICIENT_SECURITY_LEVEL, "MSGR_E_CALLEE_INSUFFICIENT_SECURITY_LEVEL", "the callee's security level is too low"),
        CatalogEntry(.MSGR_E_CALLER_PEER2PEER_CALLS_NOT_ALLOWED, "MSGR_E_CALLER_PEER2PEER_CALLS_NOT_ALLOWED", "peer-to-peer calls are not allowed"),
        CatalogEntry(.MSGR_E_SIP_UDP_UNSUPPORTED, "MSGR_E_SIP_UDP_UNSUPPORTED", "the server does not support UDP"),
        CatalogEntry(.MSGR_E_SIP_SEARCH_FORBIDDEN, "MSGR_E_SIP_SEARCH_FORBIDDEN", "searching for users is not allowed"),
        CatalogEntry(.MSGR_E_INVALID_SERVER_VERSION, "MSGR_E_INVALID_SERVER_VERSION", "the server version is invalid"),
        CatalogEntry(.MSGR_E_AUTH_SERVER_UNAVAILABLE, "MSGR_E_AUTH_SERVER_UNAVAILABLE", "the authentication server is unavailable"),
        CatalogEntry(.MSGR_E_SESSION_RESTRICTED, "MSGR_E_SESSION_RESTRICTED", "the session is restricted"),
        CatalogEntry(.MSGR_E_MANAGED_USER_INVALID_CVR, "MSGR_E_MANAGED_USER_INVALID_CVR", "the managed account failed a check"),
        CatalogEntry(.MSGR_E_RESTRICTED_USER, "MSGR_E_RESTRICTED_USER", "the invitee is not in the contact list"),
        CatalogEntry(.MSGR_E_PROXY_AUTH_REQUIRED, "MSGR_E_PROXY_AUTH_REQUIRED", "the proxy requires authentication"),
        CatalogEntry(.MSGR_E_PROXY_REALM_MISMATCH, "MSGR_E_PROXY_REALM_MISMATCH", "the proxy realm does not match"),
        CatalogEntry(.MSGR_E_PROXY_PASSWORD_INCORRECT, "MSGR_E_PROXY_PASSWORD_INCORRECT", "the proxy password is wrong"),
        CatalogEntry(.MSGR_E_RESTRICTED_USER_LOGON_RESTRICED, "MSGR_E_RESTRICTED_USER_LOGON_RESTRICED", "this account may not sign in"),
        CatalogEntry(.MSGR_E_IE_OFFLINE, "MSGR_E_IE_OFFLINE", "the system network stack is in offline mode"),
        CatalogEntry(.MSGR_E_IE_CANT_CONNECT, "MSGR_E_IE_CANT_CONNECT", "the system network stack cannot reach the network"),
        CatalogEntry(.MSGR_E_ACCOUNT_ERROR_REDIRECT, "MSGR_E_ACCOUNT_ERROR_REDIRECT", "the account must be served elsewhere"),
        CatalogEntry(.MSGR_E_INCOMING_INVITE_CANCELLED, "MSGR_E_INCOMING_INVITE_CANCELLED", "the incoming invitation was cancelled"),
        CatalogEntry(.MSGR_E_INVITE_ACCEPTED_ELSEWHERE, "MSGR_E_INVITE_ACCEPTED_ELSEWHERE", "the invitation was accepted on another device"),
        CatalogEntry(.MSGR_E_APP_INVITE_NOT_ACCEPTABLE, "MSGR_E_APP_INVITE_NOT_ACCEPTABLE", "the application invitation cannot be accepted"),
    ]
}
