// Names and messages for the constants, and lookups by value and by name.
extension HRESULT {
    /// One row of a spec table: value, canonical name, our short message.
    struct CatalogEntry: Sendable {
        let hresult: HRESULT
        let name: String
        let message: String

        init(_ hresult: HRESULT, _ name: String, _ message: String) {
            self.hresult = hresult
            self.name = name
            self.message = message
        }
    }

    /// Every distinct value the spec names, each once, in spec order
    /// (§6.2, §6.3, §6.4, §6.5, §6.6), plus `DISP_E_BADINDEX` (C18).
    ///
    /// Aliases are separate constants that share a value and are not listed
    /// again: `MSGR_S_OK` (= `S_OK`), `MSGR_E_FAIL` (= `E_FAIL`) and
    /// `MSGR_E_OTHER_UI_ACTIVE` (= `MSGR_E_POPUP_UI_ACTIVE`, C17). The
    /// canonical name of a shared value is the one the header defines
    /// first: S_OK, E_FAIL, MSGR_E_POPUP_UI_ACTIVE.
    public static let all: [HRESULT] = catalog.map(\.hresult)

    /// The spec's symbolic name of this value (`"MSGR_E_NOT_LOGGED_ON"`),
    /// the canonical one for aliased values; nil for values it does not name.
    public var name: String? {
        Self.entriesByValue[self]?.name
    }

    /// A short lower-case text for error messages ("not signed in").
    /// Values the spec does not name get a generic text.
    public var message: String {
        if let entry = Self.entriesByValue[self] { return entry.message }
        return isSuccess ? "unknown success code" : "unknown failure"
    }

    /// Looks a code up by its symbolic name, exact spelling; accepts the
    /// alias names `MSGR_S_OK`, `MSGR_E_FAIL` and `MSGR_E_OTHER_UI_ACTIVE`.
    public init?(name: String) {
        guard let value = Self.valuesByName[name] else { return nil }
        self = value
    }

    static let aliases: [String: HRESULT] = [
        "MSGR_S_OK": .MSGR_S_OK,
        "MSGR_E_FAIL": .MSGR_E_FAIL,
        "MSGR_E_OTHER_UI_ACTIVE": .MSGR_E_OTHER_UI_ACTIVE,
    ]

    static let catalog: [CatalogEntry] =
        standardCatalog + messengerFailureCatalog + messengerSuccessCatalog + lockAndKeyCatalog
        + sessionInviteCatalog

    // The tables hold each value once (a test checks); keeping the first
    // entry avoids a trap at first use should that ever break.
    private static let entriesByValue: [HRESULT: CatalogEntry] = Dictionary(
        catalog.map { ($0.hresult, $0) },
        uniquingKeysWith: { first, _ in first }
    )

    private static let valuesByName: [String: HRESULT] = Dictionary(
        catalog.map { ($0.name, $0.hresult) },
        uniquingKeysWith: { first, _ in first }
    ).merging(aliases, uniquingKeysWith: { canonical, _ in canonical })
}
