/// The client side of one SCRAM exchange (RFC 5802 §5), without channel
/// binding (gs2 header "n,,").
///
/// Flow: `clientFirst()`, then `receiveServerFirst` returns client-final,
/// then `receiveServerFinal` checks that the server knew the password too.
/// Any error ends the exchange.
public struct SCRAMClientExchange: Sendable {
    /// Iteration counts we accept from a server: fewer than RFC 7677's 4096
    /// makes the stored keys cheap to attack, more than a million would let
    /// a server make us compute for minutes.
    public static let acceptedIterations = 4096...1_000_000

    /// What the client proves itself with.
    public enum Credential: Sendable, Hashable {
        case password(String)
        /// A SaltedPassword learnt in an earlier exchange; usable only while
        /// the server still asks for the same salt and iteration count.
        case saltedPassword(SCRAMSaltedPassword)
    }

    public let hash: SCRAMHashFunction
    private let username: String
    private let credential: Credential
    private let clientNonce: String
    private var state: State

    private enum State: Sendable {
        case initial
        case sentClientFirst(bare: [UInt8])
        case sentClientFinal(serverSignature: [UInt8], salted: SCRAMSaltedPassword)
        case verified(SCRAMSaltedPassword)
        case failed
    }

    private static let gs2Header = "n,,"

    /// `clientNonce` is for tests; it must be printable ASCII without ",".
    /// When nil, 24 random bytes in base64 are used.
    public init(hash: SCRAMHashFunction, username: String, password: String, clientNonce: String? = nil) {
        self.init(hash: hash, username: username, credential: .password(password), clientNonce: clientNonce)
    }

    public init(hash: SCRAMHashFunction, username: String, credential: Credential, clientNonce: String? = nil) {
        if let clientNonce {
            precondition(SCRAMSyntax.isValidNonce(Array(clientNonce.utf8)[...]), "client nonce must be printable")
        }
        self.hash = hash
        self.username = username
        self.credential = credential
        self.clientNonce = clientNonce ?? randomNonce()
        state = .initial
    }

    /// True once the server's signature has verified.
    public var isVerified: Bool {
        if case .verified = state { true } else { false }
    }

    /// The SaltedPassword for the server's salt and iteration count, once the
    /// server has proved it knows the password: what a client may keep
    /// instead of the password for its next sign-in.
    public var verifiedSaltedPassword: SCRAMSaltedPassword? {
        if case .verified(let salted) = state { salted } else { nil }
    }

    /// The client-first message ("n,,n=user,r=nonce"). Calling it again
    /// restarts the exchange. The username is SASLprep'd when possible; one
    /// SASLprep rejects is sent as given and the server will refuse it.
    public mutating func clientFirst() -> [UInt8] {
        let prepared = (try? SASLprep.prepare(username)) ?? username
        let bare = Array("n=\(SCRAMSyntax.escape(prepared)),r=\(clientNonce)".utf8)
        state = .sentClientFirst(bare: bare)
        return Array(Self.gs2Header.utf8) + bare
    }

    /// Reads server-first and returns client-final with the proof.
    public mutating func receiveServerFirst(_ message: [UInt8]) throws(SCRAMError) -> [UInt8] {
        guard case .sentClientFirst(let clientFirstBare) = state else { throw fail(.unexpectedMessage) }
        do throws(SCRAMError) {
            let text = try SCRAMSyntax.validatedText(message)
            var reader = SCRAMAttributeReader(text[...])
            if reader.nextName == "m" { throw SCRAMError.extensionsNotSupported }
            let nonce = try reader.read("r")
            guard SCRAMSyntax.isValidNonce(nonce) else { throw SCRAMError.malformedMessage("invalid nonce") }
            // The server must extend our nonce with its own part.
            guard nonce.count > clientNonce.utf8.count, nonce.starts(with: clientNonce.utf8) else {
                throw SCRAMError.nonceMismatch
            }
            let salt = try reader.readBase64("s")
            guard !salt.isEmpty else { throw SCRAMError.malformedMessage("empty salt") }
            let iterations = try Self.parseIterationCount(reader.read("i"))
            try reader.skipExtensions()
            guard Self.acceptedIterations.contains(iterations) else {
                throw SCRAMError.iterationCountOutOfRange(iterations)
            }

            let secrets: SCRAMSecrets
            switch credential {
            case .password(let password):
                secrets = try SCRAMSecrets(password: password, salt: salt, iterations: iterations, hash: hash)
            case .saltedPassword(let stored):
                guard stored.salt == salt, stored.iterations == iterations else { throw SCRAMError.saltedPasswordOutdated }
                secrets = SCRAMSecrets(saltedPassword: stored.saltedPassword, hash: hash)
            }
            let salted = SCRAMSaltedPassword(salt: salt, iterations: iterations, saltedPassword: secrets.saltedPassword)
            let withoutProof = Array("c=\(Base64.encode(Array(Self.gs2Header.utf8))),r=".utf8) + Array(nonce)
            let authMessage = clientFirstBare + [SCRAMSyntax.comma] + text + [SCRAMSyntax.comma] + withoutProof
            let clientSignature = hash.hmac(key: hash.digest(secrets.clientKey), authMessage)
            let proof = zip(secrets.clientKey, clientSignature).map { $0 ^ $1 }
            let serverSignature = hash.hmac(key: secrets.serverKey, authMessage)

            state = .sentClientFinal(serverSignature: serverSignature, salted: salted)
            return withoutProof + Array(",p=\(Base64.encode(proof))".utf8)
        } catch {
            throw fail(error)
        }
    }

    /// Reads server-final: "v=…" must carry the expected server signature;
    /// "e=…" is the server's refusal.
    public mutating func receiveServerFinal(_ message: [UInt8]) throws(SCRAMError) {
        guard case .sentClientFinal(let expectedSignature, let salted) = state else { throw fail(.unexpectedMessage) }
        do throws(SCRAMError) {
            let text = try SCRAMSyntax.validatedText(message)
            var reader = SCRAMAttributeReader(text[...])
            if reader.nextName == "e" {
                throw SCRAMError.serverError(String(decoding: try reader.read("e"), as: UTF8.self))
            }
            let signature = try reader.readBase64("v")
            try reader.skipExtensions()
            guard constantTimeEquals(signature, expectedSignature) else { throw SCRAMError.serverSignatureMismatch }
            state = .verified(salted)
        } catch {
            throw fail(error)
        }
    }

    private mutating func fail(_ error: SCRAMError) -> SCRAMError {
        state = .failed
        return error
    }

    /// `posit-number = %x31-39 *DIGIT`; a number too large for `Int` is out of range.
    private static func parseIterationCount(_ value: ArraySlice<UInt8>) throws(SCRAMError) -> Int {
        guard let first = value.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first),
            value.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else { throw .malformedMessage("invalid iteration count") }
        return Int(String(decoding: value, as: UTF8.self)) ?? .max
    }
}
