import Foundation
import Histogram

extension BenchResult {
    /// One JSON object, keys in snake_case and sorted, plus "passed".
    public func json() throws -> String {
        struct Document: Encodable {
            let result: BenchResult
            let passed: Bool
            func encode(to encoder: any Encoder) throws {
                try result.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(passed, forKey: Key(stringValue: "passed"))
            }
        }
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        return try BenchJSON.encode(Document(result: self, passed: passed))
    }

    /// A table for people: one line per figure.
    public func table() -> String {
        var rows: [(String, String)] = []
        func add(_ name: String, _ value: String) { rows.append((name, value)) }
        func ms(_ value: Double) -> String { String(format: "%.3f ms", value) }
        func number(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }

        add("server", "\(settings.host):\(settings.port) (\(settings.domain)), \(settings.tls ? "TLS" : "plaintext")")
        add("users × contacts", "\(settings.users) × \(settings.roster)")
        if let provision {
            add("provision", "\(number(provision.seconds)) s, contacts mutual \(provision.contactsMutual)/\(provision.contactsWanted) (already \(provision.contactsAlreadyMutual)), failed \(provision.failed)")
            if let seconds = provision.subscribingSeconds {
                let cpu = provision.subscribingServer.map { ", server CPU \(number($0.cpuMs / 1000)) s" } ?? ""
                add("provision: subscribing", "\(number(seconds)) s\(cpu)")
            }
        }
        add("login: ready / failed", "\(login.ready) / \(login.failed)")
        add("login: time to all ready", "\(number(login.seconds, 2)) s")
        add("login: rate", "\(number(login.loginsPerSecond)) logins/s")
        if let error = login.firstError ?? provision?.firstError { add("login: first error", error) }
        if let messaging {
            add("messages: sent / received / lost", "\(messaging.sent) / \(messaging.received) / \(messaging.lost)")
            if messaging.skipped > 0 { add("messages skipped (no contact online)", "\(messaging.skipped)") }
            if messaging.duplicates + messaging.errors > 0 {
                add("messages: duplicates / errors", "\(messaging.duplicates) / \(messaging.errors)")
            }
            add("messages: rate (target)", "\(number(messaging.achievedPerSecond)) msg/s (\(messaging.targetPerSecond))")
            add("messages: latency p50 / p99 / p99.9 / max", [messaging.latency.p50Ms, messaging.latency.p99Ms, messaging.latency.p999Ms, messaging.latency.maxMs].map(ms).joined(separator: " / "))
            if let cpu = messaging.serverCpuMsPerMessage { add("server CPU per message", String(format: "%.4f ms", cpu)) }
        }
        if let presence {
            add("presence: seen / expected", "\(presence.seen) / \(presence.expected) (\(presence.changers) changers)")
            add("presence: latency p50 / p99 / max", [presence.latency.p50Ms, presence.latency.p99Ms, presence.latency.maxMs].map(ms).joined(separator: " / "))
        }
        if let idle {
            if let perSession = idle.serverRssKibPerSession {
                add("server RSS per idle session", "\(number(perSession, 2)) KiB (\(idle.sessions) sessions)")
            }
            if let server = idle.server { add("server RSS while idle", "\(server.rssAfterKib) KiB") }
        }
        if unexpectedCloses > 0 { add("sessions closed by the server", "\(unexpectedCloses)") }
        add("result", passed ? "PASS" : "FAIL")
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}

extension BenchResult.Latency {
    init(_ histogram: Histogram<UInt64>) {
        func ms(_ microseconds: UInt64) -> Double { Double(microseconds) / 1000 }
        count = Int(histogram.totalCount)
        guard count > 0 else {
            p50Ms = 0; p99Ms = 0; p999Ms = 0; maxMs = 0
            return
        }
        p50Ms = ms(histogram.valueAtPercentile(50))
        p99Ms = ms(histogram.valueAtPercentile(99))
        p999Ms = ms(histogram.valueAtPercentile(99.9))
        maxMs = ms(histogram.max)
    }
}
