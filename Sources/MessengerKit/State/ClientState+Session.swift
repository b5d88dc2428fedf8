import XMPPCore

/// Signing in and out (§3.1.2, §3.1.14, §3.1.15) and what the connection
/// does underneath: synchronizing, dropping, reconnecting.
extension ClientState {
    /// `AutoSignin`: E_FAIL without stored credentials (C7); already signed in
    /// ⇒ MSGR_E_ALREADY_LOGGED_ON; otherwise S_OK and the attempt's outcome
    /// arrives as `OnSignin`, readiness as `OnMyStatusChange(MISTATUS_ONLINE)`.
    mutating func autoSignin() throws(MessengerError) {
        guard phase == .signedOut else {
            throw MessengerError(.MSGR_E_ALREADY_LOGGED_ON, "already signed in")
        }
        guard hasStoredCredentials else {
            throw MessengerError(.E_FAIL, "no stored credentials to sign in with")
        }
        setPhase(.connecting)
        setMyStatus(.localConnectingToServer)
        perform(.connect)
    }

    /// `Signout`: MSGR_E_NOT_LOGGED_ON when not signed in. Raises `OnSignout`
    /// and `OnMyStatusChange(LOCAL_DISCONNECTING_FROM_SERVER)`, closes every
    /// conversation window (R6), then goes offline once the stream is closed.
    mutating func signout() throws(MessengerError) {
        guard phase != .signedOut else { throw MessengerError(.MSGR_E_NOT_LOGGED_ON, "not signed in") }
        emit(.signout)
        setMyStatus(.localDisconnectingFromServer)
        closeAllWindowsAtSignout()
        perform(.disconnect)
        finishSignout(reportOffline: false)
    }

    /// The stream closed after `Signout`: the server has the logoff.
    mutating func signoutCompleted() {
        guard phase == .signedOut, myStatus == .localDisconnectingFromServer else { return }
        setMyStatus(.offline)
    }

    private mutating func finishSignout(reportOffline: Bool = true) {
        setPhase(.signedOut)
        forgetPresence(report: false)
        for key in contacts.keys { contacts[key]?.rosterEntry = nil }
        groups.removeAll()
        pendingSync.removeAll()
        pendingGroupEvents.removeAll()
        pendingRenames.removeAll()
        isInvisibleOnServer = false
        if reportOffline { setMyStatus(.offline) }
    }

    /// The stream is bound: load the list, then announce presence.
    mutating func connected(firstTime: Bool) {
        if firstTime { emit(.signin(.S_OK)) }
        setPhase(.synchronizing)
        setMyStatus(.localSynchronizingWithServer)
        pendingSync = [.roster, .blocklist, .groupList, .ownProfile]
        request(RosterIQ.get(version: nil), .rosterLoad)
        request(BlockingIQ.get(), .blocklistLoad)
        request(PrivateGroupList.request(), .groupListLoad)
        request(VCardProfile.request(for: nil), .ownProfileLoad)
    }

    /// A sign-in attempt failed before the stream was bound.
    mutating func signinFailed(_ hr: HRESULT) {
        guard phase == .connecting else { return }
        emit(.signin(hr))
        setPhase(.signedOut)
        setMyStatus(.offline, hr: hr)
    }

    /// The connection dropped while signed in: contacts look offline, windows
    /// stay open, and the engine reconnects.
    mutating func connectionLost() {
        guard phase == .synchronizing || phase == .online else { return }
        setPhase(.reconnecting)
        pendingSync.removeAll()
        forgetPresence(report: true)
        abandonUnconfirmedPages()
        isInvisibleOnServer = false
        setMyStatus(.localConnectingToServer, hr: .MSGR_E_DISCONNECTED)
    }

    /// Reconnecting gave up.
    mutating func reconnectAbandoned() {
        guard phase == .reconnecting else { return }
        closeAllWindowsAtSignout()
        finishSignout()
    }

    mutating func syncStepFinished(_ step: SyncStep) {
        guard phase == .synchronizing, pendingSync.remove(step) != nil, pendingSync.isEmpty else { return }
        setPhase(.online)
        publish(chosenStatus)
        setMyStatus(chosenStatus)
        for key in listedContacts {
            if let jid = contacts[key]?.jid { request(VCardProfile.request(for: jid), .contactProfile(key)) }
        }
    }
}
