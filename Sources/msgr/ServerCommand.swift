import ArgumentParser
import Foundation
import Logging
import MessengerServer
import NIOSSL
import ServiceLifecycle
import SIPCore
import XMPPCore

struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the communications server (XMPP c2s, optionally SIP) until SIGINT/SIGTERM."
    )

    @Option(name: .long, help: "Data folder (accounts, rosters, offline messages, TLS certificate).")
    var data: String

    @Option(name: .long, help: "The domain this server hosts, e.g. example.test.")
    var domain: String

    @Option(name: .customLong("c2s-port"), help: "Port for client connections (0 picks a free one).")
    var c2sPort: Int = 5222

    @Option(name: .long, help: "Address to listen on.")
    var bind: String = "127.0.0.1"

    @Option(name: .long, help: "PEM certificate chain; without it a self-signed one is made in the data folder.")
    var cert: String?

    @Option(name: .long, help: "PEM private key for --cert.")
    var key: String?

    @Flag(name: .customLong("allow-registration"), help: "Let clients create accounts in-band (XEP-0077).")
    var allowRegistration = false

    @Flag(
        name: .customLong("allow-plaintext"),
        help: ArgumentHelp(
            "Let clients sign in without STARTTLS (SCRAM only, never PLAIN). For benchmarks on loopback; refused on other addresses.",
            discussion: "Prosody and ejabberd are usually benchmarked in plaintext; this makes the comparison fair. Never use it on a network."))
    var allowPlaintext = false

    @Option(name: .customLong("sip-port"), help: "Run the SIP registrar and proxy on this UDP and TCP port (0 picks a free one and prints it).")
    var sipPort: Int?

    @Option(name: .customLong("sip-gateway"), help: "Send calls to numbers and addresses not hosted here to this gateway, sip:HOST:PORT (an IP address).")
    var sipGateway: String?

    @Option(
        name: .customLong("pager-webhook-host"),
        help: ArgumentHelp(
            "Allow users' pager gateways (webhook URLs) on HOST[:PORT] (a bare host: port 80 only); repeat for more. None: gateways are off.",
            discussion: "The server POSTs pages to an address a user chose, over plain HTTP: list only hosts you trust."))
    var pagerWebhookHosts: [String] = []

    @Option(name: .customLong("sip-digest"), help: "Digest algorithms the SIP side challenges with, most preferred first: SHA-256,MD5, or MD5 alone for clients that give up on an algorithm they lack (baresip 1.0).")
    var sipDigest: String = "SHA-256,MD5"

    @Option(name: .customLong("sm-resume-seconds"), help: "Seconds a dropped client session stays resumable (XEP-0198); 0 turns resumption off.")
    var smResumeSeconds: Int = 300

    @Option(
        name: .customLong("memory-trim-seconds"),
        help: "Every this many seconds, give memory the allocator holds unused back to the system (glibc malloc_trim); 0 turns it off.")
    var memoryTrimSeconds: Int = 30

    @OptionGroup var limits: ServerLimitOptions

    @OptionGroup var logging: LoggingOptions

    /// `--sip-digest` as algorithms; nil when a name is unknown, repeated or the list is empty.
    var sipDigestAlgorithms: [DigestAlgorithm]? {
        let names = sipDigest.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        let algorithms = names.compactMap { DigestAlgorithm(rawValue: $0) }
        guard !algorithms.isEmpty, algorithms.count == names.count, Set(algorithms).count == algorithms.count else { return nil }
        return algorithms
    }

    func validate() throws {
        if (cert == nil) != (key == nil) { throw ValidationError("--cert and --key go together") }
        if allowPlaintext, !XMPPServer.Configuration.isLoopback(bind) {
            throw ValidationError("--allow-plaintext needs a loopback --bind (127.0.0.1, ::1), not \(bind.debugDescription)")
        }
        if !(0...65535).contains(c2sPort) { throw ValidationError("--c2s-port must be 0…65535") }
        if let sipPort, !(0...65535).contains(sipPort) { throw ValidationError("--sip-port must be 0…65535") }
        if !(0...86_400).contains(smResumeSeconds) { throw ValidationError("--sm-resume-seconds must be 0…86400") }
        if !(0...86_400).contains(memoryTrimSeconds) { throw ValidationError("--memory-trim-seconds must be 0…86400") }
        for host in pagerWebhookHosts where PagerWebhookURL.allowListEntry(host) == nil {
            throw ValidationError(
                "--pager-webhook-host must be HOST or HOST:PORT (a host name or IPv4 address, port 1…65535), not \(host.debugDescription)")
        }
        try limits.validate()
        if sipDigestAlgorithms == nil {
            throw ValidationError("--sip-digest must list SHA-256 and/or MD5, comma-separated, not \(sipDigest.debugDescription)")
        }
        if let sipGateway {
            guard sipPort != nil else { throw ValidationError("--sip-gateway needs --sip-port") }
            guard XMPPServer.Configuration.sipGateway(parsing: sipGateway) != nil else {
                throw ValidationError("--sip-gateway must be sip:HOST:PORT with an IP address, not \(sipGateway.debugDescription)")
            }
        }
    }

    func run() async throws {
        let logger = logging.bootstrap(label: "msgr.server")
        let folder = DataFolder(path: data)
        try folder.claim(domain: domain)
        let certificate: ServerCertificate
        if let cert, let key {
            certificate = try ServerCertificate.load(certificatePath: cert, keyPath: key)
        } else {
            certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: domain, dataFolder: data)
        }
        logger.info("tls certificate", metadata: ["tls.sha256": "\(certificate.fingerprintSHA256)"])

        let storage = try await folder.openStorage(logger: logger)
        var configuration = XMPPServer.Configuration(domain: domain, tls: try certificate.makeServerTLSConfiguration())
        configuration.bindHost = bind
        configuration.c2sPort = c2sPort
        configuration.allowRegistration = allowRegistration
        configuration.requireTLS = !allowPlaintext
        configuration.sipPort = sipPort
        configuration.smResumptionSeconds = smResumeSeconds
        configuration.sipGateway = sipGateway.flatMap(XMPPServer.Configuration.sipGateway(parsing:))
        configuration.pagerWebhookHosts = Set(pagerWebhookHosts.compactMap(PagerWebhookURL.allowListEntry))
        configuration.sipDigestAlgorithms = sipDigestAlgorithms ?? configuration.sipDigestAlgorithms
        limits.apply(to: &configuration)
        let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
        let announce = sipPort == 0
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: AnnouncingServer(server: server, announceSIPPort: announce)),
                    .init(service: MemoryTrimmer(interval: .seconds(memoryTrimSeconds), logger: logger)),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
        } catch {
            try? await storage.close()
            throw error
        }
        try await storage.close()
    }
}

/// Runs the server and, once it listens, prints the SIP port it picked.
private struct AnnouncingServer: Service {
    let server: XMPPServer
    let announceSIPPort: Bool

    func run() async throws {
        try await server.start()
        if announceSIPPort, let port = server.sipPort {
            print("sip port \(port)")
            fflush(nil)  // flush stdout now: scripts wait for this line
        }
        try? await gracefulShutdown()
        await server.shutdown()
    }
}
