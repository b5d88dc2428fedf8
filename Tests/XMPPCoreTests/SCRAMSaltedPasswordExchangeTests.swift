import Testing
@testable import XMPPCore

/// Signing in with a SaltedPassword kept from an earlier exchange instead of the password.
@Suite("SCRAM with a stored SaltedPassword")
struct SCRAMSaltedPasswordExchangeTests {
    /// Runs the RFC example with the password and returns what the client learnt.
    private func learn(_ example: SCRAMExample) throws -> SCRAMSaltedPassword {
        var client = SCRAMClientExchange(
            hash: example.hash, username: "user", password: "pencil", clientNonce: example.clientNonce)
        _ = client.clientFirst()
        _ = try client.receiveServerFirst(saslBytes(example.serverFirst))
        #expect(client.verifiedSaltedPassword == nil, "nothing is learnt before the server proves itself")
        try client.receiveServerFinal(saslBytes(example.serverFinal))
        return try #require(client.verifiedSaltedPassword)
    }

    @Test(arguments: [SCRAMExample.rfc5802, .rfc7677])
    func learntSaltedPasswordProducesTheSameProof(example: SCRAMExample) throws {
        let learnt = try learn(example)
        #expect(learnt.salt == Base64.decode(example.salt))
        #expect(learnt.iterations == 4096)
        #expect(learnt.saltedPassword.count == example.hash.outputByteCount)

        var client = SCRAMClientExchange(
            hash: example.hash, username: "user", credential: .saltedPassword(learnt), clientNonce: example.clientNonce)
        #expect(saslString(client.clientFirst()) == example.clientFirst)
        #expect(saslString(try client.receiveServerFirst(saslBytes(example.serverFirst))) == example.clientFinal)
        try client.receiveServerFinal(saslBytes(example.serverFinal))
        #expect(client.isVerified)
    }

    @Test(arguments: [
        ("a different salt", "s=QSXCR+Q6sek8bf93,i=4096"),
        ("a different iteration count", "s=QSXCR+Q6sek8bf92,i=8192"),
    ])
    func changedSaltOrIterationsIsRefused(change: String, saltAndCount: String) throws {
        let example = SCRAMExample.rfc5802
        let learnt = try learn(example)
        var client = SCRAMClientExchange(
            hash: example.hash, username: "user", credential: .saltedPassword(learnt), clientNonce: example.clientNonce)
        _ = client.clientFirst()
        let serverFirst = "r=\(example.clientNonce)\(example.serverNonce),\(saltAndCount)"
        #expect(throws: SCRAMError.saltedPasswordOutdated) {
            _ = try client.receiveServerFirst(saslBytes(serverFirst))
        }
        #expect(!client.isVerified)
        #expect(client.verifiedSaltedPassword == nil)
    }

    @Test func aWrongSaltedPasswordFailsAtTheServerSignature() throws {
        let example = SCRAMExample.rfc7677
        var learnt = try learn(example)
        learnt.saltedPassword[0] ^= 0xFF
        var client = SCRAMClientExchange(
            hash: example.hash, username: "user", credential: .saltedPassword(learnt), clientNonce: example.clientNonce)
        _ = client.clientFirst()
        #expect(saslString(try client.receiveServerFirst(saslBytes(example.serverFirst))) != example.clientFinal)
        #expect(throws: SCRAMError.serverSignatureMismatch) {
            try client.receiveServerFinal(saslBytes(example.serverFinal))
        }
    }
}
