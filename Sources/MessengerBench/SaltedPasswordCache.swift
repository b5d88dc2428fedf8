import NIOConcurrencyHelpers
import XMPPCore

/// SaltedPasswords learnt in this run, per user: PBKDF2 (4096 rounds and
/// more) is computed once per user, not once per login, so the login storm
/// measures the server rather than the bench's own SCRAM arithmetic.
final class SaltedPasswordCache: Sendable {
    private let entries = NIOLockedValueBox<[String: SCRAMSaltedPassword]>([:])

    subscript(user: String) -> SCRAMSaltedPassword? {
        entries.withLockedValue { $0[user] }
    }

    func store(_ salted: SCRAMSaltedPassword, for user: String) {
        entries.withLockedValue { $0[user] = salted }
    }
}
