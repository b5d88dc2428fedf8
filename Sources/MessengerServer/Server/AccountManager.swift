import XMPPCore

/// Account administration shared by the CLI and in-band registration:
/// turns a password into SCRAM keys for both hash families and, when a SIP
/// realm is given, the SIP digest HA1 values; stores only those.
public struct AccountManager: Sendable {
    let storage: any AccountStore & SIPCredentialStore
    let iterations: Int
    /// The SIP digest realm (the server's domain); nil stores no HA1.
    let sipRealm: String?

    public init(storage: any AccountStore & SIPCredentialStore, iterations: Int = 4096, sipRealm: String? = nil) {
        self.storage = storage
        self.iterations = iterations
        self.sipRealm = sipRealm
    }

    public func create(_ username: String, password: String) async throws {
        try await storage.createAccount(username, credentials: try await derive(password))
        try await storage.setSIPDigest(sipDigest(username, password), for: username)
    }

    /// Without a realm the old HA1 is removed: it would still accept the old password.
    public func setPassword(_ username: String, password: String) async throws {
        try await storage.setCredentials(try await derive(password), for: username)
        try await storage.setSIPDigest(sipDigest(username, password), for: username)
    }

    private func sipDigest(_ username: String, _ password: String) -> SIPDigestCredential? {
        sipRealm.map { SIPDigestCredential.derive(username: username, realm: $0, password: password) }
    }

    /// The salted keys for one hash family, as the SCRAM exchange needs them.
    func keys(for username: String, hash: SCRAMHashFunction) async throws -> SCRAMSaltedKeys? {
        guard let stored = try await storage.credentials(for: username)?.first(where: { $0.hash.rawValue == hash.rawValue })
        else { return nil }
        return SCRAMSaltedKeys(
            hash: hash, salt: stored.salt, iterations: stored.iterations,
            storedKey: stored.storedKey, serverKey: stored.serverKey)
    }

    /// PLAIN: derive with the stored salt and compare keys in constant time.
    func verifyPlain(_ username: String, password: String) async throws -> Bool {
        guard let keys = try await keys(for: username, hash: .sha256) else { return false }
        return await Self.offTheEventLoop { keys.matches(password: password) }
    }

    private func derive(_ password: String) async throws -> [StoredCredential] {
        let iterations = self.iterations
        return try await Self.offTheEventLoop {
            try SCRAMHashFunction.allCases.map { hash in
                let keys = try SCRAMSaltedKeys.generate(password: password, hash: hash, iterations: iterations)
                return StoredCredential(
                    hash: hash == .sha1 ? .sha1 : .sha256, salt: keys.salt, iterations: keys.iterations,
                    storedKey: keys.storedKey, serverKey: keys.serverKey)
            }
        }
    }

    /// PBKDF2 takes thousands of hash rounds. A stream task runs on its
    /// connection's event loop; this work goes to Swift's shared pool
    /// instead, so that the loop's other connections are not held up.
    private static func offTheEventLoop<T: Sendable>(_ work: @Sendable () throws -> T) async rethrows -> T {
        try await withTaskExecutorPreference(globalConcurrentExecutor) { try work() }
    }
}
