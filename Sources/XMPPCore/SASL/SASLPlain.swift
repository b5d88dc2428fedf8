/// SASL PLAIN (RFC 4616): `[authzid] NUL authcid NUL passwd`, only ever
/// offered inside TLS.
public enum SASLPlain {
    /// Longest message we read; real credentials are far shorter.
    public static let maximumMessageByteCount = 1024

    public enum ParseError: Error, Sendable, Hashable {
        case tooLong
        case notUTF8
        /// Not exactly two NUL separators.
        case malformed
        case emptyAuthcid
        case emptyPassword
        /// The authcid contains characters SASLprep prohibits.
        case saslprepFailed

        /// The RFC 6120 §6.5 `<failure/>` condition a server reports for this error.
        public var failureCondition: SASLFailureCondition {
            switch self {
            case .notUTF8: .incorrectEncoding
            case .saslprepFailed: .notAuthorized
            case .tooLong, .malformed, .emptyAuthcid, .emptyPassword: .malformedRequest
            }
        }
    }

    /// Splits a PLAIN message. The authcid comes back SASLprep'd (as SCRAM
    /// usernames do); the password comes back as sent, for
    /// `SCRAMSaltedKeys.matches(password:)`, which prepares it itself.
    /// An empty authzid is nil.
    public static func parse(
        _ message: [UInt8]
    ) throws(ParseError) -> (authzid: String?, authcid: String, password: String) {
        guard message.count <= maximumMessageByteCount else { throw .tooLong }
        guard String(validating: message, as: UTF8.self) != nil else { throw .notUTF8 }
        let fields = message.split(separator: 0, omittingEmptySubsequences: false)
        guard fields.count == 3 else { throw .malformed }
        guard !fields[1].isEmpty else { throw .emptyAuthcid }
        guard !fields[2].isEmpty else { throw .emptyPassword }

        let authcid: String
        do {
            authcid = try SASLprep.prepare(String(decoding: fields[1], as: UTF8.self))
        } catch {
            throw .saslprepFailed
        }
        let authzid = fields[0].isEmpty ? nil : String(decoding: fields[0], as: UTF8.self)
        return (authzid, authcid, String(decoding: fields[2], as: UTF8.self))
    }

    /// The message a client sends.
    public static func message(authzid: String? = nil, authcid: String, password: String) -> [UInt8] {
        Array((authzid ?? "").utf8) + [0] + Array(authcid.utf8) + [0] + Array(password.utf8)
    }
}
