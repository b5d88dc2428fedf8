import XMPPCore

/// Paging settings of the local user — project additions, not members of
/// the original API (docs/automation.md): the pager number that makes the
/// user pageable (`CanPage` for others), and the pager gateway webhook.
extension Messenger {
    /// Longest pager number accepted, in UTF-16 units.
    public static let maximumPagerNumberLength = 64

    /// Sets the pager number in the own vCard; nil or "" clears it (paging off).
    /// E_INVALIDARG for a number without digits, over 64 characters or with
    /// control characters; then MSGR_E_NOT_LOGGED_ON.
    public func setPagerNumber(_ number: String?) async throws(MessengerError) {
        let number = try Self.validatedPagerNumber(number)
        switch backend {
        case .local(let engine): try await engine.setPagerNumber(number)
        case .remote(let remote): try await remote.run("Communicator.SetPagerNumber", nil, ["number": number.remoteValue])
        }
    }

    /// Sets the pager gateway (`http://HOST[:PORT]/PATH`, at most 512
    /// characters); nil or "" removes it. E_INVALIDARG for anything else.
    public func setPagerGateway(_ url: String?) async throws(MessengerError) {
        let webhook = try Self.validatedPagerGateway(url)
        switch backend {
        case .local(let engine): try await engine.setPagerGateway(webhook)
        case .remote(let remote):
            try await remote.run("Communicator.SetPagerGateway", nil, ["url": webhook.map(\.description).remoteValue])
        }
    }

    /// The pager gateway stored for the user, "" when none.
    public func pagerGateway() async throws(MessengerError) -> String {
        switch backend {
        case .local(let engine): return try await engine.pagerGateway()?.description ?? ""
        case .remote(let remote): return try await remote.get("Communicator.GetPagerGateway")
        }
    }

    static func validatedPagerNumber(_ number: String?) throws(MessengerError) -> String? {
        guard let number, !number.isEmpty else { return nil }
        guard number.utf16.count <= maximumPagerNumberLength else {
            throw MessengerError(.E_INVALIDARG, "a pager number has at most \(maximumPagerNumberLength) characters")
        }
        guard number.contains(where: { $0.isASCII && $0.isNumber }) else {
            throw MessengerError(.E_INVALIDARG, "a pager number needs digits")
        }
        guard !number.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw MessengerError(.E_INVALIDARG, "a pager number cannot contain control characters or line breaks")
        }
        return number
    }

    static func validatedPagerGateway(_ url: String?) throws(MessengerError) -> PagerWebhookURL? {
        guard let url, !url.isEmpty else { return nil }
        guard let webhook = PagerWebhookURL(url) else {
            throw MessengerError(
                .E_INVALIDARG, "a pager gateway is http://HOST[:PORT]/PATH, at most \(PagerWebhookURL.maxLength) characters")
        }
        return webhook
    }
}
