import Histogram
import NIOConcurrencyHelpers

/// What every connection reports to, from any event loop: delivered
/// messages and presences with their latency, mutual contacts, errors.
/// One lock; its critical sections are a few counter updates.
final class BenchRecorder: Sendable {
    struct State {
        var messageLatency = BenchRecorder.makeHistogram()
        var presenceLatency = BenchRecorder.makeHistogram()
        var received = 0
        var duplicates = 0
        var messageErrors = 0
        var receivedSequences: [Bool] = []
        var presencesSeen = 0
        var mutualEdges = 0
        /// Roster pushes and subscription presences received: while they
        /// keep coming, the server is still working through requests.
        var subscriptionTraffic = 0
        /// Sessions that acted on `requestMissingSubscriptions`, and the
        /// `subscribe` requests they sent: provisioning paces itself by them.
        var sessionsAsked = 0
        var subscriptionRequests = 0
        /// Of those requests, how many have their pair mutual now.
        var subscriptionAnswers = 0
        var unexpectedCloses = 0
        /// The slowest message since the last progress line (µs): shows when a stall happened.
        var worstSinceReport: UInt64 = 0
    }

    /// Tells this run's messages and presences from leftovers of earlier
    /// runs (offline messages delivered at login).
    let runID: String
    private let state = NIOLockedValueBox(State())

    init(runID: String) {
        self.runID = runID
    }

    /// Microseconds from 1 µs to one hour, three significant digits.
    static func makeHistogram() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    }

    func messageReceived(sequence: Int, sentNanoseconds: UInt64, now: UInt64) {
        state.withLockedValue { state in
            guard sequence >= 0, sequence < 100_000_000 else { return }
            if sequence >= state.receivedSequences.count {
                state.receivedSequences.append(
                    contentsOf: repeatElement(false, count: max(sequence + 1 - state.receivedSequences.count, 4096)))
            }
            if state.receivedSequences[sequence] {
                state.duplicates += 1
                return
            }
            state.receivedSequences[sequence] = true
            state.received += 1
            let latency = Self.microseconds(from: sentNanoseconds, to: now)
            state.worstSinceReport = max(state.worstSinceReport, latency)
            _ = state.messageLatency.record(latency)
        }
    }

    func messageError() {
        state.withLockedValue { $0.messageErrors += 1 }
    }

    func presenceSeen(sentNanoseconds: UInt64, now: UInt64) {
        state.withLockedValue { state in
            state.presencesSeen += 1
            _ = state.presenceLatency.record(Self.microseconds(from: sentNanoseconds, to: now))
        }
    }

    func mutualContacts(_ count: Int) {
        state.withLockedValue { $0.mutualEdges += count }
    }

    func subscriptionTraffic() {
        state.withLockedValue { $0.subscriptionTraffic += 1 }
    }

    func askedForSubscriptions(_ requests: Int) {
        state.withLockedValue { state in
            state.sessionsAsked += 1
            state.subscriptionRequests += requests
        }
    }

    func subscriptionAnswered() {
        state.withLockedValue { $0.subscriptionAnswers += 1 }
    }

    func unexpectedClose() {
        state.withLockedValue { $0.unexpectedCloses += 1 }
    }

    /// Everything, histograms included (a copy: for the end of a phase).
    var snapshot: State { state.withLockedValue { $0 } }

    // Cheap counters for polling.
    var received: Int { state.withLockedValue { $0.received } }
    var mutualEdges: Int { state.withLockedValue { $0.mutualEdges } }
    var subscriptionTrafficCount: Int { state.withLockedValue { $0.subscriptionTraffic } }
    var presencesSeen: Int { state.withLockedValue { $0.presencesSeen } }
    var subscriptionAsking: (sessions: Int, requests: Int, answered: Int) {
        state.withLockedValue { ($0.sessionsAsked, $0.subscriptionRequests, $0.subscriptionAnswers) }
    }

    /// The slowest message delivered since the last call, in milliseconds.
    func takeWorstLatencyMs() -> Double {
        state.withLockedValue { state in
            defer { state.worstSinceReport = 0 }
            return Double(state.worstSinceReport) / 1000
        }
    }

    /// Starts the messaging figures afresh (the counters of other phases stay).
    func resetMessaging() {
        state.withLockedValue { state in
            state.messageLatency = Self.makeHistogram()
            state.received = 0
            state.duplicates = 0
            state.messageErrors = 0
            state.receivedSequences = []
            state.worstSinceReport = 0
        }
    }

    private static func microseconds(from start: UInt64, to end: UInt64) -> UInt64 {
        guard end > start else { return 1 }
        return min(max((end - start) / 1000, 1), 3_600_000_000)
    }
}
