import SIPCore
import SIPUserAgent

/// A stand-in for RTP audio: a made-up port, and a record of what the user
/// agent asked of it.
actor FakeCallMedia: CallMedia {
    nonisolated let localPort: UInt16
    nonisolated let callID: String
    private(set) var startedStreams: [SDPOfferAnswer.Stream] = []
    private(set) var stopCount = 0

    init(localPort: UInt16, callID: String) {
        self.localPort = localPort
        self.callID = callID
    }

    func start(_ stream: SDPOfferAnswer.Stream) async throws {
        startedStreams.append(stream)
    }

    func stop() async -> CallMediaStatistics {
        stopCount += 1
        return CallMediaStatistics(packetsSent: startedStreams.count)
    }
}

/// Makes fake media with distinct ports and remembers each one made.
actor FakeMediaMaker {
    private var made: [FakeCallMedia] = []
    private let firstPort: UInt16

    init(firstPort: UInt16) { self.firstPort = firstPort }

    func make(_ callID: String) -> FakeCallMedia {
        let media = FakeCallMedia(localPort: firstPort + UInt16(made.count) * 2, callID: callID)
        made.append(media)
        return media
    }

    var all: [FakeCallMedia] { made }

    func media(for id: SIPCallID) -> FakeCallMedia? { made.first { $0.callID == id.value } }

    nonisolated var factory: CallMediaFactory {
        { callID in await self.make(callID) }
    }
}
