import ArgumentParser
import Foundation
import MessengerKit
import SIPUserAgent

/// The phone line's flags, shared by `msgr client` and `msgr demo`.
struct VoiceOptions: ParsableArguments {
    @Option(name: .customLong("sip-server"), help: "The SIP registrar and proxy as IP:PORT (msgr server --sip-port); without it the client places no calls.")
    var sipServer: String?

    @Flag(name: .customLong("sip-tcp"), help: "Use SIP over TCP instead of UDP.")
    var sipTCP = false

    @Option(name: .customLong("audio-source"), help: "What calls send: silence, tone[:HZ[:AMPLITUDE]], wav:FILE or wav-loop:FILE (8 kHz or resampled).")
    var audioSource: String?

    @Option(name: .customLong("recordings"), help: "Folder for WAV recordings of received call audio (default: DATA/recordings).")
    var recordings: String?

    @Flag(name: .customLong("no-recordings"), help: "Do not record received call audio.")
    var noRecordings = false

    func validate() throws {
        if let sipServer, Self.hostAndPort(sipServer) == nil {
            throw ValidationError("--sip-server must be IP:PORT, e.g. 127.0.0.1:5060, not \(sipServer.debugDescription)")
        }
        if let audioSource, AudioSource(argument: audioSource) == nil {
            throw ValidationError("--audio-source must be silence, tone[:HZ[:AMPLITUDE]], wav:FILE or wav-loop:FILE, not \(audioSource.debugDescription)")
        }
        if noRecordings, recordings != nil { throw ValidationError("--recordings and --no-recordings exclude each other") }
    }

    /// The phone line for a client whose SIP server is `server`, or the flag's.
    func configuration(dataFolder: String, server: (host: String, port: Int)? = nil, defaultSource: AudioSource = .silence) -> Messenger.VoiceConfiguration? {
        guard let server = server ?? sipServer.flatMap(Self.hostAndPort) else { return nil }
        let source = audioSource.flatMap(AudioSource.init(argument:)) ?? defaultSource
        let folder = noRecordings ? nil : URL(fileURLWithPath: recordings ?? dataFolder + "/recordings")
        var voice = Messenger.VoiceConfiguration(
            serverHost: server.host, serverPort: server.port,
            media: RTPAudioSession.factory(host: "127.0.0.1", source: source, recordingsFolder: folder))
        voice.usesTCP = sipTCP
        return voice
    }

    /// `IP:PORT` with an IPv4 address (no DNS in the SIP stack), or `[IPv6]:PORT`.
    static func hostAndPort(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else {
            return nil
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let isIPv4 = host.split(separator: ".", omittingEmptySubsequences: false).count == 4
            && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
        guard isIPv4 || host.contains(":") else { return nil }
        return (host, port)
    }
}
