import XMPPCore

/// Whether an iq result/error may answer a request we sent (RFC 6120 §8.1.2.1,
/// §10.3.3): the id must match (checked by the caller) and the reply must come
/// from where the request went, so that another entity cannot answer in its place.
enum IQReplyMatching {
    /// - Parameters:
    ///   - replyFrom: the reply's `from`, as received.
    ///   - requestTo: the request's `to`, as sent (nil: addressed to our own account).
    ///   - account: the JID the stream is bound to.
    static func isReply(from replyFrom: String?, toRequestAddressedTo requestTo: String?, account: JID) -> Bool {
        let from = replyFrom.flatMap { try? JID($0) }
        if replyFrom != nil && from == nil { return false }
        let to = requestTo.flatMap { try? JID($0) }

        // A request to our own account (no `to`, our bare JID or our own full JID)
        // is answered by the server on the account's behalf: no `from`, the bare
        // or full account JID; with no `to` at all, the server's domain too.
        let toAccount = requestTo == nil || to == account.bare || to == account
        if toAccount {
            guard let from else { return true }
            if from == account.bare || from == account { return true }
            return requestTo == nil && from.isDomain && from.domainpart == account.domainpart
        }
        guard let to else { return replyFrom == requestTo }
        return from == to
    }
}
