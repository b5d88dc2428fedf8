import SIPCore

/// Who the user agent registers and calls as: the address of record and the
/// digest credentials the registrar and proxy challenge for.
public struct SIPAccount: Sendable, Hashable {
    /// `sip:alice@example.test`: To/From of our requests; its host is the domain.
    public var addressOfRecord: SIPURI
    /// The digest user name (the localpart).
    public var username: String
    public var password: String
    /// Written into From so the callee sees a name.
    public var displayName: String?

    public init(addressOfRecord: SIPURI, username: String, password: String, displayName: String? = nil) {
        self.addressOfRecord = addressOfRecord
        self.username = username
        self.password = password
        self.displayName = displayName
    }
}
