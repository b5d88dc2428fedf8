// MSGRConstants success codes, MSGR_S(x) = 0x01000300 + x (spec §6.4).
// They have bit 31 clear: callers get them as results, not errors.
extension HRESULT {
    public static let MSGR_S_ALREADY_IN_THE_MODE = HRESULT(0x0100_0301)
    public static let MSGR_S_TRANSFER_SEND_BEGUN = HRESULT(0x0100_0302)
    public static let MSGR_S_TRANSFER_SEND_FINISHED = HRESULT(0x0100_0303)
    public static let MSGR_S_TRANSFER_RECEIVE_BEGUN = HRESULT(0x0100_0304)
    public static let MSGR_S_TRANSFER_RECEIVE_FINISHED = HRESULT(0x0100_0305)
    public static let MSGR_S_GROUP_ALREADY_EXISTS = HRESULT(0x0100_0306)
    public static let MSGR_S_SESSION_PENDING = HRESULT(0x0100_0307)
    public static let MSGR_S_CONV_ID_MATCH = HRESULT(0x0100_0308)

    static let messengerSuccessCatalog: [CatalogEntry] = [
        CatalogEntry(.MSGR_S_ALREADY_IN_THE_MODE, "MSGR_S_ALREADY_IN_THE_MODE", "already in that mode"),
        CatalogEntry(.MSGR_S_TRANSFER_SEND_BEGUN, "MSGR_S_TRANSFER_SEND_BEGUN", "the file transfer send started"),
        CatalogEntry(.MSGR_S_TRANSFER_SEND_FINISHED, "MSGR_S_TRANSFER_SEND_FINISHED", "the file transfer send finished"),
        CatalogEntry(.MSGR_S_TRANSFER_RECEIVE_BEGUN, "MSGR_S_TRANSFER_RECEIVE_BEGUN", "the file transfer receive started"),
        CatalogEntry(.MSGR_S_TRANSFER_RECEIVE_FINISHED, "MSGR_S_TRANSFER_RECEIVE_FINISHED", "the file transfer receive finished"),
        CatalogEntry(.MSGR_S_GROUP_ALREADY_EXISTS, "MSGR_S_GROUP_ALREADY_EXISTS", "the group exists already"),
        CatalogEntry(.MSGR_S_SESSION_PENDING, "MSGR_S_SESSION_PENDING", "the session is pending"),
        CatalogEntry(.MSGR_S_CONV_ID_MATCH, "MSGR_S_CONV_ID_MATCH", "the conversation ID matches"),
    ]
}
