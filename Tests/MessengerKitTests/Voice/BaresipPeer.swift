import Foundation
import NIOCore
import NIOPosix

let installedBaresip: String? = ["/usr/bin/baresip", "/usr/local/bin/baresip"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// One baresip user agent (Debian `baresip-core`, 1.0) run headless for a
/// test: its own config folder, SIP and control on loopback, a sine as its
/// microphone, no speaker, and the `sndfile` module writing what it sends
/// and receives as WAV files into `recordings`. Registers with our server
/// through `outbound` and answers calls by itself.
final class BaresipPeer: Sendable {
    let folder: URL
    let recordings: URL
    let control: BaresipControl
    private let process: Process
    private let logFile: URL

    private init(folder: URL, process: Process, control: BaresipControl) {
        self.folder = folder
        self.recordings = folder.appendingPathComponent("recordings")
        self.process = process
        self.control = control
        self.logFile = folder.appendingPathComponent("baresip.log")
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts baresip as `user@domain` with `password`, registered at our
    /// SIP server on 127.0.0.1:`serverPort`, sending a `tone` Hz sine.
    /// Returns once the server has accepted the registration.
    static func start(user: String, password: String, domain: String, serverPort: Int, tone: Int) async throws -> BaresipPeer {
        // A port can be taken between choosing it and baresip binding it
        // (the whole suite runs at once): try again with new ports.
        for _ in 1..<3 {
            do {
                return try await startOnce(user: user, password: password, domain: domain, serverPort: serverPort, tone: tone)
            } catch let error as StartError where error.description.contains("Address already in use") {
                continue
            }
        }
        return try await startOnce(user: user, password: password, domain: domain, serverPort: serverPort, tone: tone)
    }

    private static func startOnce(user: String, password: String, domain: String, serverPort: Int, tone: Int) async throws -> BaresipPeer {
        guard let executable = installedBaresip else { throw StartError(description: "baresip is not installed (apt-get install baresip-core)") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baresip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("recordings"), withIntermediateDirectories: true)
        let sipPort = try await freePort()
        let controlPort = try await freePort()
        // Below Linux's ephemeral range (32768+), where our own RTP sockets land.
        let rtpBase = Int.random(in: 10_000..<30_000) & ~1
        let config = """
            poll_method\tepoll
            sip_listen\t127.0.0.1:\(sipPort)
            net_interface\t127.0.0.1
            rtp_ports\t\(rtpBase)-\(rtpBase + 200)
            rtcp_mux\tno
            jitter_buffer_delay\t1-5
            audio_source\tausine,\(tone)
            ausrc_srate\t48000
            ausrc_channels\t2
            audio_player\taubridge,null
            audio_alert\taubridge,null
            module_path\t/usr/lib/baresip/modules
            module\tg711.so
            module\tausine.so
            module\taubridge.so
            module\tsndfile.so
            module_tmp\taccount.so
            module_app\tcontact.so
            module_app\tmenu.so
            module_app\tctrl_tcp.so
            ctrl_tcp_listen\t127.0.0.1:\(controlPort)
            snd_path\t\(folder.appendingPathComponent("recordings").path)

            """
        // `outbound` routes REGISTER and INVITE through our proxy (a loose
        // route); the AOR's domain needs no DNS then.
        let account = "<sip:\(user)@\(domain)>;auth_pass=\(password);outbound=\"sip:127.0.0.1:\(serverPort)\";"
            + "regint=60;answermode=auto;audio_codecs=PCMU/8000/1\n"
        try Data(config.utf8).write(to: folder.appendingPathComponent("config"))
        try Data(account.utf8).write(to: folder.appendingPathComponent("accounts"))
        try Data().write(to: folder.appendingPathComponent("contacts"))
        let logURL = folder.appendingPathComponent("baresip.log")
        try Data().write(to: logURL)
        let logHandle = try FileHandle(forWritingTo: logURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // -s: SIP trace in the log, for failure messages.
        process.arguments = ["-f", folder.path, "-s"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = logHandle
        process.standardError = logHandle
        try process.run()
        try? logHandle.close()

        var control: BaresipControl?
        let deadline = ContinuousClock.now + .seconds(30)
        while control == nil, process.isRunning, ContinuousClock.now < deadline {
            control = try? await BaresipControl.connect(port: controlPort)
            if control == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        guard let control else {
            let log = await stopProcess(process, folder: folder)
            throw StartError(description: "baresip's control socket did not open\n\(log)")
        }
        let peer = BaresipPeer(folder: folder, process: process, control: control)
        while ContinuousClock.now < deadline, process.isRunning {
            if let info = try? await control.send("reginfo", timeout: .seconds(5)), Self.showsRegistered(info.data ?? "") { return peer }
            try await Task.sleep(for: .milliseconds(200))
        }
        let log = await peer.stop()
        throw StartError(description: "baresip did not register\n\(log)")
    }

    /// `reginfo` lists each account with `OK` (in ANSI green) once registered.
    static func showsRegistered(_ reginfo: String) -> Bool {
        reginfo.replacing(/\u{1B}\[[0-9;]*m/, with: "").split(separator: "\n").contains { $0.hasPrefix(">") && $0.contains(" OK ") }
    }

    /// The end of baresip's log (stdout and stderr, with the SIP trace), for failure messages.
    func logTail(_ characters: Int = 12_000) -> String {
        Self.logTail(of: logFile, characters)
    }

    /// The WAV files `sndfile` wrote for audio baresip received and decoded
    /// (`…-dec.wav`; the `…-enc.wav` ones hold what it sent).
    func receivedRecordings() -> [URL] {
        let files = (try? FileManager.default.contentsOfDirectory(at: recordings, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.lastPathComponent.hasSuffix("-dec.wav") }.sorted { $0.path < $1.path }
    }

    /// Stops baresip (SIGTERM: it unregisters first, so call this while our
    /// server still runs; SIGKILL after 5 s), deletes its folder and returns its log.
    @discardableResult
    func stop() async -> String {
        await control.close()
        return await Self.stopProcess(process, folder: folder)
    }

    private static func stopProcess(_ process: Process, folder: URL) async -> String {
        if process.isRunning {
            process.terminate()
            let deadline = ContinuousClock.now + .seconds(5)
            while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
            }
        }
        let log = logTail(of: folder.appendingPathComponent("baresip.log"), 12_000)
        try? FileManager.default.removeItem(at: folder)
        return log
    }

    private static func logTail(of file: URL, _ characters: Int) -> String {
        guard let data = try? Data(contentsOf: file) else { return "(no baresip log)" }
        return "baresip log (end):\n" + String(String(decoding: data, as: UTF8.self).suffix(characters))
    }

    /// A port free on 127.0.0.1 for both UDP and TCP right now (baresip opens
    /// SIP on both), chosen below Linux's ephemeral range (32768+) so that no
    /// outgoing connection's local port can take it, and above the RTP range.
    private static func freePort() async throws -> Int {
        let group = MultiThreadedEventLoopGroup.singleton
        for _ in 0..<50 {
            let port = Int.random(in: 30_300..<32_700)
            guard let udp = try? await DatagramBootstrap(group: group).bind(host: "127.0.0.1", port: port).get() else { continue }
            let tcp = try? await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: port).get()
            try? await udp.close()
            guard let tcp else { continue }
            try? await tcp.close()
            return port
        }
        throw StartError(description: "no free port for baresip in 30300-32699")
    }
}
