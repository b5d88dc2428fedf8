/// How a call's end is reported: the HRESULT for a SIP final response, and
/// the words the Phone dialog shows. The table is in docs/phone.md.
enum CallOutcome {
    /// The code for a final non-2xx response to our INVITE (RFC 3261 §21).
    static func hresult(forStatus status: Int) -> HRESULT {
        switch status {
        case 486, 600: .MSGR_E_BUSY
        case 603: .SR_INVITATION_DECLINED
        case 408, 480, 487: .MSGR_E_VOICE_NO_ANSWER
        case 404, 410, 484, 604: .MSGR_E_PHONE_INVALID_NUMBER
        case 502, 503, 504: .MSGR_E_PHONE_CIRCUITS_BUSY
        case 403: .MSGR_E_POLICY_RESTRICTED
        case 401, 407: .MSGR_E_PHONESERVICE_UNAVAILABLE
        default: .MSGR_E_PHONE_CALL_NOT_COMPLETE
        }
    }

    static func displayText(for hr: HRESULT) -> String {
        switch hr {
        case .S_OK: "Call ended"
        case .MSGR_E_BUSY: "Call failed: the line is busy"
        case .SR_INVITATION_DECLINED: "Call declined"
        case .MSGR_E_VOICE_NO_ANSWER: "Call failed: no answer"
        case .MSGR_E_PHONE_INVALID_NUMBER: "Call failed: the number is not in service"
        case .MSGR_E_PHONE_CIRCUITS_BUSY: "Call failed: all circuits are busy"
        case .MSGR_E_POLICY_RESTRICTED: "Call failed: calls to this number are not allowed"
        case .MSGR_E_PHONESERVICE_UNAVAILABLE: "Call failed: the phone service is unavailable"
        case .MSGR_E_INCOMING_INVITE_CANCELLED: "Missed call"
        case .MSGR_E_VOICE_NETCONN: "Call failed: the network connection was lost"
        default: "Call failed: the call could not be completed"
        }
    }
}
