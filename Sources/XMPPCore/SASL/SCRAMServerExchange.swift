/// The server side of one SCRAM exchange (RFC 5802 §5), without channel
/// binding: the client's gs2 flag must be "n" or "y"; "p" is refused.
///
/// Flow: `receiveClientFirst` (or `readClientFirst` + `serverFirst` when the
/// credential lookup is asynchronous) returns the server-first message;
/// `receiveClientFinal` verifies the proof and returns the server-final
/// message. Any error ends the exchange.
public struct SCRAMServerExchange: Sendable {
    public let hash: SCRAMHashFunction
    private let serverNonce: String
    private var state: State

    private enum State: Sendable {
        case awaitingClientFirst
        case awaitingKeys(ClientFirst)
        case awaitingClientFinal(ClientFirst, keys: SCRAMSaltedKeys, isKnownUser: Bool, serverFirst: [UInt8])
        case succeeded(username: String, authorizationIdentity: String?)
        case failed
    }

    private struct ClientFirst: Sendable {
        var gs2Header: ArraySlice<UInt8>
        var bare: ArraySlice<UInt8>
        var username: String
        var authorizationIdentity: String?
        var clientNonce: String
    }

    /// `serverNonce` is for tests; it must be printable ASCII without ",".
    /// When nil, 24 random bytes in base64 are used.
    public init(hash: SCRAMHashFunction, serverNonce: String? = nil) {
        self.hash = hash
        if let serverNonce {
            precondition(SCRAMSyntax.isValidNonce(Array(serverNonce.utf8)[...]), "server nonce must be printable")
            self.serverNonce = serverNonce
        } else {
            self.serverNonce = randomNonce()
        }
        state = .awaitingClientFirst
    }

    /// The authenticated username (SASLprep'd), once the proof has verified.
    public var username: String? {
        if case .succeeded(let username, _) = state { username } else { nil }
    }

    /// The authorization identity the client asked for ("a=…"), once the proof has verified.
    public var authorizationIdentity: String? {
        if case .succeeded(_, let authorizationIdentity) = state { authorizationIdentity } else { nil }
    }

    /// Reads client-first and answers with server-first. `keys` gives the
    /// stored keys for the (unescaped, SASLprep'd) username, or nil when
    /// there is no such user.
    public mutating func receiveClientFirst(
        _ message: [UInt8], keys: (String) -> SCRAMSaltedKeys?
    ) throws(SCRAMError) -> [UInt8] {
        let username = try readClientFirst(message)
        return try serverFirst(keys: keys(username))
    }

    /// First half of `receiveClientFirst`: parses client-first and returns
    /// the username whose keys `serverFirst(keys:)` needs.
    public mutating func readClientFirst(_ message: [UInt8]) throws(SCRAMError) -> String {
        guard case .awaitingClientFirst = state else { throw fail(.unexpectedMessage) }
        do throws(SCRAMError) {
            let clientFirst = try Self.parseClientFirst(message)
            state = .awaitingKeys(clientFirst)
            return clientFirst.username
        } catch {
            throw fail(error)
        }
    }

    /// Second half of `receiveClientFirst`: the server-first message. For an
    /// unknown user (nil, or keys for another hash) the exchange goes on with
    /// made-up keys, so that the reply looks like any other and the failure
    /// only shows at the end, as a wrong password would.
    public mutating func serverFirst(keys: SCRAMSaltedKeys?) throws(SCRAMError) -> [UInt8] {
        guard case .awaitingKeys(let clientFirst) = state else { throw fail(.unexpectedMessage) }
        let known = keys.flatMap { $0.hash == hash ? $0 : nil }
        let effectiveKeys = known ?? FakeCredentials.keys(for: clientFirst.username, hash: hash)
        let nonce = clientFirst.clientNonce + serverNonce
        let salt = Base64.encode(effectiveKeys.salt)
        let message = Array("r=\(nonce),s=\(salt),i=\(effectiveKeys.iterations)".utf8)
        state = .awaitingClientFinal(clientFirst, keys: effectiveKeys, isKnownUser: known != nil, serverFirst: message)
        return message
    }

    /// Reads client-final, checks the channel binding, nonce and proof, and
    /// returns server-final ("v=…"). A wrong password or unknown user throws
    /// `SCRAMError.invalidProof`.
    public mutating func receiveClientFinal(_ message: [UInt8]) throws(SCRAMError) -> [UInt8] {
        guard case .awaitingClientFinal(let clientFirst, let keys, let isKnownUser, let serverFirst) = state else {
            throw fail(.unexpectedMessage)
        }
        do throws(SCRAMError) {
            let text = try SCRAMSyntax.validatedText(message)
            guard let lastComma = text.lastIndex(of: SCRAMSyntax.comma) else {
                throw SCRAMError.malformedMessage("missing proof")
            }
            // The proof comes last and is not part of AuthMessage.
            var proofReader = SCRAMAttributeReader(text[(lastComma + 1)...])
            let proof = try proofReader.readBase64("p")
            try proofReader.expectEnd()
            guard proof.count == hash.outputByteCount else { throw SCRAMError.malformedMessage("proof length") }

            let withoutProof = text[..<lastComma]
            var reader = SCRAMAttributeReader(withoutProof)
            guard try reader.readBase64("c") == Array(clientFirst.gs2Header) else {
                throw SCRAMError.malformedMessage("channel binding does not match gs2 header")
            }
            guard String(decoding: try reader.read("r"), as: UTF8.self) == clientFirst.clientNonce + serverNonce else {
                throw SCRAMError.nonceMismatch
            }
            try reader.skipExtensions()

            let authMessage = Array(clientFirst.bare) + [SCRAMSyntax.comma] + serverFirst + [SCRAMSyntax.comma]
                + Array(withoutProof)
            let clientSignature = hash.hmac(key: keys.storedKey, authMessage)
            let clientKey = zip(proof, clientSignature).map { $0 ^ $1 }
            // Evaluate the comparison even for unknown users, so both paths do the same work.
            let proofMatches = constantTimeEquals(hash.digest(clientKey), keys.storedKey)
            guard proofMatches && isKnownUser else { throw SCRAMError.invalidProof }

            let serverSignature = hash.hmac(key: keys.serverKey, authMessage)
            state = .succeeded(username: clientFirst.username, authorizationIdentity: clientFirst.authorizationIdentity)
            return Array("v=\(Base64.encode(serverSignature))".utf8)
        } catch {
            throw fail(error)
        }
    }

    private mutating func fail(_ error: SCRAMError) -> SCRAMError {
        state = .failed
        return error
    }

    /// client-first-message = gs2-header client-first-message-bare (RFC 5802 §7).
    private static func parseClientFirst(_ message: [UInt8]) throws(SCRAMError) -> ClientFirst {
        let text = try SCRAMSyntax.validatedText(message)
        let commas = text.indices.filter { text[$0] == SCRAMSyntax.comma }.prefix(2)
        guard commas.count == 2, let flagEnd = commas.first, let headerEnd = commas.last else {
            throw .malformedMessage("missing gs2 header")
        }
        let flag = text[..<flagEnd]
        switch String(decoding: flag, as: UTF8.self) {
        case "n", "y": break
        case let other where other.hasPrefix("p="): throw .channelBindingNotSupported
        default: throw .malformedMessage("invalid gs2 channel binding flag")
        }

        let authzidField = text[(flagEnd + 1)..<headerEnd]
        var authorizationIdentity: String?
        if !authzidField.isEmpty {
            guard authzidField.starts(with: Array("a=".utf8)) else { throw .malformedMessage("invalid authzid") }
            authorizationIdentity = try SCRAMSyntax.unescape(authzidField.dropFirst(2))
        }

        let bare = text[(headerEnd + 1)...]
        var reader = SCRAMAttributeReader(bare)
        if reader.nextName == "m" { throw .extensionsNotSupported }
        let username = try SASLprep.prepare(try SCRAMSyntax.unescape(reader.read("n")))
        let nonce = try reader.read("r")
        guard SCRAMSyntax.isValidNonce(nonce) else { throw .malformedMessage("invalid nonce") }
        try reader.skipExtensions()

        return ClientFirst(
            gs2Header: text[...headerEnd], bare: bare, username: username,
            authorizationIdentity: authorizationIdentity, clientNonce: String(decoding: nonce, as: UTF8.self))
    }
}

/// Stand-in credentials for usernames that do not exist. The salt is keyed
/// on the username with a per-process secret, so asking twice for the same
/// unknown user gives the same salt, as it would for a real one.
enum FakeCredentials {
    private static let secret: [UInt8] = randomBytes(32)

    static func keys(for username: String, hash: SCRAMHashFunction) -> SCRAMSaltedKeys {
        let keyedName = SCRAMHashFunction.sha256.hmac(key: secret, Array(username.utf8))
        let salt = Array(keyedName.prefix(SCRAMSaltedKeys.defaultSaltByteCount))
        return SCRAMSaltedKeys(
            hash: hash, salt: salt, iterations: SCRAMSaltedKeys.defaultIterations,
            storedKey: randomBytes(hash.outputByteCount), serverKey: randomBytes(hash.outputByteCount))
    }
}
