import XMPPCore

/// Changes to the local user's own profile made through the engine's
/// settings calls (`Messenger.setPagerNumber`).
extension ClientState {
    /// Our vCard was replaced on the server: keep the profile, and tell
    /// contacts with a presence carrying the new hash so they re-read it.
    mutating func ownProfilePublished(_ vCard: XMLElement) {
        myProfile = VCardProfile(vCard: vCard)
        let hash = ProfileHash.of(vCard)
        guard hash != myProfileHash else { return }
        myProfileHash = hash
        // Invisible: contacts cannot see our presence; they re-read the vCard when we reappear.
        if phase == .online, chosenStatus != .invisible { publish(chosenStatus) }
    }
}
