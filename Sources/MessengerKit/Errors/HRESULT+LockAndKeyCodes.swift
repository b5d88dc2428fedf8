// Lock-and-Key codes (spec §6.5). The feature is out of scope, but
// IMessengerPrivate may surface these, so they can be named.
extension HRESULT {
    public static let MSGR_E_API_NOTINITIALIZED = HRESULT(0x8100_0751)
    public static let MSGR_E_API_LOCKED = HRESULT(0x8100_0752)
    public static let MSGR_E_API_UNLOCK_FAILED = HRESULT(0x8100_0753)
    public static let MSGR_E_API_ALREADY_UNLOCKED = HRESULT(0x8100_0754)
    public static let MSGR_E_API_PENDING_UNLOCK = HRESULT(0x8100_0755)
    public static let MSGR_E_API_DISABLED = HRESULT(0x8100_0756)

    static let lockAndKeyCatalog: [CatalogEntry] = [
        CatalogEntry(.MSGR_E_API_NOTINITIALIZED, "MSGR_E_API_NOTINITIALIZED", "the restricted API is not initialized"),
        CatalogEntry(.MSGR_E_API_LOCKED, "MSGR_E_API_LOCKED", "the service API is locked"),
        CatalogEntry(.MSGR_E_API_UNLOCK_FAILED, "MSGR_E_API_UNLOCK_FAILED", "unlocking the service API failed"),
        CatalogEntry(.MSGR_E_API_ALREADY_UNLOCKED, "MSGR_E_API_ALREADY_UNLOCKED", "the service API is unlocked already"),
        CatalogEntry(.MSGR_E_API_PENDING_UNLOCK, "MSGR_E_API_PENDING_UNLOCK", "an unlock is in progress"),
        CatalogEntry(.MSGR_E_API_DISABLED, "MSGR_E_API_DISABLED", "the service API is disabled"),
    ]
}
