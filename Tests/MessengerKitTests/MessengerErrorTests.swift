import MessengerKit
import Testing

@Suite("MessengerError and MessengerSuccess")
struct MessengerErrorTests {
    @Test("description is NAME (0xHEX): message")
    func descriptionFormat() {
        #expect(
            MessengerError(.E_INVALIDARG, "contact starts with a space").description
                == "E_INVALIDARG (0x80070057): contact starts with a space"
        )
        #expect(
            MessengerError(.MSGR_E_NOT_LOGGED_ON).description
                == "MSGR_E_NOT_LOGGED_ON (0x8100031E): not signed in"
        )
        #expect(
            MessengerError(.RPC_X_NULL_REF_POINTER).description
                == "RPC_X_NULL_REF_POINTER (0x800706F4): a required output pointer was null"
        )
        #expect(MessengerError(HRESULT(0x8100_03FF), "odd").description == "HRESULT (0x810003FF): odd")
    }

    @Test("default message comes from the code; a given message replaces it")
    func messages() {
        #expect(MessengerError(.E_FAIL).message == "the operation failed")
        #expect(MessengerError(.E_FAIL, "target is the local user").message == "target is the local user")
        #expect(MessengerError(.MSGR_E_FAIL) == MessengerError(.E_FAIL))
        #expect(MessengerError(.E_FAIL, "a") != MessengerError(.E_FAIL, "b"))
    }

    @Test("thrown errors can be matched by HRESULT")
    func matching() {
        func failingCall() throws(MessengerError) { throw MessengerError(.MSGR_E_LOGON_UI_ACTIVE) }
        do {
            try failingCall()
            Issue.record("expected a throw")
        } catch {
            #expect(error.hresult == .MSGR_E_LOGON_UI_ACTIVE)
            #expect(error.name == "MSGR_E_LOGON_UI_ACTIVE")
        }
    }

    @Test("success keeps S_FALSE and MSGR_S_* visible next to the value")
    func success() {
        let reused = MessengerSuccess("window:4", hresult: .S_FALSE)
        #expect(reused.hresult == .S_FALSE)
        #expect(reused.value == "window:4")
        #expect(MessengerSuccess("group:3") == MessengerSuccess("group:3", hresult: .S_OK))
        #expect(MessengerSuccess<Void>.ok.hresult == .S_OK)
        #expect(MessengerSuccess<Void>.sFalse.hresult.signedValue == 1)
        #expect(MessengerSuccess(hresult: .MSGR_S_GROUP_ALREADY_EXISTS).hresult.rawValue == 0x0100_0306)
    }
}
