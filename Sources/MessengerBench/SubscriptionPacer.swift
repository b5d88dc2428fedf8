/// Decides how many more sessions provisioning tells to ask for their
/// missing contacts, so that at most `window` subscription requests wait
/// for an answer at a time. A request counts as answered once the session
/// that sent it sees its pair mutual; pairs that complete from requests of
/// an earlier run do not count (counting every new mutual pair let all
/// 19,000 sessions ask within minutes on a half-provisioned ejabberd).
/// Sessions told to ask but not yet reported count as if each sent a full
/// set of requests.
struct SubscriptionPacer {
    /// Unanswered requests allowed: enough to keep a fast server busy for
    /// a while, few enough that a slow one never builds a backlog of minutes.
    static let window = 2_000

    let sessions: Int
    let requestsPerSession: Int
    let window: Int
    /// Sessions told to ask so far (always the first `asked`).
    private(set) var asked = 0
    /// Requests given up on (`writeOff`): they no longer hold the window.
    private var writtenOff = 0
    private var lastOutstanding = 0

    init(sessions: Int, requestsPerSession: Int, window: Int = SubscriptionPacer.window) {
        self.sessions = sessions
        self.requestsPerSession = max(requestsPerSession, 1)
        self.window = window
    }

    /// The range of sessions to tell next, given what the sessions reported
    /// so far: how many acted, the requests they sent, and how many of those
    /// have their pair mutual.
    mutating func sessionsToAsk(reported: Int, requests: Int, answered: Int) -> Range<Int> {
        let notReported = max(asked - reported, 0)
        let outstanding = max(requests + notReported * requestsPerSession - answered - writtenOff, 0)
        lastOutstanding = outstanding
        let room = max(window - outstanding, 0)
        let more = min(room / requestsPerSession, sessions - asked)
        let range = asked..<(asked + more)
        asked += more
        return range
    }

    /// After a quiet spell: what is still unanswered may never be (a lost
    /// request, a contact whose sign-in failed), so it stops holding the
    /// window; retries ask for it again anyway.
    mutating func writeOff() {
        writtenOff += lastOutstanding
        lastOutstanding = 0
    }
}
