import Logging
import NIOConcurrencyHelpers
import NIOCore
import SIPCore

extension RTPAudioSession {
    /// Sends one packet per interval until cancelled, on absolute deadlines.
    static func send(on channel: any Channel, to destination: SocketAddress, packetizer: RTPAudioPacketizer,
                     frames: AudioFrameSource, pacer: RTPPacer, live: NIOLockedValueBox<CallMediaStatistics>,
                     logger: Logger) async {
        var packetizer = packetizer
        var frames = frames
        var pacer = pacer
        let clock = ContinuousClock()
        let start = clock.now
        while !Task.isCancelled {
            let (skip, send) = pacer.due(after: clock.now - start)
            for _ in 0..<skip {
                _ = frames.nextFrame()
                packetizer.skip(samples: frames.samplesPerFrame)
            }
            if skip > 0 { logger.debug("RTP sender fell behind", metadata: ["rtp.skipped": "\(skip)"]) }
            for _ in 0..<send {
                guard let bytes = try? packetizer.packet(for: frames.nextFrame()).serialized() else { continue }
                do {
                    try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: destination, data: ByteBuffer(bytes: bytes)))
                    live.withLockedValue { $0.packetsSent += 1 }
                } catch ChannelError.ioOnClosedChannel {
                    return
                } catch {
                    logger.debug("RTP send failed", metadata: ["rtp.error": "\(error)"])
                }
            }
            do {
                try await Task.sleep(until: start + pacer.nextDeadline, clock: clock)
            } catch {
                return
            }
        }
    }

    /// Reads datagrams until the session stops, recording the audio of the
    /// stream once `start` has said which it is; then finishes the file.
    static func receive(_ events: AsyncStream<Event>, recorder: WAVRecorder?,
                        live: NIOLockedValueBox<CallMediaStatistics>, logger: Logger) async {
        var recorder = recorder
        var receiver: RTPAudioReceiver?
        for await event in events {
            switch event {
            case .start(let configured):
                receiver = configured
            case .datagram(let bytes):
                guard var current = receiver else { continue }
                let audio = current.receive(bytes)
                receiver = current
                live.withLockedValue {
                    $0.packetsReceived = current.packetsReceived
                    $0.samplesReceived = current.samplesReceived
                    $0.receivedRMS = current.receivedRMS
                }
                guard !audio.isEmpty, let active = recorder else { continue }
                do {
                    try active.append(audio)
                    if active.isFull {
                        logger.info("recording reached its maximum duration", metadata: ["rtp.recording": "\(active.url.path)"])
                        try active.finish()
                        recorder = nil
                    }
                } catch {
                    logger.warning("recording failed", metadata: ["rtp.recording": "\(active.url.path)", "rtp.error": "\(error)"])
                    recorder = nil
                }
            }
        }
        do {
            try recorder?.finish()
        } catch {
            logger.warning("recording failed", metadata: ["rtp.error": "\(error)"])
        }
    }
}
