import MessengerKit
import Testing

@Suite("HRESULT behaviour")
struct HRESULTTests {
    @Test("severity bit decides success and failure")
    func classification() {
        for success in [HRESULT.S_OK, .S_FALSE, .MSGR_S_ALREADY_IN_THE_MODE, .MSGR_S_GROUP_ALREADY_EXISTS,
            .MSGR_S_CONV_ID_MATCH]
        {
            #expect(success.isSuccess)
            #expect(!success.isFailure)
            #expect(success.signedValue >= 0)
        }
        for failure in [HRESULT.E_FAIL, .E_INVALIDARG, .MSGR_E_NOT_LOGGED_ON, .MSGR_E_API_DISABLED,
            .SR_VOICE_ALREADY_ACTIVE, .E_UNEXPECTED]
        {
            #expect(failure.isFailure)
            #expect(!failure.isSuccess)
            #expect(failure.signedValue < 0)
        }
    }

    @Test("success and failure in the tables follow their name prefixes")
    func prefixesMatchSeverity() {
        for code in HRESULT.all {
            let name = code.name ?? ""
            let namedSuccess = name.hasPrefix("S_") || name.hasPrefix("MSGR_S_")
            #expect(code.isSuccess == namedSuccess, "\(name)")
        }
    }

    @Test("JSON-RPC signed values from the binding's examples")
    func signedExamples() {
        #expect(HRESULT.E_INVALIDARG.signedValue == -2_147_024_809)
        #expect(HRESULT.E_FAIL.signedValue == -2_147_467_259)
        #expect(HRESULT.MSGR_E_NOT_LOGGED_ON.signedValue == -2_130_705_634)
        #expect(HRESULT(signedValue: -2_130_705_634) == .MSGR_E_NOT_LOGGED_ON)
        #expect(HRESULT(signedValue: 1) == .S_FALSE)
    }

    @Test("facility and code split the Messenger construction MSGR_E(x)")
    func facilityAndCode() {
        #expect(HRESULT.MSGR_E_NOT_LOGGED_ON.facility == 0x100)
        #expect(HRESULT.MSGR_E_NOT_LOGGED_ON.code == 0x31E)
        #expect(HRESULT.MSGR_S_GROUP_ALREADY_EXISTS.facility == 0x100)
        #expect(HRESULT.MSGR_S_GROUP_ALREADY_EXISTS.code == 0x306)
        #expect(HRESULT.E_INVALIDARG.facility == 7)
        #expect(HRESULT.E_INVALIDARG.code == 0x57)
    }

    @Test("aliases share the value and report the canonical name")
    func aliases() {
        #expect(HRESULT.MSGR_S_OK == .S_OK)
        #expect(HRESULT.MSGR_E_FAIL == .E_FAIL)
        #expect(HRESULT.MSGR_E_OTHER_UI_ACTIVE == .MSGR_E_POPUP_UI_ACTIVE)
        #expect(HRESULT.MSGR_E_OTHER_UI_ACTIVE.rawValue == 0x8100_031F)
        #expect(HRESULT.MSGR_S_OK.name == "S_OK")
        #expect(HRESULT.MSGR_E_FAIL.name == "E_FAIL")
        #expect(HRESULT.MSGR_E_OTHER_UI_ACTIVE.name == "MSGR_E_POPUP_UI_ACTIVE")
        #expect(HRESULT(name: "MSGR_S_OK") == .S_OK)
        #expect(HRESULT(name: "MSGR_E_FAIL") == .E_FAIL)
        #expect(HRESULT(name: "MSGR_E_OTHER_UI_ACTIVE") == .MSGR_E_POPUP_UI_ACTIVE)
    }

    @Test("unknown names and values")
    func unknown() {
        #expect(HRESULT(name: "MSGR_E_NO_SUCH_CODE") == nil)
        #expect(HRESULT(name: "msgr_e_not_logged_on") == nil)
        // A numbering gap (C63): no name, generic texts.
        let gap = HRESULT(0x8100_035A)
        #expect(gap.name == nil)
        #expect(gap.message == "unknown failure")
        #expect(gap.description == "0x8100035A")
        #expect(HRESULT(0x0100_0309).message == "unknown success code")
    }

    @Test("description names the code and shows its hex form")
    func description() {
        #expect(HRESULT.MSGR_E_NOT_LOGGED_ON.description == "MSGR_E_NOT_LOGGED_ON (0x8100031E)")
        #expect(HRESULT.S_OK.description == "S_OK (0x00000000)")
        #expect(HRESULT.S_FALSE.hexString == "0x00000001")
    }

    @Test("spec decisions that name a code: C12 IE_OFFLINE, misspelt LOGON_RESTRICED")
    func decisions() {
        #expect(HRESULT.MSGR_E_IE_OFFLINE.rawValue == 0x8100_0387)
        #expect(HRESULT(name: "MSGR_E_RESTRICTED_USER_LOGON_RESTRICED")?.rawValue == 0x8100_0386)
    }
}
