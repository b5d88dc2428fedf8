import Crypto
import SIPCore

/// To tags for the final responses the proxy makes itself: a 407 challenge,
/// a 404, a 503. Each is a MAC of the request's Call-ID, From tag and CSeq
/// number under a key made at start-up, so the ACK for such a response is
/// known as ours without a table.
///
/// That ACK (RFC 3261 §17.1.1.3) is meant for the INVITE server transaction
/// that sent the response. When it arrives after that transaction ended
/// (a retransmitted response answered late, a busy machine), it matches
/// nothing and looks like the end-to-end ACK of a 2xx; forwarded, it reached
/// the callee, which never saw the challenge. It ends at the proxy instead.
struct SIPLocalReplyTags: Sendable {
    private let key = SymmetricKey(size: .bits128)

    /// The To tag for a response this proxy makes to `request`.
    func tag(for request: SIPRequest) -> String {
        let callID = (try? request.headers.callID()) ?? nil
        let fromTag = ((try? request.headers.from()) ?? nil)?.tag
        let sequence = ((try? request.headers.cseq()) ?? nil)?.sequence
        let text = "\(callID ?? "")\n\(fromTag ?? "")\n\(sequence.map(String.init) ?? "")"
        let mac = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key)
        return "p" + String(hexString(mac).prefix(20))
    }

    /// Whether `ack` acknowledges a response this proxy made itself.
    func acknowledgesLocalReply(_ ack: SIPRequest) -> Bool {
        guard let toTag = ((try? ack.headers.to()) ?? nil)?.tag else { return false }
        return toTag == tag(for: ack)
    }
}
