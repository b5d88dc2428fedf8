import XMPPCore

/// RFC 6121 §5: chat and other messages from a bound client.
struct MessageModule: Sendable {
    func handleOutbound(_ stanza: XMLElement, to: JID, from session: ClientSession, context: ServerContext) async throws {
        if context.isServer(to) {
            // Nothing on the server reads messages; errors are never answered.
            if stanza.stanzaType != "error" { session.send(stanza.errorReply(StanzaError(.serviceUnavailable))) }
            return
        }
        if PagingModule.isPage(stanza), context.isLocalUser(to) {
            await PagingModule(context: context).deliver(stanza, to: to, from: session.jid)
            return
        }
        await LocalDelivery(context: context).deliver(stanza, to: to, from: session.jid)
    }
}
