import XMPPCore

/// Account administration shared by the CLI and in-band registration:
/// turns a password into SCRAM keys for both hash families and stores only those.
public struct AccountManager: Sendable {
    let storage: any AccountStore
    let iterations: Int

    public init(storage: any AccountStore, iterations: Int = 4096) {
        self.storage = storage
        self.iterations = iterations
    }

    public func create(_ username: String, password: String) async throws {
        try await storage.createAccount(username, credentials: try derive(password))
    }

    public func setPassword(_ username: String, password: String) async throws {
        try await storage.setCredentials(try derive(password), for: username)
    }

    /// The salted keys for one hash family, as the SCRAM exchange needs them.
    func keys(for username: String, hash: SCRAMHashFunction) async throws -> SCRAMSaltedKeys? {
        guard let stored = try await storage.credentials(for: username)?.first(where: { $0.hash.rawValue == hash.rawValue })
        else { return nil }
        return SCRAMSaltedKeys(
            hash: hash, salt: stored.salt, iterations: stored.iterations,
            storedKey: stored.storedKey, serverKey: stored.serverKey)
    }

    /// PLAIN: derive with the stored salt and compare keys (constant time in SCRAM code).
    func verifyPlain(_ username: String, password: String) async throws -> Bool {
        guard let keys = try await keys(for: username, hash: .sha256) else { return false }
        let candidate = try SCRAMSaltedKeys.derive(password: password, salt: keys.salt, iterations: keys.iterations, hash: .sha256)
        return constantTimeEqual(candidate.storedKey, keys.storedKey)
    }

    private func derive(_ password: String) throws -> [StoredCredential] {
        try SCRAMHashFunction.allCases.map { hash in
            var salt = [UInt8](repeating: 0, count: 16)
            var rng = SystemRandomNumberGenerator()
            for i in salt.indices { salt[i] = rng.next() }
            let keys = try SCRAMSaltedKeys.derive(password: password, salt: salt, iterations: iterations, hash: hash)
            return StoredCredential(
                hash: hash == .sha1 ? .sha1 : .sha256, salt: keys.salt, iterations: keys.iterations,
                storedKey: keys.storedKey, serverKey: keys.serverKey)
        }
    }
}

func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var diff: UInt8 = 0
    for i in a.indices { diff |= a[i] ^ b[i] }
    return diff == 0
}
