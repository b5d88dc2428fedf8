import XMPPCore

/// The client side of SASL for the bench: SCRAM-SHA-256, then SCRAM-SHA-1,
/// then PLAIN (inside TLS only). SCRAM starts from a cached SaltedPassword
/// when there is one and falls back to the password if the server's salt
/// changed.
struct SASLClient {
    let mechanism: String
    let initialResponse: [UInt8]
    private var scram: SCRAMClientExchange?
    private let username: String
    private let password: String
    private let nonce: String

    init?(offered: [String], encrypted: Bool, username: String, password: String, cached: SCRAMSaltedPassword?) {
        self.username = username
        self.password = password
        nonce = Base64.encode((0..<18).map { _ in UInt8.random(in: 0...255) })
        let hash: SCRAMHashFunction? =
            offered.contains(SCRAMHashFunction.sha256.mechanismName) ? .sha256
            : offered.contains(SCRAMHashFunction.sha1.mechanismName) ? .sha1 : nil
        if let hash {
            let credential: SCRAMClientExchange.Credential = cached.map { .saltedPassword($0) } ?? .password(password)
            var exchange = SCRAMClientExchange(hash: hash, username: username, credential: credential, clientNonce: nonce)
            mechanism = hash.mechanismName
            initialResponse = exchange.clientFirst()
            scram = exchange
        } else if encrypted, offered.contains("PLAIN") {
            mechanism = "PLAIN"
            initialResponse = [0] + Array(username.utf8) + [0] + Array(password.utf8)
            scram = nil
        } else {
            return nil
        }
    }

    /// The response to a server challenge (SCRAM server-first).
    mutating func challenge(_ payload: [UInt8]) throws(SCRAMError) -> [UInt8] {
        guard var exchange = scram else { throw .unexpectedMessage }
        do throws(SCRAMError) {
            let response = try exchange.receiveServerFirst(payload)
            scram = exchange
            return response
        } catch {
            guard error == .saltedPasswordOutdated else { throw error }
            // Same nonce, so the client-first the server holds stays valid.
            var fresh = SCRAMClientExchange(hash: exchange.hash, username: username, password: password, clientNonce: nonce)
            _ = fresh.clientFirst()
            let response = try fresh.receiveServerFirst(payload)
            scram = fresh
            return response
        }
    }

    /// Checks the server's final message; returns the SaltedPassword worth caching.
    mutating func success(_ payload: [UInt8]) throws(SCRAMError) -> SCRAMSaltedPassword? {
        guard var exchange = scram else { return nil }
        try exchange.receiveServerFinal(payload)
        scram = exchange
        return exchange.verifiedSaltedPassword
    }
}
