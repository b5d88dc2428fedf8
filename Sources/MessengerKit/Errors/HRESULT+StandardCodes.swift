// Standard COM/Win32 codes the Automation API uses (spec §6.2), plus
// DISP_E_BADINDEX, which decision C18 assigns to the undefined E_INVALIDINDEX.
extension HRESULT {
    public static let S_OK = HRESULT(0x0000_0000)
    public static let S_FALSE = HRESULT(0x0000_0001)
    public static let E_NOTIMPL = HRESULT(0x8000_4001)
    public static let E_POINTER = HRESULT(0x8000_4003)
    public static let E_FAIL = HRESULT(0x8000_4005)
    public static let E_UNEXPECTED = HRESULT(0x8000_FFFF)
    public static let E_ACCESSDENIED = HRESULT(0x8007_0005)
    public static let E_OUTOFMEMORY = HRESULT(0x8007_000E)
    public static let E_INVALIDARG = HRESULT(0x8007_0057)
    public static let DISP_E_BADVARTYPE = HRESULT(0x8002_0008)
    /// HRESULT_FROM_WIN32(1780): a NULL `[out]` pointer (rule R3).
    public static let RPC_X_NULL_REF_POINTER = HRESULT(0x8007_06F4)
    /// The 16-bit/CE value some pages print for E_OUTOFMEMORY (C16). Never
    /// emitted: we report `E_OUTOFMEMORY`; kept so the number can be named.
    public static let E_OUTOFMEMORY_LEGACY = HRESULT(0x8000_0002)
    /// The 16-bit/CE value some pages print for E_INVALIDARG (C16). Never
    /// emitted: we report `E_INVALIDARG`; kept so the number can be named.
    public static let E_INVALIDARG_LEGACY = HRESULT(0x8000_0003)
    /// Not in §6.2: C18 uses it for `PresenceProperties`' undefined E_INVALIDINDEX.
    public static let DISP_E_BADINDEX = HRESULT(0x8002_000B)

    /// `MSGR_S(0)`: the header defines it as S_OK. `name` reports "S_OK".
    public static let MSGR_S_OK = S_OK
    /// `MSGR_E_FAIL`: the header defines it as E_FAIL. `name` reports "E_FAIL".
    public static let MSGR_E_FAIL = E_FAIL

    static let standardCatalog: [CatalogEntry] = [
        CatalogEntry(.S_OK, "S_OK", "the operation succeeded"),
        CatalogEntry(.S_FALSE, "S_FALSE", "the operation succeeded with a caveat (already in that state, or nothing to do)"),
        CatalogEntry(.E_NOTIMPL, "E_NOTIMPL", "this member is not available here"),
        CatalogEntry(.E_POINTER, "E_POINTER", "a required input pointer was null"),
        CatalogEntry(.E_FAIL, "E_FAIL", "the operation failed"),
        CatalogEntry(.E_UNEXPECTED, "E_UNEXPECTED", "an unexpected failure occurred"),
        CatalogEntry(.E_ACCESSDENIED, "E_ACCESSDENIED", "access denied"),
        CatalogEntry(.E_OUTOFMEMORY, "E_OUTOFMEMORY", "out of memory"),
        CatalogEntry(.E_INVALIDARG, "E_INVALIDARG", "an argument is invalid"),
        CatalogEntry(.DISP_E_BADVARTYPE, "DISP_E_BADVARTYPE", "the value has the wrong type"),
        CatalogEntry(.RPC_X_NULL_REF_POINTER, "RPC_X_NULL_REF_POINTER", "a required output pointer was null"),
        CatalogEntry(.E_OUTOFMEMORY_LEGACY, "E_OUTOFMEMORY_LEGACY", "out of memory (legacy code)"),
        CatalogEntry(.E_INVALIDARG_LEGACY, "E_INVALIDARG_LEGACY", "an argument is invalid (legacy code)"),
        CatalogEntry(.DISP_E_BADINDEX, "DISP_E_BADINDEX", "the index is out of range"),
    ]
}
