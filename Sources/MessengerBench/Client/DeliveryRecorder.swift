import Histogram
import NIOConcurrencyHelpers

/// Where the online contacts report the bench texts they read: each body
/// carries its sequence number and the send time (monotonic nanoseconds,
/// one process), so latency needs no table of sends.
final class DeliveryRecorder: Sendable {
    struct State {
        var latency = BenchRecorder.makeHistogram()
        var seen: Set<Int> = []
    }

    static let prefix = "clientbench"
    private let state = NIOLockedValueBox(State())

    /// `clientbench <sequence> <sent nanoseconds>`.
    static func body(sequence: Int, sentNanoseconds: UInt64) -> String {
        "\(prefix) \(sequence) \(sentNanoseconds)"
    }

    /// Records a body this bench wrote; anything else is ignored.
    func received(body: String, now: UInt64) {
        let parts = body.split(separator: " ")
        guard parts.count == 3, parts[0] == Self.prefix, let sequence = Int(parts[1]), let sent = UInt64(parts[2]) else { return }
        state.withLockedValue { state in
            guard state.seen.insert(sequence).inserted else { return }
            let microseconds = now > sent ? (now - sent) / 1000 : 1
            _ = state.latency.record(min(max(microseconds, 1), 3_600_000_000))
        }
    }

    var receivedCount: Int { state.withLockedValue { $0.seen.count } }
    var latency: Histogram<UInt64> { state.withLockedValue { $0.latency } }
}
