import Foundation

extension ClientBenchResult {
    /// One JSON object, keys in snake_case and sorted, plus "passed".
    public func json() throws -> String {
        struct Document: Encodable {
            let result: ClientBenchResult
            let passed: Bool
            enum Key: String, CodingKey { case passed }
            func encode(to encoder: any Encoder) throws {
                try result.encode(to: encoder)
                var container = encoder.container(keyedBy: Key.self)
                try container.encode(passed, forKey: .passed)
            }
        }
        return try BenchJSON.encode(Document(result: self, passed: passed))
    }

    /// A table for people: one line per figure.
    public func table() -> String {
        var rows: [(String, String)] = []
        func add(_ name: String, _ value: String) { rows.append((name, value)) }
        func ms(_ values: Double...) -> String { values.map { String(format: "%.3f", $0) }.joined(separator: " / ") + " ms" }

        add("contacts (online)", "\(settings.contacts) (\(settings.online))")
        add("provision", String(format: "%.2f s", provisionSeconds))
        add("sign-ins: done / failed", "\(signin.samples.count) / \(signin.failed)")
        add("sign-in → OnSignin min / median / max", ms(signin.toOnSignin.minMs, signin.toOnSignin.medianMs, signin.toOnSignin.maxMs))
        add("sign-in → contact list min / median / max", ms(signin.toContactList.minMs, signin.toContactList.medianMs, signin.toContactList.maxMs))
        if let last = signin.samples.last {
            add("contact list: listed / online", "\(last.contactsListed) / \(last.contactsOnline)")
        }
        if let error = signin.firstError { add("sign-in: first error", error) }
        if let automation {
            for call in automation.calls + [automation.roundTrip] {
                add("\(call.method) p50 / p99 / max", ms(call.p50Ms, call.p99Ms, call.maxMs) + " (\(call.count) calls, \(call.errors) errors)")
            }
            if let error = automation.firstError { add("automation: first error", error) }
        } else {
            add("automation", "not run (the client did not sign in)")
        }
        if let delivery {
            add("texts: sent / received / lost", "\(delivery.sent) / \(delivery.received) / \(delivery.lost)")
            add("SendText → contact p50 / p99 / max", ms(delivery.p50Ms, delivery.p99Ms, delivery.maxMs))
        }
        add("result", passed ? "PASS" : "FAIL")
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }
}
