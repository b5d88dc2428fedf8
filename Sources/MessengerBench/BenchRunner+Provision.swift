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
            BenchLoginOptions(register: configuration.register, fetchRoster: configuration.roster > 0, connectAttempts: 5),
            label: "provision")
        let sessions = login.channels.compactMap { $0 }
        // Kept now, not only at the end: subscribing can take hours, and a
        // run stopped meanwhile would otherwise derive every key again.
        saveKeyCache()
        let wanted = shared.ring.directedEdges
        let already = recorder.mutualEdges - before
        var subscribingSeconds: Double?
        var subscribingServer: BenchResult.ServerUse?
        if configuration.roster > 0, already < wanted {
            progress("provision: \(already)/\(wanted) contacts mutual; subscribing the rest")
            let subscribingStart = ContinuousClock.now
            let serverBefore = sampleServer()
            await waitForMutualContacts(sessions, wanted: wanted, before: before)
            subscribingSeconds = (ContinuousClock.now - subscribingStart).seconds
            subscribingServer = serverUse(serverBefore, sampleServer())
        }
        let mutual = recorder.mutualEdges - before
        await close(sessions)
        let seconds = (ContinuousClock.now - start).seconds
        progress("provision: done in \(String(format: "%.2f", seconds)) s, \(mutual)/\(wanted) contacts mutual")
        return BenchResult.Provision(
            seconds: seconds, registered: configuration.register, failed: login.failed, firstError: login.firstError,
            contactsWanted: wanted, contactsMutual: mutual, contactsAlreadyMutual: already,
            subscribingSeconds: subscribingSeconds, subscribingServer: subscribingServer)
    }

    /// Asks for the missing pairs a window at a time and waits until every
    /// pair is mutual. Sessions are told to ask in order, while fewer than
    /// `SubscriptionPacer.window` requests are unanswered: 171,000 requests
    /// at once left ejabberd's Mnesia overloaded and Prosody's sign-ins
    /// waiting behind its backlog. When neither a new pair nor any
    /// subscription traffic showed up for a while (`ProvisionWatch`), every
    /// session asked so far re-reads its roster and asks again.
    private func waitForMutualContacts(_ sessions: [any Channel], wanted: Int, before: Int) async {
        let clock = ContinuousClock()
        let start = clock.now
        var watch = ProvisionWatch(wanted: wanted, limit: .seconds(configuration.phaseTimeoutSeconds))
        var pacer = SubscriptionPacer(sessions: sessions.count, requestsPerSession: shared.ring.forwardContacts(of: 0).count)
        var nextReport = start + .seconds(1)
        var trafficAtReport = recorder.subscriptionTrafficCount
        while true {
            let asking = recorder.subscriptionAsking
            let next = pacer.sessionsToAsk(reported: asking.sessions, requests: asking.requests, answered: asking.answered)
            for channel in sessions[next] {
                channel.pipeline.fireUserInboundEventTriggered(BenchConnectionCommand.requestMissingSubscriptions)
            }
            let mutual = recorder.mutualEdges - before
            let traffic = recorder.subscriptionTrafficCount
            switch watch.observe(mutual: mutual, traffic: traffic + pacer.asked, elapsed: clock.now - start) {
            case .done:
                return
            case .giveUp(let reason):
                progress("provision: gave up with \(mutual)/\(wanted) contacts mutual (\(reason))")
                return
            case .retry:
                progress("provision: nothing moved for \(watch.quietPeriod); re-reading rosters and asking again for the \(wanted - mutual) missing")
                pacer.writeOff()
                for channel in sessions[..<pacer.asked] {
                    channel.pipeline.fireUserInboundEventTriggered(BenchConnectionCommand.retryMissingSubscriptions)
                }
            case .wait:
                break
            }
            if clock.now >= nextReport {
                progress(
                    "provision: \(mutual)/\(wanted) contacts mutual, \(traffic - trafficAtReport) subscription stanzas/s, "
                        + "\(pacer.asked)/\(sessions.count) sessions asked")
                nextReport = clock.now + .seconds(1)
                trafficAtReport = traffic
            }
            try? await Task.sleep(for: .milliseconds(pacer.asked < sessions.count ? 20 : 100))
        }
    }
}
