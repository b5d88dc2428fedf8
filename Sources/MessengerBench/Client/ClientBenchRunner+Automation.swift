import Histogram
import Logging
import MessengerAutomation
import MessengerKit

extension ClientBenchRunner {
    static let instantMessage = "Messenger.InstantMessage"
    static let sendText = "ConversationWnd.SendText"
    static let myStatus = "Messenger.get_MyStatus"

    /// Opens the automation socket for the signed-in client and times
    /// `--iterations` rounds of InstantMessage → SendText, plus get_MyStatus
    /// (the floor: a read that touches nothing but the client's state). Texts
    /// go to the online contacts in turn, who time their arrival.
    func measureAutomation(
        _ messenger: Messenger, folder: String, recorder: DeliveryRecorder
    ) async throws -> (ClientBenchResult.Automation, ClientBenchResult.Delivery?) {
        let endpoint = AutomationEndpoint(messenger: messenger, socketPath: folder + "/automation.sock", logger: logger)
        try await endpoint.start()
        let client: AutomationClient
        do {
            client = try await AutomationClient.connect(socketPath: endpoint.socketPath)
        } catch {
            await endpoint.stop()
            throw error
        }
        configuration.progress("automation: \(configuration.iterations) × InstantMessage + SendText + get_MyStatus")
        var timings = CallTimings()
        var sent = 0
        for iteration in 0..<configuration.iterations {
            let contactIndex = configuration.online > 0 ? iteration % configuration.online : iteration % configuration.contacts
            let contact = "\(ClientBenchServer.contactName(contactIndex))@\(ClientBenchServer.domain)"
            let roundStart = ContinuousClock.now
            let window = await timings.time(Self.instantMessage) {
                try await client.call(Self.instantMessage, ["contact": .string(contact)]).value
            }
            if let window = window ?? nil {
                let body = DeliveryRecorder.body(sequence: iteration, sentNanoseconds: MonotonicClock.nanoseconds())
                if await timings.time(Self.sendText, { try await client.call(Self.sendText, ["handle": window, "text": .string(body)]) }) != nil {
                    sent += 1
                    timings.record("InstantMessage+SendText", ContinuousClock.now - roundStart)
                }
            } else if timings.firstError == nil {
                timings.firstError = "\(Self.instantMessage) returned no window"
            }
            _ = await timings.time(Self.myStatus) { try await client.call(Self.myStatus) }
            if (iteration + 1) % 500 == 0 { configuration.progress("automation: \(iteration + 1)/\(configuration.iterations)") }
        }
        await client.close()
        await endpoint.stop()

        let automation = ClientBenchResult.Automation(
            calls: [Self.instantMessage, Self.sendText, Self.myStatus].map { timings.latency($0) },
            roundTrip: timings.latency("InstantMessage+SendText"), firstError: timings.firstError)
        guard configuration.online > 0 else { return (automation, nil) }
        _ = await poll(until: ContinuousClock.now + timeout) { recorder.receivedCount >= sent ? true : nil }
        let received = recorder.receivedCount
        let latency = recorder.latency
        configuration.progress("delivery: \(received)/\(sent) texts received by the online contacts")
        return (automation, ClientBenchResult.Delivery(
            sent: sent, received: received, lost: max(sent - received, 0),
            p50Ms: Self.ms(latency.valueAtPercentile(50)), p99Ms: Self.ms(latency.valueAtPercentile(99)),
            maxMs: Self.ms(latency.totalCount > 0 ? latency.max : 0)))
    }

    static func ms(_ microseconds: UInt64) -> Double { Double(microseconds) / 1000 }
}

/// Request-to-reply times per method, in microseconds, and failures.
struct CallTimings {
    private var histograms: [String: Histogram<UInt64>] = [:]
    private var errors: [String: Int] = [:]
    var firstError: String?

    /// Runs one call, records its time (or its failure); nil when it failed.
    mutating func time<Value>(_ method: String, _ call: () async throws -> Value) async -> Value? {
        let start = ContinuousClock.now
        do {
            let value = try await call()
            record(method, ContinuousClock.now - start)
            return value
        } catch {
            errors[method, default: 0] += 1
            if firstError == nil { firstError = "\(method): \(error)" }
            return nil
        }
    }

    mutating func record(_ method: String, _ duration: Duration) {
        let microseconds = UInt64(max(duration.seconds * 1_000_000, 1).rounded())
        _ = histograms[method, default: BenchRecorder.makeHistogram()].record(min(microseconds, 3_600_000_000))
    }

    func latency(_ method: String) -> ClientBenchResult.CallLatency {
        let histogram = histograms[method] ?? BenchRecorder.makeHistogram()
        let empty = histogram.totalCount == 0
        return ClientBenchResult.CallLatency(
            method: method, count: Int(histogram.totalCount), errors: errors[method] ?? 0,
            p50Ms: ClientBenchRunner.ms(empty ? 0 : histogram.valueAtPercentile(50)),
            p99Ms: ClientBenchRunner.ms(empty ? 0 : histogram.valueAtPercentile(99)),
            maxMs: ClientBenchRunner.ms(empty ? 0 : histogram.max))
    }
}
