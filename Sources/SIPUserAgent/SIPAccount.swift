import SIPCore

/// Who the user agent registers and calls as: the address of record and the
/// digest credentials the registrar and proxy challenge for.
public struct SIPAccount: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// `sip:alice@example.test`: To/From of our requests; its host is the domain.
    public var addressOfRecord: SIPURI
    /// The digest user name (the localpart).
    public var username: String
    public var password: String
    /// HA1 kept instead of the password (a client that stores no password);
    /// used when a challenge's realm is the secret's.
    public var secret: DigestSecret?
    /// Written into From so the callee sees a name.
    public var displayName: String?

    public init(addressOfRecord: SIPURI, username: String, password: String, displayName: String? = nil) {
        self.addressOfRecord = addressOfRecord
        self.username = username
        self.password = password
        self.displayName = displayName
    }

    /// Never the password or the secret, so an account can be logged.
    public var description: String { "\(addressOfRecord) (user \(username))" }
    public var debugDescription: String { description }

    /// An account that answers challenges with a stored HA1 and has no password.
    public init(addressOfRecord: SIPURI, username: String, secret: DigestSecret, displayName: String? = nil) {
        self.init(addressOfRecord: addressOfRecord, username: username, password: "", displayName: displayName)
        self.secret = secret
    }
}
