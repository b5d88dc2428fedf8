import XMPPCore

/// RFC 6121 §3 and Appendix A: how each subscription stanza changes a roster
/// item, and whether the stanza travels on. Pure: tested without a server.
/// "Outbound" is the stanza as the local user sends it (their own item for
/// the contact); "inbound" is the stanza arriving at the other side (that
/// side's item for the sender). Pre-approval is not offered.
enum SubscriptionStateMachine {
    enum Kind: String, Sendable, CaseIterable { case subscribe, subscribed, unsubscribe, unsubscribed }

    struct State: Hashable, Sendable {
        var subscription: RosterItem.Subscription = .none
        var askOut = false
        var pendingIn = false
    }

    struct Outcome: Hashable, Sendable {
        var state: State
        /// Outbound: route the stanza to the contact. Inbound: deliver it to the user.
        var forward: Bool
        /// Inbound subscribe from an already-approved contact: the server answers `subscribed` itself.
        var autoReplySubscribed = false
    }

    static func outbound(_ kind: Kind, _ state: State) -> Outcome {
        var next = state
        switch kind {
        case .subscribe:
            if state.subscription == .none || state.subscription == .from { next.askOut = true }
            return Outcome(state: next, forward: true)
        case .subscribed:
            guard state.pendingIn else { return Outcome(state: state, forward: false) }
            next.pendingIn = false
            next.subscription = state.subscription == .to ? .both : .from
            return Outcome(state: next, forward: true)
        case .unsubscribe:
            next.askOut = false
            next.subscription = state.subscription.dropping(.to)
            return Outcome(state: next, forward: true)
        case .unsubscribed:
            next.pendingIn = false
            next.subscription = state.subscription.dropping(.from)
            return Outcome(state: next, forward: next != state)
        }
    }

    static func inbound(_ kind: Kind, _ state: State) -> Outcome {
        var next = state
        switch kind {
        case .subscribe:
            if state.subscription == .from || state.subscription == .both {
                return Outcome(state: state, forward: false, autoReplySubscribed: true)
            }
            next.pendingIn = true
            return Outcome(state: next, forward: !state.pendingIn)
        case .subscribed:
            guard state.askOut else { return Outcome(state: state, forward: false) }
            next.askOut = false
            next.subscription = state.subscription == .from ? .both : .to
            return Outcome(state: next, forward: true)
        case .unsubscribe:
            next.pendingIn = false
            next.subscription = state.subscription.dropping(.from)
            return Outcome(state: next, forward: next != state)
        case .unsubscribed:
            next.askOut = false
            next.subscription = state.subscription.dropping(.to)
            return Outcome(state: next, forward: next != state)
        }
    }
}

extension RosterItem.Subscription {
    /// Removes one direction: both − to = from, to − to = none, and so on.
    func dropping(_ direction: RosterItem.Subscription) -> RosterItem.Subscription {
        switch (self, direction) {
        case (.both, .to): .from
        case (.both, .from): .to
        case (.to, .to), (.from, .from): .none
        default: self
        }
    }

    var givesPresenceToContact: Bool { self == .from || self == .both }
    var receivesPresenceFromContact: Bool { self == .to || self == .both }
}

extension RosterItem {
    var subscriptionState: SubscriptionStateMachine.State {
        get { .init(subscription: subscription, askOut: askOut, pendingIn: pendingIn) }
        set {
            subscription = newValue.subscription
            askOut = newValue.askOut
            pendingIn = newValue.pendingIn
        }
    }

    /// An unlisted item with nothing pending carries no information.
    var isEmptyShadow: Bool { !listed && subscription == .none && !askOut && !pendingIn }

    /// `<item jid name subscription [ask]><group/>…</item>` (RFC 6121 §2.1.2).
    var element: XMLElement {
        var attributes = ["jid": jid.description, "subscription": subscription.rawValue]
        if let name { attributes["name"] = name }
        if askOut { attributes["ask"] = "subscribe" }
        return XMLElement(
            name: "item", namespace: XMLNamespace.roster, attributes: attributes,
            children: groups.map { .element(XMLElement(name: "group", namespace: XMLNamespace.roster, text: $0)) })
    }
}
