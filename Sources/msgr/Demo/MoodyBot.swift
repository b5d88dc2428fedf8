import Logging
import MessengerKit
import XMPPCore

/// moody@demo.test: changes its presence every few seconds,
/// online → away → busy (dnd) → online…, each with a status text.
struct MoodyBot: DemoBot {
    let username = "moody"
    let displayName = "Moody Bot"
    var interval: Duration = .seconds(5)

    /// `<show/>` (nil = available) and the status text, in order.
    static let moods: [(show: String?, status: String)] = [
        (nil, "Feeling chatty"),
        ("away", "Out for coffee"),
        ("dnd", "Do not disturb: thinking hard"),
    ]

    func run(on connection: XMPPClientConnection, logger: Logger) async {
        await withDiscardingTaskGroup { group in
            group.addTask {
                // Nothing to answer; reading keeps the queue empty.
                for await _ in connection.stanzas {}
            }
            group.addTask {
                var index = 0
                while !Task.isCancelled {
                    try? await connection.send(Self.presence(Self.moods[index % Self.moods.count]))
                    index += 1
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    static func presence(_ mood: (show: String?, status: String)) -> XMLElement {
        var presence = XMLElement(name: "presence", namespace: XMLNamespace.client)
        if let show = mood.show { presence.append(XMLElement(name: "show", namespace: XMLNamespace.client, text: show)) }
        presence.append(XMLElement(name: "status", namespace: XMLNamespace.client, text: mood.status))
        return presence
    }
}
