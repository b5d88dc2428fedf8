import Foundation

/// One page sent from a Page window and what became of it: sending until
/// the server's receipt or bounce arrives (docs/protocol.md, "Page messages").
struct SentPage: Sendable, Hashable {
    /// The page's stanza id, which the receipt and a bounce carry back.
    let id: String
    let line: TranscriptLine
    var status: PageStatus
}

enum PageStatus: Sendable, Hashable {
    case sending
    case sent(PageReceipt)
    /// The reason, readable.
    case failed(String)

    /// `sending`, `sent` or `failed`.
    var name: String {
        switch self {
        case .sending: "sending"
        case .sent: "sent"
        case .failed: "failed"
        }
    }

    /// What the Page window says, e.g. "Sent" (the server says no more),
    /// "Sent to 2 devices + pager gateway",
    /// "Stored until Bob signs in", "Not sent: bob@example.test has not enabled paging".
    func text(contactName: String) -> String {
        switch self {
        case .sending:
            return "Sending…"
        case .failed(let reason):
            return "Not sent: \(reason)"
        case .sent(let receipt):
            guard let delivery = receipt.delivery else { return "Sent" }
            var parts: [String] = []
            if delivery.devices > 0 { parts.append("Sent to \(delivery.devices) device\(delivery.devices == 1 ? "" : "s")") }
            if delivery.stored { parts.append("Stored until \(contactName) signs in") }
            var text = parts.isEmpty ? "Not delivered to any device" : parts.joined(separator: "; ")
            switch delivery.gateway {
            case .delivered: text += " + pager gateway"
            case .failed: text += "; pager gateway failed"
            case .notSet: break
            }
            return text
        }
    }
}
