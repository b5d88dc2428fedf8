import Logging
import MessengerKit
import XMPPCore

/// pager@demo.test: publishes a vCard with work, home, mobile and pager
/// numbers (so `CanPage` is true) and acknowledges every page with a chat reply.
struct PagerBot: DemoBot {
    let username = "pager"
    let displayName = "Pager Bot"

    /// Our page extension element (docs/protocol.md).
    static let pageNamespace = "urn:xmpp:communicator:page:0"

    static let numbers: [(flags: [String], number: String)] = [
        (["WORK", "VOICE"], "+1 555 0100"),
        (["HOME", "VOICE"], "+1 555 0101"),
        (["VOICE", "CELL"], "+1 555 0102"),
        (["PAGER"], "+1 555 0199"),
    ]

    func run(on connection: XMPPClientConnection, logger: Logger) async {
        do {
            _ = try await connection.request(Self.publishVCard(fullName: displayName))
        } catch {
            logger.warning("pager bot could not publish its vCard", metadata: ["error": "\(error)"])
        }
        for await stanza in connection.stanzas {
            guard let (from, body) = stanza.demoMessage(type: "headline"),
                stanza.child("page", namespace: Self.pageNamespace) != nil
            else { continue }
            try? await connection.send(.demoChat(to: from, body: "Page received: \u{201C}\(body)\u{201D}"))
        }
    }

    /// `<iq type='set'><vCard xmlns='vcard-temp'>…` with FN and the TELs (XEP-0054).
    static func publishVCard(fullName: String) -> XMLElement {
        var vCard = XMLElement(name: "vCard", namespace: XMLNamespace.vcard)
        vCard.append(XMLElement(name: "FN", namespace: XMLNamespace.vcard, text: fullName))
        for (flags, number) in numbers {
            var tel = XMLElement(name: "TEL", namespace: XMLNamespace.vcard)
            for flag in flags { tel.append(XMLElement(name: flag, namespace: XMLNamespace.vcard)) }
            tel.append(XMLElement(name: "NUMBER", namespace: XMLNamespace.vcard, text: number))
            vCard.append(tel)
        }
        return XMLElement(
            name: "iq", namespace: XMLNamespace.client, attributes: ["type": "set"], children: [.element(vCard)])
    }
}
