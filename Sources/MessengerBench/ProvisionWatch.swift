/// Decides, from what the sessions report, whether provisioning is done,
/// still moving, stalled (ask again) or hopeless (give up). "Moving" counts
/// subscription traffic as well as new mutual pairs: a slow server works
/// through a backlog for a long time before the pairs complete, and asking
/// again meanwhile only adds to the backlog.
struct ProvisionWatch {
    enum Action: Sendable, Hashable {
        case wait
        case retry
        case done
        case giveUp(reason: String)
    }

    let wanted: Int
    /// How long nothing may move before asking again.
    let quietPeriod: Duration
    /// Retries in a row that made no pair mutual before giving up.
    let fruitlessRetryLimit: Int
    /// Upper bound on the whole wait.
    let limit: Duration

    private(set) var retries = 0
    private var lastMutual = Int.min
    private var lastTraffic = Int.min
    private var lastChange = Duration.zero
    private var mutualAtLastRetry = Int.min
    private var fruitlessRetries = 0

    init(wanted: Int, quietPeriod: Duration = .seconds(10), fruitlessRetryLimit: Int = 3, limit: Duration) {
        self.wanted = wanted
        self.quietPeriod = quietPeriod
        self.fruitlessRetryLimit = fruitlessRetryLimit
        self.limit = limit
    }

    /// `mutual` pairs and `traffic` (stanzas) so far, `elapsed` since the wait began.
    mutating func observe(mutual: Int, traffic: Int, elapsed: Duration) -> Action {
        if mutual >= wanted { return .done }
        if elapsed >= limit { return .giveUp(reason: "time limit reached") }
        if mutual != lastMutual || traffic != lastTraffic {
            lastMutual = mutual
            lastTraffic = traffic
            lastChange = elapsed
            return .wait
        }
        guard elapsed - lastChange >= quietPeriod else { return .wait }
        if mutual == mutualAtLastRetry {
            fruitlessRetries += 1
            if fruitlessRetries >= fruitlessRetryLimit {
                return .giveUp(reason: "\(fruitlessRetries) requests again made no pair mutual")
            }
        } else {
            fruitlessRetries = 0
        }
        mutualAtLastRetry = mutual
        lastChange = elapsed
        retries += 1
        return .retry
    }
}
