import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SIPCore

/// G.711 audio over RTP for one call: sends an `AudioSource`, records what
/// arrives to a WAV file, counts both. One UDP socket does both directions
/// (symmetric RTP); no RTCP.
///
/// Packets are taken from any source address: on loopback and flat
/// networks there is no NAT to latch onto, and the payload type and
/// parsing already filter what is kept.
public final class RTPAudioSession: CallMedia {
    public let localPort: UInt16

    enum Event: Sendable {
        case start(RTPAudioReceiver)
        case datagram([UInt8])
    }

    private struct State: Sendable {
        var started = false
        var sender: Task<Void, Never>?
        var stopping: Task<CallMediaStatistics, Never>?
    }

    private let channel: any Channel
    private let events: AsyncStream<Event>.Continuation
    private let receiving: Task<Void, Never>
    private let source: LoadedAudioSource
    private let state = NIOLockedValueBox(State())
    private let live: NIOLockedValueBox<CallMediaStatistics>
    private let logger: Logger

    private init(channel: any Channel, localPort: UInt16, events: AsyncStream<Event>.Continuation,
                 receiving: Task<Void, Never>, live: NIOLockedValueBox<CallMediaStatistics>,
                 source: LoadedAudioSource, logger: Logger) {
        self.channel = channel
        self.localPort = localPort
        self.events = events
        self.receiving = receiving
        self.live = live
        self.source = source
        self.logger = logger
    }

    /// Binds a UDP port on `host` (port 0: the system picks one, even as
    /// RFC 3550 §11 asks when it can) and starts listening. A WAV source is
    /// read now, and `recording`, if given, created (mode 0600; replaced if
    /// it exists), so that bad files fail before the call is answered.
    public static func open(host: String = "127.0.0.1", source: AudioSource, recording: URL? = nil,
                            logger: Logger = Logger(label: "sip.media")) async throws -> RTPAudioSession {
        try await open(host: host, source: source, logger: logger) {
            try recording.map { try WAVRecorder(url: $0) }
        }
    }

    static func open(host: String, source: AudioSource, logger: Logger,
                     makeRecorder: () throws -> sending WAVRecorder?) async throws -> RTPAudioSession {
        let loaded = try LoadedAudioSource(source)
        let recorder = try makeRecorder()
        let (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingNewest(512))
        let channel: any Channel
        do {
            channel = try await bindEvenPort(host: host, continuation: continuation)
        } catch {
            try? recorder?.finish()
            if let recorder { try? FileManager.default.removeItem(at: recorder.url) }
            throw error
        }
        let port = UInt16(clamping: channel.localAddress?.port ?? 0)
        let live = NIOLockedValueBox(CallMediaStatistics())
        var tagged = logger
        tagged[metadataKey: "rtp.local_port"] = "\(port)"
        let sessionLogger = tagged
        let receiving = Task {
            await receive(stream, recorder: recorder, live: live, logger: sessionLogger)
        }
        return RTPAudioSession(channel: channel, localPort: port, events: continuation, receiving: receiving,
                               live: live, source: loaded, logger: sessionLogger)
    }

    /// Starts sending toward the stream's address (unless its direction
    /// does not send) and decoding what arrives (unless it does not receive).
    /// Packets that arrived before `start` are not kept: the codec was not known.
    public func start(_ stream: SDPOfferAnswer.Stream) async throws {
        let law: G711.Law
        switch stream.codec.encodingName.uppercased() {
        case "PCMU": law = .muLaw
        case "PCMA": law = .aLaw
        default: throw RTPAudioSessionError(.unsupportedCodec, stream.codec.encodingName)
        }
        let destination = try await Self.destination(of: stream)
        let packetTime = stream.remotePacketTime.flatMap { (10...60).contains($0) ? $0 : nil } ?? 20
        let refusal: RTPAudioSessionError? = state.withLockedValue { state in
            guard state.stopping == nil else { return RTPAudioSessionError(.stopped, "start after stop") }
            guard !state.started else { return RTPAudioSessionError(.alreadyStarted, "start called twice") }
            state.started = true
            if stream.direction.receives, stream.remotePort != 0 {
                events.yield(.start(RTPAudioReceiver(payloadType: stream.codec.payloadType, law: law,
                                                     telephoneEventPayloadType: stream.telephoneEventPayloadType)))
            }
            guard stream.direction.sends, let destination else { return nil }
            let packetizer = RTPAudioPacketizer(payloadType: stream.codec.payloadType, law: law)
            let frames = AudioFrameSource(source, frameMilliseconds: packetTime)
            let pacer = RTPPacer(interval: .milliseconds(packetTime))
            state.sender = Task { [channel, live, logger] in
                await Self.send(on: channel, to: destination, packetizer: packetizer, frames: frames, pacer: pacer,
                                live: live, logger: logger)
            }
            return nil
        }
        if let refusal { throw refusal }
        logger.debug("RTP started", metadata: [
            "rtp.remote": "\(stream.remoteAddress):\(stream.remotePort)", "rtp.codec": "\(stream.codec.encodingName)",
            "rtp.direction": "\(stream.direction.rawValue)", "rtp.ptime": "\(packetTime)",
        ])
    }

    /// Stops sending, closes the socket, finishes the recording and reports
    /// the totals. Every call returns the same totals.
    public func stop() async -> CallMediaStatistics {
        let stopping = state.withLockedValue { state in
            if let stopping = state.stopping { return stopping }
            let sender = state.sender
            let stopping = Task { await self.shutDown(sender: sender) }
            state.stopping = stopping
            return stopping
        }
        return await stopping.value
    }

    /// What has flowed so far.
    public var statistics: CallMediaStatistics { live.withLockedValue { $0 } }

    private func shutDown(sender: Task<Void, Never>?) async -> CallMediaStatistics {
        sender?.cancel()
        await sender?.value
        try? await channel.close()
        events.finish()
        await receiving.value
        let totals = statistics
        logger.debug("RTP stopped", metadata: [
            "rtp.packets_sent": "\(totals.packetsSent)", "rtp.packets_received": "\(totals.packetsReceived)",
        ])
        return totals
    }

    /// Where to send: nil when the stream says not to (port 0, or the
    /// RFC 2543 hold address 0.0.0.0). Only IP addresses: a host name in the
    /// peer's SDP would mean a blocking DNS lookup of the peer's choosing
    /// (and the SIP stack does no DNS either).
    private static func destination(of stream: SDPOfferAnswer.Stream) async throws -> SocketAddress? {
        guard stream.remotePort != 0, stream.remoteAddress != "0.0.0.0" else { return nil }
        do {
            return try SocketAddress(ipAddress: stream.remoteAddress, port: Int(stream.remotePort))
        } catch {
            throw RTPAudioSessionError(.unresolvableAddress, "\(stream.remoteAddress) is not an IP address")
        }
    }

    private static func bindEvenPort(host: String, continuation: AsyncStream<Event>.Continuation) async throws -> any Channel {
        var odd: [any Channel] = []
        defer { for channel in odd { channel.close(promise: nil) } }
        while true {
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: RTPDatagramHandler.receiveBufferSize))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RTPDatagramHandler(continuation: continuation))
                    }
                }
                .bind(host: host, port: 0).get()
            // Odd ports are kept open while we look, so the next bind gets another.
            guard let port = channel.localAddress?.port, port % 2 == 1, odd.count < 8 else { return channel }
            odd.append(channel)
        }
    }
}
