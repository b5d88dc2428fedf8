import Crypto
import XMPPCore

/// The one service of the Communicator 2007 profile (§3.11, [SEED-1]): the
/// account's XMPP server. Its ID is a braced GUID derived from the domain, so
/// it is the same on every run and every machine.
enum PrimaryService {
    static let name = "Communicator"

    static func id(for account: JID) -> String {
        let digest = Array(SHA256.hash(data: Array(("communicator-service:" + account.domainpart).utf8)))
        let hex = digest.prefix(16).map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "{" + parts.joined(separator: "-") + "}"
    }
}
