import ArgumentParser
import Foundation
import Logging
import MessengerAutomation
import MessengerKit
import MessengerServer

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run everything on loopback: a server for demo.test, a signed-in client for me@demo.test with its automation socket and web UI, and three bot contacts.",
        discussion: """
            Bots: echo@demo.test answers every message; moody@demo.test changes its presence every few \
            seconds; pager@demo.test has phone numbers and a pager, acknowledges pages, and answers \
            calls with a short tone. \
            Every account gets a fresh random password at each start; none is printed or stored.
            """
    )

    @Option(name: .long, help: "Data folder (default: the client's default data folder + /demo).")
    var data: String?

    @Option(name: .long, help: "Automation socket path (default: $XDG_RUNTIME_DIR/communicator/automation.sock, else DATA/automation.sock).")
    var socket: String?

    @Option(name: .customLong("c2s-port"), help: "Port for the demo server's client connections on 127.0.0.1 (0 picks a free one).")
    var c2sPort: Int = 0

    @OptionGroup var web: WebOptions

    @OptionGroup var voice: VoiceOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if !(0...65535).contains(c2sPort) { throw ValidationError("--c2s-port must be 0…65535") }
    }

    static let bots: [any DemoBot] = [EchoBot(), MoodyBot(), PagerBot()]

    func run() async throws {
        let logger = logging.bootstrap(label: "msgr.demo")
        let folder = ClientDataFolder(path: data ?? AutomationPaths.defaultDataFolder() + "/demo")
        try folder.create()
        let socketPath = socket ?? AutomationPaths.defaultSocket(dataFolder: folder.path)
        let defaultSocket = AutomationPaths.defaultSocket()
        let serverFolder = DataFolder(path: folder.path + "/server")
        try FileManager.default.createDirectory(
            atPath: serverFolder.path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try serverFolder.claim(domain: DemoAccounts.domain)
        let certificate = try ServerCertificate.loadOrCreateSelfSigned(domain: DemoAccounts.domain, dataFolder: serverFolder.path)

        let storage = try await serverFolder.openStorage(logger: logger)
        let parts = DemoParts()
        try await ForegroundService.runUntilSignal(logger: logger) {
            let accounts = try await DemoAccounts.prepare(bots: Self.bots, storage: storage)
            var configuration = XMPPServer.Configuration(domain: DemoAccounts.domain, tls: try certificate.makeServerTLSConfiguration())
            configuration.bindHost = "127.0.0.1"
            configuration.c2sPort = c2sPort
            configuration.sipPort = 0
            let server = try XMPPServer(configuration: configuration, storage: storage, logger: logger)
            try await server.start()
            await parts.set(server: server)
            let address = DemoServerAddress(
                domain: DemoAccounts.domain, port: server.listeningPort ?? c2sPort,
                certificatePEM: certificate.certificateChainPEM)

            for bot in Self.bots {
                let running = try await RunningDemoBot.start(
                    bot, password: accounts.password(for: bot.username), server: address, logger: logger)
                await parts.add(bot: running)
            }
            guard let sipPort = server.sipPort else { throw CLIError("the demo server did not open its SIP port") }
            await parts.set(pagerPhone: try await PagerPhone.start(
                password: accounts.password(for: PagerBot().username), domain: DemoAccounts.domain, sipPort: sipPort, logger: logger))

            var client = Messenger.Configuration(
                signinName: "\(DemoAccounts.localUser)@\(DemoAccounts.domain)",
                password: accounts.password(for: DemoAccounts.localUser))
            client.host = "127.0.0.1"
            client.port = address.port
            client.tlsTrust = .certificate(.pem(certificate.certificateChainPEM))
            client.archive = try folder.openHistory(logger: logger)
            client.voice = voice.configuration(
                dataFolder: folder.path, server: ("127.0.0.1", sipPort), defaultSource: .tone(frequency: 440))
            let instance = try CommunicatorInstance(
                configuration: client, socketPath: socketPath, web: web, dataFolder: folder.path, logger: logger)
            await parts.set(instance: instance)
            try await instance.openEndpoint()
            try await instance.openWeb()
            let outcome = try await instance.signIn()
            guard outcome.isSuccess else { throw CLIError("the demo client could not sign in: \(MessengerError(outcome))") }

            let socketFlag = socketPath == defaultSocket ? "" : " --socket \(socketPath)"
            print("server:  127.0.0.1:\(address.port) (demo.test), SIP on 127.0.0.1:\(sipPort)")
            print("client:  me@demo.test, signed in")
            print("socket:  \(socketPath)")
            if let webLine = instance.webLine { print(webLine) }
            print("contacts: echo@demo.test (echoes), moody@demo.test (changes status), pager@demo.test (accepts pages and calls)")
            print("try:")
            print("  msgr contacts\(socketFlag)")
            print("  msgr send\(socketFlag) echo@demo.test \"hello\"")
            print("  msgr history\(socketFlag) echo@demo.test")
            print("  msgr phone\(socketFlag) --follow pager@demo.test \"+1 555 0100\"")
            print("Ctrl-C to stop")
            fflush(nil)  // flush stdout now: scripts wait for these lines
        } stop: {
            await parts.stopAll()
            try? await storage.close()
        }
    }
}

/// What the demo started, so that `stop` can end it in reverse order even
/// when `start` failed half-way.
actor DemoParts {
    private var server: XMPPServer?
    private var bots: [RunningDemoBot] = []
    private var instance: CommunicatorInstance?
    private var pagerPhone: PagerPhone?

    func set(server: XMPPServer) { self.server = server }
    func add(bot: RunningDemoBot) { bots.append(bot) }
    func set(instance: CommunicatorInstance) { self.instance = instance }
    func set(pagerPhone: PagerPhone) { self.pagerPhone = pagerPhone }

    func stopAll() async {
        await instance?.stop()
        await pagerPhone?.stop()
        for bot in bots { await bot.stop() }
        await server?.shutdown()
        instance = nil
        pagerPhone = nil
        bots = []
        server = nil
    }
}
