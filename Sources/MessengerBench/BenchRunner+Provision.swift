import NIOCore

extension BenchRunner {
    /// With `--register` or a roster: creates the accounts in-band and makes
    /// every ring pair mutual contacts, skipping pairs that already are, then
    /// signs everyone out again so the login storm starts from nothing.
    func provisionIfAsked() async -> BenchResult.Provision? {
        guard configuration.register || configuration.roster > 0 else { return nil }
        let start = ContinuousClock.now
        let before = recorder.mutualEdges
        let login = await logIn(
            BenchLoginOptions(register: configuration.register, fetchRoster: configuration.roster > 0), label: "provision")
        let sessions = login.channels.compactMap { $0 }
        let wanted = shared.ring.directedEdges
        let already = recorder.mutualEdges - before
        if configuration.roster > 0, already < wanted {
            progress("provision: \(already)/\(wanted) contacts mutual; subscribing the rest")
            for channel in sessions {
                channel.pipeline.fireUserInboundEventTriggered(BenchConnectionCommand.requestMissingSubscriptions)
            }
            await waitForMutualContacts(sessions, wanted: wanted, before: before)
        }
        let mutual = recorder.mutualEdges - before
        await close(sessions)
        let seconds = (ContinuousClock.now - start).seconds
        progress("provision: done in \(String(format: "%.2f", seconds)) s, \(mutual)/\(wanted) contacts mutual")
        return BenchResult.Provision(
            seconds: seconds, registered: configuration.register, failed: login.failed, firstError: login.firstError,
            contactsWanted: wanted, contactsMutual: mutual, contactsAlreadyMutual: already)
    }

    /// Waits until every pair is mutual. When nothing moved for a few
    /// seconds, every session re-reads its roster and asks again for what is
    /// still missing, both ways.
    private func waitForMutualContacts(_ sessions: [any Channel], wanted: Int, before: Int) async {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(configuration.phaseTimeoutSeconds)
        var last = recorder.mutualEdges - before
        var lastChange = clock.now
        var nextReport = clock.now + .seconds(1)
        while last < wanted {
            guard clock.now < deadline else {
                progress("provision: gave up waiting with \(last)/\(wanted) contacts mutual")
                return
            }
            try? await Task.sleep(for: .milliseconds(100))
            let current = recorder.mutualEdges - before
            if current != last {
                last = current
                lastChange = clock.now
            } else if clock.now - lastChange > .seconds(5) {
                progress("provision: stalled at \(current)/\(wanted); re-reading rosters and asking again")
                for channel in sessions {
                    channel.pipeline.fireUserInboundEventTriggered(BenchConnectionCommand.retryMissingSubscriptions)
                }
                lastChange = clock.now
            }
            if clock.now >= nextReport {
                progress("provision: \(current)/\(wanted) contacts mutual")
                nextReport = clock.now + .seconds(1)
            }
        }
    }
}
