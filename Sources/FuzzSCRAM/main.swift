// libFuzzer target for SASL: both sides of a SCRAM exchange and the PLAIN
// message parser. A hostile client attacks the server's side, a hostile
// server attacks the client's. Input layout: the first byte chooses what is
// attacked; the rest is split at the first NUL into the peer's two messages.
// Build and run with scripts/fuzz.sh scram; a normal build compiles only the
// message below.
#if FUZZING
import FuzzDriver
import XMPPCore

/// Fixed nonces and a known account, so the seed corpus can hold a complete,
/// valid exchange from which the fuzzer mutates.
enum Fixture {
    static let clientNonce = "fyko+d2lbbFgONRv9qkxdawL"
    static let serverNonce = "3rfcNHYJY1ZVvWVs7j"
    static let salt = Array("QSXCR+Q6sek8bf92".utf8)
    static let password = "pencil"

    static let keys: [SCRAMHashFunction: SCRAMSaltedKeys] = Dictionary(
        uniqueKeysWithValues: SCRAMHashFunction.allCases.compactMap { hash in
            (try? SCRAMSaltedKeys.derive(password: password, salt: salt, iterations: 4096, hash: hash)).map { (hash, $0) }
        })

    /// What a client keeps after a verified exchange: lets the client side
    /// run without computing PBKDF2 for every input.
    static let saltedPasswords: [SCRAMHashFunction: SCRAMSaltedPassword] = Dictionary(
        uniqueKeysWithValues: SCRAMHashFunction.allCases.compactMap { hash in
            honestExchange(hash).map { (hash, $0) }
        })

    private static func honestExchange(_ hash: SCRAMHashFunction) -> SCRAMSaltedPassword? {
        var client = SCRAMClientExchange(hash: hash, username: "user", password: password, clientNonce: clientNonce)
        var server = SCRAMServerExchange(hash: hash, serverNonce: serverNonce)
        guard let serverFirst = try? server.receiveClientFirst(client.clientFirst(), keys: { _ in keys[hash] }),
            let clientFinal = try? client.receiveServerFirst(serverFirst),
            let serverFinal = try? server.receiveClientFinal(clientFinal),
            (try? client.receiveServerFinal(serverFinal)) != nil
        else { return nil }
        return client.verifiedSaltedPassword
    }
}

runFuzzer { input in
    guard let selector = input.first else { return }
    let rest = input.dropFirst()
    let split = rest.firstIndex(of: 0) ?? rest.endIndex
    let first = Array(rest[..<split])
    let second = split < rest.endIndex ? Array(rest[(split + 1)...]) : []
    let hash: SCRAMHashFunction = selector & 1 == 0 ? .sha1 : .sha256

    switch selector >> 1 & 3 {
    case 0:
        // The server facing a hostile client; the proof must never verify by accident.
        var server = SCRAMServerExchange(hash: hash, serverNonce: Fixture.serverNonce)
        guard (try? server.receiveClientFirst(first, keys: { $0 == "user" ? Fixture.keys[hash] : nil })) != nil else { return }
        if (try? server.receiveClientFinal(second)) != nil, server.username != "user" {
            fatalError("a proof verified for an account without keys")
        }
    case 1:
        // The client facing a hostile server, with a kept SaltedPassword.
        guard let salted = Fixture.saltedPasswords[hash] else { return }
        var client = SCRAMClientExchange(
            hash: hash, username: "user", credential: .saltedPassword(salted), clientNonce: Fixture.clientNonce)
        _ = client.clientFirst()
        guard (try? client.receiveServerFirst(first)) != nil else { return }
        _ = try? client.receiveServerFinal(second)
    default:
        // PLAIN's fields are NUL-separated: the whole rest is one message.
        _ = try? SASLPlain.parse(Array(rest))
    }
}
#else
print("FuzzSCRAM is a libFuzzer target: run scripts/fuzz.sh scram")
#endif
