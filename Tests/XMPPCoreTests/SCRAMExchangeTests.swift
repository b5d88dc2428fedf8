import Testing
@testable import XMPPCore

/// The worked examples of RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256).
struct SCRAMExample: Sendable, CustomTestStringConvertible {
    var hash: SCRAMHashFunction
    var clientNonce: String
    var serverNonce: String
    var salt: String
    var clientFirst: String
    var serverFirst: String
    var clientFinal: String
    var serverFinal: String

    var testDescription: String { hash.mechanismName }

    static let rfc5802 = SCRAMExample(
        hash: .sha1,
        clientNonce: "fyko+d2lbbFgONRv9qkxdawL",
        serverNonce: "3rfcNHYJY1ZVvWVs7j",
        salt: "QSXCR+Q6sek8bf92",
        clientFirst: "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
        serverFirst: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
        clientFinal: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
        serverFinal: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ="
    )

    static let rfc7677 = SCRAMExample(
        hash: .sha256,
        clientNonce: "rOprNGfwEbeRWgbNEkqO",
        serverNonce: "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0",
        salt: "W22ZaJ0SNY7soEsUEjb6gQ==",
        clientFirst: "n,,n=user,r=rOprNGfwEbeRWgbNEkqO",
        serverFirst: "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096",
        clientFinal:
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
        serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="
    )

    func keys(password: String = "pencil") throws -> SCRAMSaltedKeys {
        let saltBytes = try #require(Base64.decode(salt))
        return try SCRAMSaltedKeys.derive(password: password, salt: saltBytes, iterations: 4096, hash: hash)
    }
}

func saslBytes(_ string: String) -> [UInt8] { Array(string.utf8) }
func saslString(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

@Suite("SCRAM exchanges (RFC 5802, RFC 7677)")
struct SCRAMExchangeTests {
    @Test(arguments: [SCRAMExample.rfc5802, .rfc7677])
    func clientProducesTheRFCMessages(example: SCRAMExample) throws {
        var client = SCRAMClientExchange(
            hash: example.hash, username: "user", password: "pencil", clientNonce: example.clientNonce)
        #expect(saslString(client.clientFirst()) == example.clientFirst)
        #expect(saslString(try client.receiveServerFirst(saslBytes(example.serverFirst))) == example.clientFinal)
        #expect(!client.isVerified)
        try client.receiveServerFinal(saslBytes(example.serverFinal))
        #expect(client.isVerified)
    }

    @Test(arguments: [SCRAMExample.rfc5802, .rfc7677])
    func serverProducesTheRFCMessages(example: SCRAMExample) throws {
        let keys = try example.keys()
        var server = SCRAMServerExchange(hash: example.hash, serverNonce: example.serverNonce)
        var askedFor: String?
        let serverFirst = try server.receiveClientFirst(saslBytes(example.clientFirst)) { name in
            askedFor = name
            return keys
        }
        #expect(askedFor == "user")
        #expect(saslString(serverFirst) == example.serverFirst)
        #expect(server.username == nil)
        #expect(saslString(try server.receiveClientFinal(saslBytes(example.clientFinal))) == example.serverFinal)
        #expect(server.username == "user")
        #expect(server.authorizationIdentity == nil)
    }

    @Test func mechanismNames() {
        #expect(SCRAMHashFunction.allCases.map(\.mechanismName) == ["SCRAM-SHA-1", "SCRAM-SHA-256"])
    }

    @Test(arguments: SCRAMHashFunction.allCases)
    func clientAndServerAgreeWithRandomNonces(hash: SCRAMHashFunction) throws {
        let keys = try SCRAMSaltedKeys.generate(password: "correct horse", hash: hash, iterations: 4096)
        #expect(keys.salt.count == 16)
        var client = SCRAMClientExchange(hash: hash, username: "juliet", password: "correct horse")
        var server = SCRAMServerExchange(hash: hash)
        let serverFirst = try server.receiveClientFirst(client.clientFirst()) { $0 == "juliet" ? keys : nil }
        let serverFinal = try server.receiveClientFinal(client.receiveServerFirst(serverFirst))
        try client.receiveServerFinal(serverFinal)
        #expect(client.isVerified)
        #expect(server.username == "juliet")
    }

    @Test func wrongPasswordIsNotAuthorized() throws {
        let example = SCRAMExample.rfc7677
        var client = SCRAMClientExchange(hash: .sha256, username: "user", password: "pencil2")
        var server = SCRAMServerExchange(hash: .sha256)
        let keys = try example.keys()
        let serverFirst = try server.receiveClientFirst(client.clientFirst()) { _ in keys }
        let clientFinal = try client.receiveServerFirst(serverFirst)
        #expect(throws: SCRAMError.invalidProof) { try server.receiveClientFinal(clientFinal) }
        #expect(SCRAMError.invalidProof.failureCondition == .notAuthorized)
        #expect(server.username == nil)
        // The exchange is over: nothing more is accepted.
        #expect(throws: SCRAMError.unexpectedMessage) { try server.receiveClientFinal(clientFinal) }
    }

    @Test func unknownUserLooksLikeAnyUserUntilTheEnd() throws {
        func serverFirst(for username: String) throws -> (SCRAMServerExchange, SCRAMClientExchange, String) {
            var client = SCRAMClientExchange(hash: .sha256, username: username, password: "pencil")
            var server = SCRAMServerExchange(hash: .sha256)
            let reply = try server.receiveClientFirst(client.clientFirst()) { _ in nil }
            return (server, client, saslString(reply))
        }
        var (server, client, first) = try serverFirst(for: "nobody")
        let (_, _, again) = try serverFirst(for: "nobody")
        let (_, _, other) = try serverFirst(for: "someone-else")

        func salt(_ message: String) -> String? {
            message.split(separator: ",").first { $0.hasPrefix("s=") }.map(String.init)
        }
        #expect(first.hasSuffix(",i=10000"))
        #expect(salt(first).flatMap { Base64.decode($0.dropFirst(2)) }?.count == 16)
        // A real user's salt never changes, so a made-up one must not either.
        #expect(salt(first) == salt(again))
        #expect(salt(first) != salt(other))

        let clientFinal = try client.receiveServerFirst(saslBytes(first))
        #expect(throws: SCRAMError.invalidProof) { try server.receiveClientFinal(clientFinal) }
    }

    @Test func keysForAnotherHashAreTreatedAsUnknownUser() throws {
        let sha1Keys = try SCRAMExample.rfc5802.keys()
        var client = SCRAMClientExchange(hash: .sha256, username: "user", password: "pencil")
        var server = SCRAMServerExchange(hash: .sha256)
        let serverFirst = try server.receiveClientFirst(client.clientFirst()) { _ in sha1Keys }
        #expect(!saslString(serverFirst).contains("s=QSXCR+Q6sek8bf92"))
        let clientFinal = try client.receiveServerFirst(serverFirst)
        #expect(throws: SCRAMError.invalidProof) { try server.receiveClientFinal(clientFinal) }
    }

    @Test func asynchronousLookupInTwoSteps() throws {
        let example = SCRAMExample.rfc5802
        var server = SCRAMServerExchange(hash: .sha1, serverNonce: example.serverNonce)
        #expect(try server.readClientFirst(saslBytes(example.clientFirst)) == "user")
        #expect(saslString(try server.serverFirst(keys: example.keys())) == example.serverFirst)
        #expect(saslString(try server.receiveClientFinal(saslBytes(example.clientFinal))) == example.serverFinal)
    }

    @Test func messagesOutOfOrderAreRefused() throws {
        var server = SCRAMServerExchange(hash: .sha1)
        #expect(throws: SCRAMError.unexpectedMessage) { try server.receiveClientFinal(saslBytes("c=biws,r=a,p=AAAA")) }
        var fresh = SCRAMServerExchange(hash: .sha1)
        #expect(throws: SCRAMError.unexpectedMessage) { try fresh.serverFirst(keys: nil) }

        var client = SCRAMClientExchange(hash: .sha1, username: "user", password: "pencil")
        #expect(throws: SCRAMError.unexpectedMessage) { try client.receiveServerFirst(saslBytes("r=a,s=QSXCR+Q6sek8bf92,i=4096")) }
        #expect(throws: SCRAMError.unexpectedMessage) { try client.receiveServerFinal(saslBytes("v=AAAA")) }
    }

    @Test func tamperedServerSignatureIsDetected() throws {
        let example = SCRAMExample.rfc5802
        var client = SCRAMClientExchange(hash: .sha1, username: "user", password: "pencil", clientNonce: example.clientNonce)
        _ = client.clientFirst()
        _ = try client.receiveServerFirst(saslBytes(example.serverFirst))
        #expect(throws: SCRAMError.serverSignatureMismatch) {
            try client.receiveServerFinal(saslBytes("v=rmF9pqV8S7suAoZWja4dJRkFsKA="))
        }
        #expect(!client.isVerified)
    }

    @Test func serverRefusalIsReported() throws {
        let example = SCRAMExample.rfc5802
        var client = SCRAMClientExchange(hash: .sha1, username: "user", password: "pencil", clientNonce: example.clientNonce)
        _ = client.clientFirst()
        _ = try client.receiveServerFirst(saslBytes(example.serverFirst))
        #expect(throws: SCRAMError.serverError("invalid-proof")) { try client.receiveServerFinal(saslBytes("e=invalid-proof")) }
    }

    @Test func authorizationIdentityAndYFlag() throws {
        // A client that supports channel binding but saw no -PLUS mechanism sends "y".
        let example = SCRAMExample.rfc5802
        let gs2 = "y,a=admin=2Cops@example.test,"
        let bare = "n=user,r=\(example.clientNonce)"
        var server = SCRAMServerExchange(hash: .sha1, serverNonce: example.serverNonce)
        let serverFirst = try server.receiveClientFirst(saslBytes(gs2 + bare)) { _ in try? example.keys() }
        let final = try clientFinal(gs2Header: gs2, bare: bare, serverFirst: serverFirst, password: "pencil", hash: .sha1)
        _ = try server.receiveClientFinal(final)
        #expect(server.username == "user")
        #expect(server.authorizationIdentity == "admin,ops@example.test")
    }

    @Test func escapedUsernameRoundTrips() throws {
        let keys = try SCRAMSaltedKeys.derive(password: "pw", salt: [1, 2, 3], iterations: 4096, hash: .sha1)
        var client = SCRAMClientExchange(hash: .sha1, username: "a,b=c", password: "pw", clientNonce: "abc")
        let first = client.clientFirst()
        #expect(saslString(first) == "n,,n=a=2Cb=3Dc,r=abc")
        var server = SCRAMServerExchange(hash: .sha1)
        var askedFor: String?
        let serverFirst = try server.receiveClientFirst(first) { name in
            askedFor = name
            return keys
        }
        #expect(askedFor == "a,b=c")
        _ = try server.receiveClientFinal(client.receiveServerFirst(serverFirst))
        #expect(server.username == "a,b=c")
    }

    @Test func usernameIsPreparedBeforeLookup() throws {
        var server = SCRAMServerExchange(hash: .sha1)
        // U+2168 ROMAN NUMERAL NINE normalizes to "IX"; a soft hyphen vanishes.
        #expect(try server.readClientFirst(saslBytes("n,,n=\u{2168}\u{AD}user,r=abc")) == "IXuser")
    }

    /// Builds client-final for any gs2 header, to exercise what our client never sends.
    private func clientFinal(
        gs2Header: String, bare: String, serverFirst: [UInt8], password: String, hash: SCRAMHashFunction
    ) throws -> [UInt8] {
        let serverText = saslString(serverFirst)
        let parts = serverText.split(separator: ",")
        let nonceField = try #require(parts.first { $0.hasPrefix("r=") })
        let saltField = try #require(parts.first { $0.hasPrefix("s=") })
        let iterationField = try #require(parts.first { $0.hasPrefix("i=") })
        let nonce = nonceField.dropFirst(2)
        let salt = try #require(Base64.decode(saltField.dropFirst(2)))
        let iterations = try #require(Int(iterationField.dropFirst(2)))
        let secrets = try SCRAMSecrets(password: password, salt: salt, iterations: iterations, hash: hash)
        let withoutProof = "c=\(Base64.encode(saslBytes(gs2Header))),r=\(nonce)"
        let authMessage = saslBytes("\(bare),\(serverText),\(withoutProof)")
        let signature = hash.hmac(key: hash.digest(secrets.clientKey), authMessage)
        let proof = zip(secrets.clientKey, signature).map { $0 ^ $1 }
        return saslBytes("\(withoutProof),p=\(Base64.encode(proof))")
    }
}
