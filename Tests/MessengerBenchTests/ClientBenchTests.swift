import Foundation
import MessengerBench
import Testing

/// `msgr bench-client` at tiny sizes: every figure is counted as asked and
/// every contact arrives. Timings are printed by the command, never asserted.
@Suite struct ClientBenchTests {
    static func configuration(contacts: Int, online: Int, signins: Int, iterations: Int) -> ClientBenchConfiguration {
        var configuration = ClientBenchConfiguration()
        configuration.contacts = contacts
        configuration.online = online
        configuration.signins = signins
        configuration.iterations = iterations
        configuration.timeoutSeconds = 60
        return configuration
    }

    @Test func smallRunCountsWhatWasAsked() async throws {
        let result = try await ClientBenchRunner(configuration: Self.configuration(contacts: 50, online: 5, signins: 2, iterations: 50)).run()

        #expect(result.signin.failed == 0)
        #expect(result.signin.samples.count == 2)
        #expect(result.signin.toOnSignin.count == 2)
        #expect(result.signin.toContactList.count == 2)
        for sample in result.signin.samples {
            #expect(sample.contactsListed == 50)
            #expect(sample.contactsOnline == 5)
            #expect(sample.toContactListMs >= sample.toOnSigninMs)
        }
        let automation = try #require(result.automation)
        #expect(automation.calls.map(\.method) == ["Messenger.InstantMessage", "ConversationWnd.SendText", "Messenger.get_MyStatus"])
        #expect(automation.calls.map(\.count) == [50, 50, 50])
        #expect(automation.calls.map(\.errors) == [0, 0, 0])
        #expect(automation.roundTrip.count == 50)
        #expect(automation.firstError == nil)
        let delivery = try #require(result.delivery)
        #expect(delivery.sent == 50)
        #expect(delivery.received == 50)
        #expect(delivery.lost == 0)
        #expect(result.passed)

        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.json().utf8)) as? [String: Any])
        #expect(json["passed"] as? Bool == true)
        #expect((json["settings"] as? [String: Any])?["contacts"] as? Int == 50)
        #expect(((json["signin"] as? [String: Any])?["to_contact_list"] as? [String: Any])?["count"] as? Int == 2)
        #expect(result.table().split(separator: "\n").last?.hasSuffix("  PASS") == true)
    }

    /// A roster result of this size is over 256 KiB: the client used to cut
    /// the stream and never list anyone.
    @Test func aContactListOverAQuarterMebibyteArrivesWhole() async throws {
        let result = try await ClientBenchRunner(configuration: Self.configuration(contacts: 4500, online: 0, signins: 1, iterations: 1)).run()

        #expect(result.signin.failed == 0)
        #expect(result.signin.samples.map(\.contactsListed) == [4500])
        #expect(result.delivery == nil)
        #expect(result.passed)
    }

    @Test func noOnlineContactsMeansNoDeliveryFigures() async throws {
        let result = try await ClientBenchRunner(configuration: Self.configuration(contacts: 3, online: 0, signins: 1, iterations: 3)).run()

        #expect(result.signin.samples.map(\.contactsOnline) == [0])
        #expect(result.automation?.calls.map(\.count) == [3, 3, 3])
        #expect(result.delivery == nil)
        #expect(result.passed)
    }

    @Test func defaultsAreValid() throws {
        let defaults = ClientBenchConfiguration()
        let figures: [Int] = [defaults.contacts, defaults.online, defaults.signins, defaults.iterations]
        #expect(figures == [5000, 50, 5, 2000])
        try defaults.validate()
    }

    @Test(arguments: [
        (configured { $0.contacts = 0 }, "--contacts must be 1…100000, not 0"),
        (configured { $0.contacts = 10; $0.online = 11 }, "--online must be 0…10 (at most --contacts and 1000), not 11"),
        (configured { $0.online = -1 }, "--online must be 0…1000 (at most --contacts and 1000), not -1"),
        (configured { $0.online = 1001 }, "--online must be 0…1000 (at most --contacts and 1000), not 1001"),
        (configured { $0.signins = 0 }, "--signins must be 1…1000, not 0"),
        (configured { $0.iterations = 0 }, "--iterations must be 1…1000000, not 0"),
        (configured { $0.timeoutSeconds = 0 }, "--timeout must be 1…3600 seconds, not 0"),
        (configured { $0.folder = "/tmp/" + String(repeating: "x", count: 80) }, "--folder must be at most 80 bytes long (the socket path goes inside it)"),
    ])
    func badSettingsAreRefusedWithTheirFlag(configuration: ClientBenchConfiguration, message: String) async {
        #expect(throws: BenchConfigurationError(message)) { try configuration.validate() }
        await #expect(throws: BenchConfigurationError(message)) { try await ClientBenchRunner(configuration: configuration).run() }
    }

    @Test func spreadTakesTheMiddleOfTheSamples() {
        #expect(ClientBenchResult.Spread(samplesMs: [3, 1, 2]) == .init(samplesMs: [1, 2, 3]))
        let odd = ClientBenchResult.Spread(samplesMs: [5, 1, 3])
        let figures: [Double] = [Double(odd.count), odd.minMs, odd.medianMs, odd.maxMs]
        #expect(figures == [3, 1, 3, 5])
        #expect(ClientBenchResult.Spread(samplesMs: [4, 1, 2, 3]).medianMs == 2.5)
        #expect(ClientBenchResult.Spread(samplesMs: []).count == 0)
    }
}

/// The default configuration with one change.
private func configured(_ change: (inout ClientBenchConfiguration) -> Void) -> ClientBenchConfiguration {
    var configuration = ClientBenchConfiguration()
    change(&configuration)
    return configuration
}
