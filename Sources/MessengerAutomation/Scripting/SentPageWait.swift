import MessengerKit

/// What `msgr page --wait` makes of a Page window's `Window.get_SentPages`
/// list while it waits: the page it sent is the one at the index the list's
/// count had before sending (later pages, sent by someone else meanwhile,
/// do not count), and a page still sending at the deadline is a failure.
public enum SentPageWait {
    public enum Verdict: Sendable, Equatable {
        /// Ask again later.
        case waiting
        /// The page's entry, no longer sending (sent or failed).
        case settled(JSONValue)
        /// Why waiting ended without an answer.
        case gaveUp(String)
    }

    /// `pages` as listed now, `index` the page's position (the count before
    /// it was sent), `pastDeadline` whether the wait is over.
    public static func verdict(pages: [JSONValue], index: Int, pastDeadline: Bool) -> Verdict {
        guard pages.indices.contains(index) else {
            return pastDeadline ? .gaveUp("the page was not listed in its window") : .waiting
        }
        let page = pages[index]
        if page["status"]?.stringValue != "sending" { return .settled(page) }
        return pastDeadline ? .gaveUp("the server did not answer the page in time; it may still arrive") : .waiting
    }
}
