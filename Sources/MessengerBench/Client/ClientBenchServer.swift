import Foundation
import Logging
import MessengerKit
import MessengerServer
import XMPPCore

/// Our server in-process on 127.0.0.1, port 0, with in-memory storage and a
/// self-signed certificate in the run's folder, provisioned straight through
/// storage: the measured user `me` and `contact0…` with mutual subscriptions.
struct ClientBenchServer {
    static let domain = "clientbench.test"
    static let user = "me"
    static let password = "bench-password"

    let server: XMPPServer
    let storage: InMemoryStorage
    let certificatePEM: String
    let port: Int

    static func contactName(_ index: Int) -> String { "contact\(index)" }

    static func jid(_ username: String, resource: String? = nil) throws -> JID {
        try JID(localpart: username, domainpart: domain, resourcepart: resource)
    }

    static func start(folder: String, logger: Logger) async throws -> ClientBenchServer {
        let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: folder)
        var configuration = XMPPServer.Configuration(domain: domain, tls: try certificate.makeServerTLSConfiguration())
        configuration.bindHost = "127.0.0.1"
        configuration.c2sPort = 0
        let storage = InMemoryStorage()
        let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
        try await server.start()
        guard let port = server.listeningPort else {
            await server.shutdown()
            throw BenchConfigurationError("the in-process server did not open its client port")
        }
        return ClientBenchServer(server: server, storage: storage, certificatePEM: certificate.certificateChainPEM, port: port)
    }

    /// Creates `me` and `contacts` contact accounts, all with one password and
    /// one set of SCRAM keys (derived once: PBKDF2 per account would dominate),
    /// and a roster item with subscription both on each side of every pair.
    func provision(contacts: Int) async throws {
        let credentials = try SCRAMHashFunction.allCases.map { hash in
            let keys = try SCRAMSaltedKeys.generate(password: Self.password, hash: hash)
            return StoredCredential(
                hash: hash == .sha1 ? .sha1 : .sha256, salt: keys.salt, iterations: keys.iterations,
                storedKey: keys.storedKey, serverKey: keys.serverKey)
        }
        let me = try Self.jid(Self.user)
        try await storage.createAccount(Self.user, credentials: credentials)
        for index in 0..<contacts {
            let name = Self.contactName(index)
            try await storage.createAccount(name, credentials: credentials)
            try await storage.setRosterItem(RosterItem(jid: try Self.jid(name), subscription: .both), of: Self.user)
            try await storage.setRosterItem(RosterItem(jid: me, subscription: .both), of: name)
        }
    }

    /// A client configuration that trusts exactly this server's certificate.
    func connectionConfiguration(_ username: String, storedKeys: SCRAMStoredKeys?) throws -> XMPPClientConnection.Configuration {
        let jid = try Self.jid(username, resource: "bench")
        var configuration = if let storedKeys {
            XMPPClientConnection.Configuration(jid: jid, storedKeys: storedKeys)
        } else {
            XMPPClientConnection.Configuration(jid: jid, password: Self.password)
        }
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.tlsTrust = .certificate(.pem(certificatePEM))
        return configuration
    }

    /// The measured client, signing in as `me`.
    func messengerConfiguration(timeout: Duration) -> Messenger.Configuration {
        var configuration = Messenger.Configuration(signinName: "\(Self.user)@\(Self.domain)", password: Self.password)
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.tlsTrust = .certificate(.pem(certificatePEM))
        configuration.signinTimeout = timeout
        configuration.requestTimeout = timeout
        return configuration
    }

    func stop() async {
        await server.shutdown()
    }
}
