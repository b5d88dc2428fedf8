import NIOCore
import XMPPCore

extension BenchConnectionHandler {
    /// Stanzas once available: measured chats and status changes, roster
    /// pushes, subscription requests (always approved) and IQs to answer.
    func sessionStanza(_ element: XMLElement, _ context: ChannelHandlerContext) {
        switch element.name {
        case "message":
            if element[attribute: "type"] == "error" {
                shared.recorder.messageError()
            } else if let body = element.child("body")?.text,
                let (sequence, sent) = BenchBody.message(body, runID: shared.recorder.runID)
            {
                shared.recorder.messageReceived(sequence: sequence, sentNanoseconds: sent, now: MonotonicClock.nanoseconds())
            }
        case "presence":
            presence(element, context)
        case "iq":
            iq(element, context)
        default:
            return
        }
    }

    private func presence(_ element: XMLElement, _ context: ChannelHandlerContext) {
        guard let from = element[attribute: "from"] else { return }
        switch element[attribute: "type"] {
        case "subscribe":
            shared.recorder.subscriptionTraffic()
            let bare = from.split(separator: "/", maxSplits: 1).first.map(String.init) ?? from
            send(BenchStanzas.presence(type: "subscribed", to: bare), context)
            // A ring contact asking first: ask back, so the pair ends up
            // mutual (unless we already see the contact or asked).
            if let contact = shared.userIndex(in: bare), shared.ring.contacts(of: index).contains(contact),
                !subscription(of: contact).seesContact, !subscription(of: contact).asking, !reciprocated.contains(contact)
            {
                reciprocated.insert(contact)
                send(BenchStanzas.presence(type: "subscribe", to: bare), context)
            }
        case "subscribed", "unsubscribe", "unsubscribed":
            shared.recorder.subscriptionTraffic()
        case nil:
            guard let status = element.child("status")?.text,
                let sent = BenchBody.presence(status, runID: shared.recorder.runID),
                let sender = shared.userIndex(in: from), sender != index,
                shared.ring.contacts(of: index).contains(sender)
            else { return }
            shared.recorder.presenceSeen(sentNanoseconds: sent, now: MonotonicClock.nanoseconds())
        default:
            return
        }
    }

    private func iq(_ element: XMLElement, _ context: ChannelHandlerContext) {
        let type = element[attribute: "type"]
        if type == "result", element[attribute: "id"] == "recount" {
            recount(element.child("query", namespace: XMLNamespace.roster), context)
            return
        }
        guard type == "get" || type == "set", let id = element[attribute: "id"] else { return }
        let from = element[attribute: "from"]
        if type == "set", let query = element.child("query", namespace: XMLNamespace.roster) {
            // A roster push (RFC 6121 §2.1.6) comes from our own account only.
            guard from == nil || shared.userIndex(in: from ?? "") == index else { return }
            shared.recorder.subscriptionTraffic()
            for item in query.children("item", namespace: XMLNamespace.roster) { updateRoster(item) }
            send(BenchStanzas.iqResult(id: id, to: from), context)
        } else if type == "get", element.child("ping", namespace: XMLNamespace.ping) != nil {
            send(BenchStanzas.iqResult(id: id, to: from), context)
        } else {
            send(BenchStanzas.iqUnsupported(id: id, to: from), context)
        }
    }

    /// A fresh roster during provisioning (after a stall): every ring
    /// contact's state read anew, then `subscribe` wherever this side still
    /// has to ask, pending requests included (they may have been lost).
    private func recount(_ query: XMLElement?, _ context: ChannelHandlerContext) {
        var fresh: [Int: ContactSubscription] = [:]
        let ring = shared.ring.contacts(of: index)
        for item in query?.children("item", namespace: XMLNamespace.roster) ?? [] {
            if let contact = item[attribute: "jid"].flatMap(shared.userIndex(in:)), ring.contains(contact) {
                fresh[contact] = ContactSubscription(item: item)
            }
        }
        let mutualBefore = roster.values.count(where: \.isMutual)
        shared.recorder.mutualContacts(fresh.values.count(where: \.isMutual) - mutualBefore)
        roster = fresh
        for contact in awaitingAnswer where subscription(of: contact).isMutual { answered(contact) }
        reciprocated = []
        requestMissingSubscriptions(retrying: true, context)
    }

    /// `subscribe` to every ring contact this side still has to ask; how many.
    @discardableResult
    func requestMissingSubscriptions(retrying: Bool, _ context: ChannelHandlerContext) -> Int {
        var sent = 0
        for contact in shared.ring.contacts(of: index)
        where subscription(of: contact).needsRequest(forward: shared.ring.isForward(from: index, to: contact), retrying: retrying) {
            send(BenchStanzas.presence(type: "subscribe", to: shared.jid(contact)), context)
            if !retrying { awaitingAnswer.insert(contact) }
            sent += 1
        }
        return sent
    }

    func subscription(of contact: Int) -> ContactSubscription {
        roster[contact] ?? .absent
    }

    /// Keeps `roster` and the recorder's mutual count in step with one roster item.
    func updateRoster(_ item: XMLElement) {
        guard let jid = item[attribute: "jid"], let contact = shared.userIndex(in: jid),
            shared.ring.contacts(of: index).contains(contact)
        else { return }
        let state = ContactSubscription(item: item)
        let wasMutual = subscription(of: contact).isMutual
        roster[contact] = state
        if state.isMutual != wasMutual { shared.recorder.mutualContacts(state.isMutual ? 1 : -1) }
        if state.isMutual { answered(contact) }
    }

    /// A pair this session asked for is mutual: the request no longer holds provisioning's window.
    private func answered(_ contact: Int) {
        if awaitingAnswer.remove(contact) != nil { shared.recorder.subscriptionAnswered() }
    }
}
