/// Why a SCRAM exchange (or SASL PLAIN message) was refused.
public enum SCRAMError: Error, Sendable, Hashable {
    /// The message does not follow the RFC 5802 §7 grammar; the string says which part.
    case malformedMessage(String)
    /// The client asked for channel binding ("p=…"), which we do not offer.
    case channelBindingNotSupported
    /// The peer sent the reserved mandatory-extension attribute "m=".
    case extensionsNotSupported
    /// The server's nonce does not extend ours, or the client echoed a different nonce.
    case nonceMismatch
    /// Wrong password or unknown user: the client proof did not verify.
    case invalidProof
    /// The server asked for an iteration count outside what we accept.
    case iterationCountOutOfRange(Int)
    /// The server could not prove it knows the password.
    case serverSignatureMismatch
    /// The server ended the exchange with "e=…"; the value is its error name.
    case serverError(String)
    /// A username with "=" not followed by "2C" or "3D", or otherwise unusable.
    case invalidUsernameEncoding
    /// A username or password contains characters SASLprep prohibits.
    case saslprepFailed
    /// A message arrived when the exchange was not waiting for it.
    case unexpectedMessage
    /// The client holds only a SaltedPassword, and the server asked for a
    /// different salt or iteration count (the password was changed or rehashed).
    case saltedPasswordOutdated

    /// The RFC 6120 §6.5 `<failure/>` condition a server reports for this error.
    public var failureCondition: SASLFailureCondition {
        switch self {
        case .invalidProof, .saslprepFailed, .serverSignatureMismatch, .serverError, .saltedPasswordOutdated:
            .notAuthorized
        case .malformedMessage, .invalidUsernameEncoding, .channelBindingNotSupported, .extensionsNotSupported,
            .nonceMismatch, .iterationCountOutOfRange, .unexpectedMessage:
            .malformedRequest
        }
    }
}

/// The conditions of a SASL `<failure/>` element (RFC 6120 §6.5); the raw value is the element name.
public enum SASLFailureCondition: String, Sendable, CaseIterable {
    case aborted
    case accountDisabled = "account-disabled"
    case credentialsExpired = "credentials-expired"
    case encryptionRequired = "encryption-required"
    case incorrectEncoding = "incorrect-encoding"
    case invalidAuthzid = "invalid-authzid"
    case invalidMechanism = "invalid-mechanism"
    case malformedRequest = "malformed-request"
    case mechanismTooWeak = "mechanism-too-weak"
    case notAuthorized = "not-authorized"
    case temporaryAuthFailure = "temporary-auth-failure"
}
