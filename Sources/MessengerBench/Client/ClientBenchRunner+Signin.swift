import MessengerKit

extension ClientBenchRunner {
    /// `--signins` rounds of: `Signin` → `OnSignin` S_OK → every contact in
    /// `MyContacts` and every online contact's presence received; then sign
    /// out (except after the last round, which the automation phase uses).
    func measureSignins(_ messenger: Messenger, watch: SigninWatch) async -> ClientBenchResult.Signin {
        var samples: [ClientBenchResult.SigninSample] = []
        var failures: [String] = []
        for round in 1...configuration.signins {
            watch.reset()
            switch await signInOnce(messenger, watch: watch) {
            case .success(let sample):
                samples.append(sample)
                configuration.progress(String(
                    format: "sign-in %d/%d: OnSignin %.1f ms, contact list %.1f ms (%d contacts, %d online)",
                    round, configuration.signins, sample.toOnSigninMs, sample.toContactListMs,
                    sample.contactsListed, sample.contactsOnline))
            case .failure(let failure):
                failures.append(failure.message)
                configuration.progress("sign-in \(round)/\(configuration.signins) failed: \(failure.message)")
            }
            if round < configuration.signins {
                try? await messenger.signout()
                _ = await poll(until: ContinuousClock.now + timeout) { watch.current.signedOut ? true : nil }
            }
        }
        return ClientBenchResult.Signin(
            samples: samples,
            toOnSignin: .init(samplesMs: samples.map(\.toOnSigninMs)),
            toContactList: .init(samplesMs: samples.map(\.toContactListMs)),
            failed: failures.count, firstError: failures.first)
    }

    struct SigninFailure: Error {
        let message: String
    }

    private func signInOnce(
        _ messenger: Messenger, watch: SigninWatch
    ) async -> Result<ClientBenchResult.SigninSample, SigninFailure> {
        let start = ContinuousClock.now
        let deadline = start + timeout
        do {
            try await messenger.autoSignin()
        } catch {
            return .failure(SigninFailure(message: "Signin: \(error)"))
        }
        guard let signin = await poll(until: deadline, { watch.current.signin }) else {
            return .failure(SigninFailure(message: "no OnSignin within \(configuration.timeoutSeconds) s"))
        }
        guard signin.hr == .S_OK else { return .failure(SigninFailure(message: "OnSignin \(signin.hr)")) }
        // The list is read by polling (5 ms apart); presences are stamped on arrival.
        let complete = await poll(until: deadline) { () async -> ContinuousClock.Instant? in
            let listed = await messenger.myContacts.count
            guard listed == configuration.contacts, watch.current.online.count >= configuration.online else { return nil }
            return ContinuousClock.now
        }
        let listed = await messenger.myContacts.count
        let online = watch.current.online.count
        guard let complete else {
            return .failure(SigninFailure(
                message: "contact list incomplete after \(configuration.timeoutSeconds) s: \(listed) listed, \(online) online"))
        }
        return .success(ClientBenchResult.SigninSample(
            toOnSigninMs: (signin.at - start).milliseconds, toContactListMs: (complete - start).milliseconds,
            contactsListed: listed, contactsOnline: online))
    }

    /// Checks `condition` every 5 ms until it gives a value or `deadline` passes.
    func poll<Value>(until deadline: ContinuousClock.Instant, _ condition: () async -> Value?) async -> Value? {
        while true {
            if let value = await condition() { return value }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
