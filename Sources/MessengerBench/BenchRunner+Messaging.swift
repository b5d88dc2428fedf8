import NIOCore

extension BenchRunner {
    /// `rate` chats a second for `duration` seconds, each from the next
    /// sender in turn to one of its contacts, sent on absolute deadlines.
    /// The body carries the deadline, not the moment of sending, so a bench
    /// that falls behind shows up in the latency instead of hiding it.
    func messaging(_ channels: [(any Channel)?]) async -> BenchResult.Messaging {
        recorder.resetMessaging()
        let senders = channels.indices.filter { channels[$0] != nil }
        let total = configuration.rate * configuration.duration
        let interval = 1_000_000_000 / UInt64(configuration.rate)
        progress("messaging: \(total) messages at \(configuration.rate)/s over \(configuration.duration) s from \(senders.count) senders")

        let before = sampleServer()
        let start = MonotonicClock.nanoseconds() + 1_000_000
        // `slot` paces the deadlines; a slot whose sender has no signed-in
        // contact is skipped, not sent, so it cannot count as lost.
        var slot = 0
        var sent = 0
        var skipped = 0
        var nextReport = start + 1_000_000_000
        while slot < total {
            let now = MonotonicClock.nanoseconds()
            let deadline = start + UInt64(slot) * interval
            if deadline > now {
                try? await Task.sleep(for: .nanoseconds(Int64(deadline - now)))
                continue
            }
            let sender = senders[slot % senders.count]
            if let channel = channels[sender], let recipient = recipient(for: sender, among: channels) {
                let text = BenchStanzas.chat(
                    to: shared.jid(recipient), runID: recorder.runID, sequence: slot, sentNanoseconds: deadline)
                channel.writeAndFlush(channel.allocator.buffer(string: text), promise: nil)
                sent += 1
            } else {
                skipped += 1
            }
            slot += 1
            if now >= nextReport {
                let worst = String(format: "%.1f", recorder.takeWorstLatencyMs())
                progress("messaging: sent \(sent)/\(total), received \(recorder.received), slowest this second \(worst) ms")
                nextReport = now + 1_000_000_000
            }
        }
        let sendingSeconds = Double(MonotonicClock.nanoseconds() - start) / 1e9
        _ = await waitUntil(
            "messaging drain", limitSeconds: configuration.drainSeconds,
            report: { "received \(recorder.received)/\(sent)" },
            { recorder.received >= sent })
        let after = sampleServer()
        let state = recorder.snapshot
        var figures = BenchResult.Messaging(
            targetPerSecond: configuration.rate, seconds: sendingSeconds, sent: sent, skipped: skipped,
            received: state.received,
            lost: max(0, sent - state.received), duplicates: state.duplicates, errors: state.messageErrors,
            achievedPerSecond: sendingSeconds > 0 ? Double(sent) / sendingSeconds : 0,
            latency: BenchResult.Latency(state.messageLatency), server: serverUse(before, after))
        if let use = figures.server, state.received > 0 {
            figures.serverCpuMsPerMessage = use.cpuMs / Double(state.received)
        }
        progress("messaging: sent \(sent), skipped \(skipped), received \(state.received), lost \(figures.lost)")
        return figures
    }

    /// A random ring contact of `sender` that is signed in (any other
    /// signed-in user without a roster).
    private func recipient(for sender: Int, among channels: [(any Channel)?]) -> Int? {
        let contacts = shared.ring.contacts(of: sender).filter { channels[$0] != nil }
        if let contact = contacts.randomElement() { return contact }
        guard configuration.roster == 0, channels.count > 1 else { return nil }
        for _ in 0..<8 {
            let other = Int.random(in: 0..<channels.count)
            if other != sender, channels[other] != nil { return other }
        }
        return nil
    }
}
