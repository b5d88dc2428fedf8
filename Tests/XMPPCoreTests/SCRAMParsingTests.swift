import Testing
@testable import XMPPCore

@Suite("SCRAM message parsing")
struct SCRAMParsingTests {
    // MARK: client-first, read by the server

    @Test(arguments: [
        ("", SCRAMError.malformedMessage("missing gs2 header")),
        ("n=user,r=abc", .malformedMessage("missing gs2 header")),
        ("x,,n=user,r=abc", .malformedMessage("invalid gs2 channel binding flag")),
        ("p=tls-unique,,n=user,r=abc", .channelBindingNotSupported),
        ("n,n=user,r=abc", .malformedMessage("invalid authzid")),
        ("n,,m=ext,n=user,r=abc", .extensionsNotSupported),
        ("n,,r=abc,n=user", .malformedMessage("expected attribute n")),
        ("n,,n=user", .malformedMessage("expected attribute r")),
        ("n,,n=user,r=", .malformedMessage("invalid nonce")),
        ("n,,n=user,r=a b", .malformedMessage("invalid nonce")),
        ("n,,n=user,r=abc\u{E9}", .malformedMessage("invalid nonce")),
        ("n,,n=user,r=abc,junk", .malformedMessage("malformed extension")),
        ("n,,n=user,r=abc,,", .malformedMessage("malformed extension")),
        ("n,,n=us\u{0}er,r=abc", .malformedMessage("contains NUL")),
        ("n,,n=,r=abc", .invalidUsernameEncoding),
        ("n,,n=us=2Xer,r=abc", .invalidUsernameEncoding),
        ("n,,n=user=,r=abc", .invalidUsernameEncoding),
        ("n,,n=user=2,r=abc", .invalidUsernameEncoding),
        ("n,,n=us=2cer,r=abc", .invalidUsernameEncoding),
        ("n,,n=us\u{7}er,r=abc", .saslprepFailed),
        ("n,,n=\u{AD},r=abc", .saslprepFailed),
    ])
    func serverRejectsMalformedClientFirst(message: String, expected: SCRAMError) {
        var server = SCRAMServerExchange(hash: .sha256)
        #expect(throws: expected) { try server.receiveClientFirst(saslBytes(message)) { _ in nil } }
    }

    @Test func serverRejectsInvalidUTF8() {
        var server = SCRAMServerExchange(hash: .sha256)
        #expect(throws: SCRAMError.malformedMessage("not UTF-8")) {
            try server.receiveClientFirst(saslBytes("n,,n=") + [0xC3, 0x28] + saslBytes(",r=abc")) { _ in nil }
        }
    }

    @Test func unknownExtensionsAfterTheNonceAreIgnored() throws {
        var server = SCRAMServerExchange(hash: .sha256)
        #expect(try server.readClientFirst(saslBytes("n,,n=user,r=abc,x=1,Y=two")) == "user")
    }

    @Test func usernameMayCarryAnyUnicode() throws {
        var server = SCRAMServerExchange(hash: .sha256)
        #expect(try server.readClientFirst(saslBytes("n,,n=r\u{E9}my,r=abc")) == "r\u{E9}my")
    }

    // MARK: client-final, read by the server

    private static let example = SCRAMExample.rfc5802
    private static let nonce = "fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j"
    private static let proof = "v0X8v3Bz2T0CJGbJQyF0X+HI4Ts="

    @Test(arguments: [
        ("c=biws,r=\(nonce)", SCRAMError.malformedMessage("expected attribute p")),
        ("c=biws,p=\(proof)", .malformedMessage("expected attribute r")),
        ("c=biws", .malformedMessage("missing proof")),
        ("p=\(proof)", .malformedMessage("missing proof")),
        ("r=\(nonce),c=biws,p=\(proof)", .malformedMessage("expected attribute c")),
        ("c=biws,r=\(nonce)X,p=\(proof)", .nonceMismatch),
        ("c=biws,r=fyko+d2lbbFgONRv9qkxdawL,p=\(proof)", .nonceMismatch),
        ("c=eSws,r=\(nonce),p=\(proof)", .malformedMessage("channel binding does not match gs2 header")),
        ("c=biws!,r=\(nonce),p=\(proof)", .malformedMessage("attribute c is not base64")),
        ("c=biws,r=\(nonce),p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts", .malformedMessage("attribute p is not base64")),
        ("c=biws,r=\(nonce),p=AAAA", .malformedMessage("proof length")),
        ("c=biws,r=\(nonce),p=\(proof),x=1", .malformedMessage("expected attribute p")),
        ("c=biws,r=\(nonce),m=1,p=\(proof)", .extensionsNotSupported),
        ("c=biws,r=\(nonce),p=v0X9v3Bz2T0CJGbJQyF0X+HI4Ts=", .invalidProof),
    ])
    func serverRejectsMalformedClientFinal(message: String, expected: SCRAMError) throws {
        var server = SCRAMServerExchange(hash: .sha1, serverNonce: Self.example.serverNonce)
        let keys = try Self.example.keys()
        _ = try server.receiveClientFirst(saslBytes(Self.example.clientFirst)) { _ in keys }
        #expect(throws: expected) { try server.receiveClientFinal(saslBytes(message)) }
        #expect(server.username == nil)
    }

    @Test func clientFinalMayCarryExtensionsBeforeTheProof() throws {
        // The extension is covered by the proof, so it must be part of AuthMessage:
        // we rebuild client-final the way a client with that extension would.
        let example = SCRAMExample.rfc5802
        var server = SCRAMServerExchange(hash: .sha1, serverNonce: example.serverNonce)
        let keys = try example.keys()
        let serverFirst = try server.receiveClientFirst(saslBytes(example.clientFirst)) { _ in keys }
        let withoutProof = "c=biws,r=\(Self.nonce),x=1"
        let salt = try #require(Base64.decode(example.salt))
        let secrets = try SCRAMSecrets(password: "pencil", salt: salt, iterations: 4096, hash: .sha1)
        let authMessage = saslBytes("n=user,r=\(example.clientNonce),") + serverFirst + saslBytes(",\(withoutProof)")
        let signature = SCRAMHashFunction.sha1.hmac(key: keys.storedKey, authMessage)
        let proof = zip(secrets.clientKey, signature).map { $0 ^ $1 }
        #expect(throws: Never.self) {
            try server.receiveClientFinal(saslBytes("\(withoutProof),p=\(Base64.encode(proof))"))
        }
        #expect(server.username == "user")
    }

    // MARK: server-first and server-final, read by the client

    private static let clientNonce = "fyko+d2lbbFgONRv9qkxdawL"

    @Test(arguments: [
        ("r=XXXX+d2lbbFgONRv9qkxdawL3rfc,s=QSXCR+Q6sek8bf92,i=4096", SCRAMError.nonceMismatch),
        ("r=\(clientNonce),s=QSXCR+Q6sek8bf92,i=4096", .nonceMismatch),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=4095", .iterationCountOutOfRange(4095)),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=1000001", .iterationCountOutOfRange(1_000_001)),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=99999999999999999999999", .iterationCountOutOfRange(Int.max)),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=0", .malformedMessage("invalid iteration count")),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=04096", .malformedMessage("invalid iteration count")),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=-4096", .malformedMessage("invalid iteration count")),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=", .malformedMessage("invalid iteration count")),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf9,i=4096", .malformedMessage("attribute s is not base64")),
        ("r=\(clientNonce)3rfc,s=,i=4096", .malformedMessage("empty salt")),
        ("r=\(clientNonce)3rfc,i=4096,s=QSXCR+Q6sek8bf92", .malformedMessage("expected attribute s")),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92", .malformedMessage("expected attribute i")),
        ("r=\(clientNonce)3 rfc,s=QSXCR+Q6sek8bf92,i=4096", .malformedMessage("invalid nonce")),
        ("m=x,r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=4096", .extensionsNotSupported),
        ("r=\(clientNonce)3rfc,s=QSXCR+Q6sek8bf92,i=4096,bad", .malformedMessage("malformed extension")),
    ])
    func clientRejectsMalformedServerFirst(message: String, expected: SCRAMError) {
        var client = SCRAMClientExchange(hash: .sha1, username: "user", password: "pencil", clientNonce: Self.clientNonce)
        _ = client.clientFirst()
        #expect(throws: expected) { try client.receiveServerFirst(saslBytes(message)) }
    }

    @Test(arguments: [
        ("", SCRAMError.malformedMessage("expected attribute v")),
        ("x=1", .malformedMessage("expected attribute v")),
        ("v=rmF9pqV8S7suAoZWja4dJRkFsKQ", .malformedMessage("attribute v is not base64")),
        ("v=", .serverSignatureMismatch),
        ("e=other-error", .serverError("other-error")),
    ])
    func clientRejectsBadServerFinal(message: String, expected: SCRAMError) throws {
        let example = SCRAMExample.rfc5802
        var client = SCRAMClientExchange(hash: .sha1, username: "user", password: "pencil", clientNonce: example.clientNonce)
        _ = client.clientFirst()
        _ = try client.receiveServerFirst(saslBytes(example.serverFirst))
        #expect(throws: expected) { try client.receiveServerFinal(saslBytes(message)) }
        #expect(!client.isVerified)
    }

    // MARK: username escaping

    @Test(arguments: [
        ("user", "user"),
        ("a,b", "a=2Cb"),
        ("a=b", "a=3Db"),
        ("=,=", "=3D=2C=3D"),
        ("r\u{E9}my", "r\u{E9}my"),
    ])
    func usernameEscaping(name: String, escaped: String) throws {
        #expect(SCRAMSyntax.escape(name) == escaped)
        #expect(try SCRAMSyntax.unescape(saslBytes(escaped)[...]) == name)
    }

    @Test(arguments: ["", "=", "a=", "a=2", "a=2c", "a=3d", "a==3D", "a=41"])
    func invalidEscapesAreRejected(escaped: String) {
        #expect(throws: SCRAMError.invalidUsernameEncoding) { try SCRAMSyntax.unescape(saslBytes(escaped)[...]) }
    }
}
