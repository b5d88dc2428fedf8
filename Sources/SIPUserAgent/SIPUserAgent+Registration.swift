import SIPCore
import SIPTransport

/// Registration (RFC 3261 §10.2): one Call-ID and growing CSeq for the
/// user agent's life, our Contact bound for `registrationExpiry`, refreshed
/// at half the granted time, retried with back-off after a failure, and
/// removed (`Expires: 0`) by `stop()`.
extension SIPUserAgent {
    /// Sends REGISTER for `expiry` seconds; returns the granted expiry.
    func register(expiry: Int) async -> Result<Int, SIPUserAgentError> {
        guard let wire else { return .failure(.notStarted) }
        registrationSequence &+= 1
        let aor = account.addressOfRecord
        let registrar = SIPURI(isSecure: aor.isSecure, host: aor.host, port: aor.port)
        var request = makeRequest(
            "REGISTER", uri: .sip(registrar), to: SIPNameAddress(uri: .sip(aor)), callID: registrationCallID,
            fromTag: registrationTag, sequence: registrationSequence, wire: wire)
        let ours = contact(wire)
        request.headers.append(SIPHeaderName.contact, ours.description)
        request.headers.append(SIPHeaderName.expires, String(max(expiry, 0)))
        request.headers.append("Allow", Self.allowedMethods)
        let (sent, outcome) = await sendAuthenticated(request, to: configuration.server)
        if let sequence = ((try? sent.headers.cseq()) ?? nil)?.sequence {
            registrationSequence = max(registrationSequence, sequence)
        }
        switch outcome {
        case .failure(let error):
            logger.debug("sip ua register failed", metadata: ["sip.error": "\(error)"])
            return .failure(.registrationFailed(statusCode: nil, reason: "\(error)"))
        case .success(let response):
            guard response.isSuccess else {
                logger.debug("sip ua register refused", metadata: ["sip.status": "\(response.statusCode)"])
                return .failure(.registrationFailed(statusCode: response.statusCode, reason: response.reasonPhrase))
            }
            return .success(Self.grantedExpiry(in: response, contact: ours, requested: expiry))
        }
    }

    /// §10.2.4: our binding's `expires` in the 200, else `Expires`, else what
    /// we asked — kept within 1…requested, since a registrar may shorten the
    /// time but not lengthen it (§10.3), and the value comes off the wire.
    static func grantedExpiry(in response: SIPResponse, contact: SIPNameAddress, requested: Int) -> Int {
        min(max(statedExpiry(in: response, contact: contact) ?? requested, 1), max(requested, 1))
    }

    private static func statedExpiry(in response: SIPResponse, contact: SIPNameAddress) -> Int? {
        let mine = ((try? response.headers.contacts()) ?? []).compactMap(\.address).first { listed in
            guard let listedURI = listed.uri.sipURI, let ourURI = contact.uri.sipURI else { return false }
            return listedURI.user == ourURI.user && listedURI.host.lowercased() == ourURI.host.lowercased()
                && listedURI.port == ourURI.port
        }
        if let value = mine?.parameters["expires"].flatMap({ Int($0) }) { return value }
        if let value = response.headers.expires() { return Int(exactly: value) }
        return nil
    }

    /// Half the granted time, at least a second.
    static func refreshDelay(granted: Int) -> Double {
        max(Double(granted) / 2, 1)
    }

    func scheduleRefresh(afterSeconds delay: Double) {
        refreshTask?.cancel()
        refreshTask = Task { [weak self] in
            guard (try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))) != nil, let self else { return }
            await self.refreshRegistration()
        }
    }

    /// A refresh; a failure is reported and retried after 1, 2, 4 … 60 seconds.
    func refreshRegistration() async {
        guard runState == .running else { return }
        let outcome = await register(expiry: configuration.registrationExpiry)
        guard runState == .running, !Task.isCancelled else { return }
        switch outcome {
        case .success(let granted):
            refreshFailures = 0
            emit(.registration(.registered(expires: granted)))
            scheduleRefresh(afterSeconds: Self.refreshDelay(granted: granted))
        case .failure(let error):
            refreshFailures += 1
            emit(.registration(Self.failedState(error)))
            scheduleRefresh(afterSeconds: Double(min(1 << min(refreshFailures - 1, 6), 60)))
        }
    }
}
