import NIOCore

extension BenchRunner {
    /// Some users (spread over the ring) go "away" at once; measures how long
    /// until each of their signed-in contacts sees it.
    func presence(_ channels: [(any Channel)?]) async -> BenchResult.Presence {
        let signedIn = channels.indices.filter { channels[$0] != nil }
        let count = min(configuration.presenceChangers, signedIn.count)
        let step = max(1, signedIn.count / max(count, 1))
        let changers = stride(from: 0, to: signedIn.count, by: step).prefix(count).map { signedIn[$0] }
        let expected = changers.reduce(0) { total, user in
            total + shared.ring.contacts(of: user).filter { channels[$0] != nil }.count
        }
        let seenBefore = recorder.presencesSeen
        progress("presence: \(changers.count) users change status; \(expected) deliveries expected")

        let before = sampleServer()
        for user in changers {
            guard let channel = channels[user] else { continue }
            let text = BenchStanzas.statusChange(runID: recorder.runID, sentNanoseconds: MonotonicClock.nanoseconds())
            channel.writeAndFlush(channel.allocator.buffer(string: text), promise: nil)
        }
        _ = await waitUntil(
            "presence", limitSeconds: min(configuration.phaseTimeoutSeconds, 30),
            report: { "\(recorder.presencesSeen - seenBefore)/\(expected) seen" },
            { recorder.presencesSeen - seenBefore >= expected })
        let after = sampleServer()
        let state = recorder.snapshot
        return BenchResult.Presence(
            changers: changers.count, expected: expected, seen: state.presencesSeen - seenBefore,
            latency: BenchResult.Latency(state.presenceLatency), server: serverUse(before, after))
    }
}
