import ArgumentParser
import Foundation
import Logging
import MessengerAutomation
import MessengerKit
import SIPCore
import XMPPCore

struct ClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "client",
        abstract: "Run a Communicator instance signed in to an XMPP server, with its automation socket and web UI, until SIGINT/SIGTERM.",
        discussion: """
            The first run needs --jid and a password; the client then keeps only the SCRAM keys \
            (never the password) in DATA/account.json, and later runs need neither.
            """
    )

    @Option(name: .long, help: "The account, e.g. alice@example.test (default: the one in account.json).")
    var jid: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password from one line on standard input.")
    var passwordStdin = false

    @Option(name: .customLong("password-file"), help: "Read the password from the first line of this file.")
    var passwordFile: String?

    @Option(name: .long, help: "The server to connect to (default: the JID's domain).")
    var host: String?

    @Option(name: .long, help: "The server's client port (default: 5222).")
    var port: Int?

    @Flag(name: .long, help: "Accept any server certificate (encrypted but not authenticated; labs only).")
    var insecure = false

    @Option(name: .customLong("trust-cert"), help: "Accept only server certificates that chain to this PEM file.")
    var trustCert: String?

    @Option(name: .long, help: "Data folder (default: $XDG_DATA_HOME/communicator or ~/.local/share/communicator).")
    var data: String?

    @Option(name: .long, help: "Automation socket path (default: $XDG_RUNTIME_DIR/communicator/automation.sock, else DATA/automation.sock).")
    var socket: String?

    @Flag(name: .customLong("no-signin"), help: "Start signed out; Messenger.AutoSignin over the socket signs in.")
    var noSignin = false

    @OptionGroup var web: WebOptions

    @OptionGroup var voice: VoiceOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if passwordStdin, passwordFile != nil { throw ValidationError("--password-stdin and --password-file exclude each other") }
        if insecure, trustCert != nil { throw ValidationError("--insecure and --trust-cert exclude each other") }
        if let port, !(1...65535).contains(port) { throw ValidationError("--port must be 1…65535") }
        if let jid {
            guard let parsed = try? JID(jid), parsed.localpart != nil, parsed.isBare else {
                throw ValidationError("\(jid.debugDescription) is not an account address like alice@example.test")
            }
        }
    }

    func run() async throws {
        let logger = logging.bootstrap(label: "msgr.client")
        let folder = ClientDataFolder(path: data ?? AutomationPaths.defaultDataFolder())
        try folder.create()
        let socketPath = socket ?? AutomationPaths.defaultSocket(dataFolder: folder.path)
        let password = try readPassword()
        var resolved = try resolveAccount(stored: try folder.readAccount())
        if let password, let secret = Self.sipSecret(jid: resolved.jid, password: password), secret != resolved.sipSecret {
            // Kept so that later runs, which have no password, can still register the phone line.
            resolved.sipSecret = secret
            try folder.writeAccount(resolved)
        }
        let account = resolved
        let settings = try folder.readSettings()
        if account.trust == .insecure {
            FileHandle.standardError.write(Data(
                "WARNING: --insecure: any server certificate is accepted; the connection is encrypted but the server is NOT authenticated.\n".utf8))
        }
        if password == nil, account.storedKeys == nil, !noSignin {
            throw CLIError("no password and no stored keys for \(account.jid): give --password-stdin or --password-file")
        }

        var configuration = Messenger.Configuration(signinName: account.jid, password: password)
        configuration.storedKeys = password == nil ? account.storedKeys : nil
        configuration.host = account.host
        configuration.port = account.port
        configuration.tlsTrust = account.tlsTrust
        configuration.policy = settings.policy
        configuration.archive = try folder.openHistory(logger: logger)
        configuration.voice = voice.configuration(dataFolder: folder.path)
        configuration.voice?.storedSecret = account.sipSecret
        if configuration.voice != nil, password == nil, account.sipSecret == nil {
            logger.warning("the phone line needs the password once (--password-stdin or --password-file); calls will fail")
        }
        configuration.onKeysLearned = { keys in
            var updated = account
            updated.storedKeys = keys
            do {
                try folder.writeAccount(updated)
                logger.info("stored the sign-in keys", metadata: ["file": "\(folder.accountPath)"])
            } catch {
                logger.error("cannot store the sign-in keys", metadata: ["error": "\(error)"])
            }
        }
        let instance: CommunicatorInstance
        do {
            instance = try CommunicatorInstance(
                configuration: configuration, socketPath: socketPath, web: web, dataFolder: folder.path, logger: logger)
        } catch {
            throw CLIError("\(error)")
        }
        let signIn = !noSignin
        let retries = RetryTaskBox()

        try await ForegroundService.runUntilSignal(logger: logger) {
            try await instance.openEndpoint()
            try await instance.openWeb()
            await retries.set(await instance.retryFailedSignins())
            print("account: \(account.jid) (\(account.host ?? account.jid.split(separator: "@").last.map(String.init) ?? ""):\(account.port))")
            print("socket:  \(socketPath)")
            if let webLine = instance.webLine { print(webLine) }
            print("Ctrl-C to stop")
            fflush(nil)  // flush stdout now: scripts wait for these lines
            guard signIn else { return }
            let outcome = try await instance.signIn()
            if outcome.isFailure {
                let error = MessengerError(outcome)
                if CommunicatorInstance.isPermanent(outcome) {
                    throw CLIError("sign-in failed: \(error)")
                }
                logger.warning("sign-in failed; will retry", metadata: ["msgr.hresult": "\(error)"])
            } else {
                logger.info("signed in", metadata: ["xmpp.jid": "\(account.jid)"])
            }
        } stop: {
            await retries.cancel()
            await instance.stop()
        }
    }

    private func readPassword() throws -> String? {
        if passwordStdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("no password on standard input")
            }
            return line
        }
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw CLIError("cannot read the password file \(passwordFile)")
            }
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            guard !password.isEmpty else { throw CLIError("the password file \(passwordFile) has no password on its first line") }
            return password
        }
        return nil
    }

    /// The flags over the stored account; keys survive only for the same account on the same server.
    private func resolveAccount(stored: ClientAccountFile?) throws -> ClientAccountFile {
        guard let jidText = jid ?? stored?.jid else {
            throw CLIError("no account configured: run once with --jid and --password-stdin (or --password-file)")
        }
        let sameAccount = stored.map { $0.jid.lowercased() == jidText.lowercased() } ?? false
        let base = sameAccount ? stored : nil
        var account = ClientAccountFile(
            jid: jidText, host: host ?? base?.host, port: port ?? base?.port ?? 5222,
            trust: base?.trust ?? .system, trustCertificate: base?.trustCertificate, storedKeys: nil)
        if insecure {
            account.trust = .insecure
            account.trustCertificate = nil
        } else if let trustCert {
            account.trust = .certificate
            account.trustCertificate = URL(fileURLWithPath: trustCert).standardizedFileURL.path
        }
        if let stored, stored.isSameServerAccount(as: account) {
            account.storedKeys = stored.storedKeys
            account.sipSecret = stored.sipSecret
        }
        return account
    }

    /// The digest secret the server keeps for this password: realm = domain, user = localpart.
    static func sipSecret(jid: String, password: String) -> DigestSecret? {
        guard let parsed = try? JID(jid), let username = parsed.localpart else { return nil }
        return DigestSecret.derive(username: username, realm: parsed.domainpart, password: password)
    }
}

/// Holds the background retry task so that `stop` can cancel what `start` began.
actor RetryTaskBox {
    private var task: Task<Void, Never>?

    func set(_ task: Task<Void, Never>) { self.task = task }

    func cancel() {
        task?.cancel()
        task = nil
    }
}
