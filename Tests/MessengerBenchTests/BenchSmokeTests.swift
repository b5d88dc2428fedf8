import Foundation
import MessengerBench
import MessengerServer
import Testing

/// The bench against our own server at a tiny size: it must sign everyone
/// in and lose nothing, with and without TLS. Figures are not asserted.
@Suite struct BenchSmokeTests {
    @Test(arguments: [true, false])
    func smallRunLosesNothing(tls: Bool) async throws {
        let server = try await BenchTestServer.start(requireTLS: tls)
        do {
            var configuration = BenchConfiguration()
            configuration.port = server.port
            configuration.domain = BenchTestServer.domain
            configuration.users = 20
            configuration.roster = 4
            configuration.register = true
            configuration.tls = tls
            configuration.rate = 100
            configuration.duration = 3
            configuration.idleSeconds = 1
            configuration.drainSeconds = 30
            configuration.phaseTimeoutSeconds = 60
            configuration.presenceChangers = 5
            configuration.serverPID = getpid()

            let result = try await BenchRunner(configuration: configuration).run()

            #expect(result.provision?.failed == 0)
            #expect(result.provision?.contactsWanted == 80)
            #expect(result.provision?.contactsMutual == 80)
            #expect(result.login.ready == 20)
            #expect(result.login.failed == 0)
            let messaging = try #require(result.messaging)
            #expect(messaging.sent == 300)
            #expect(messaging.received == messaging.sent)
            #expect(messaging.lost == 0)
            #expect(messaging.duplicates == 0)
            #expect(messaging.errors == 0)
            #expect(messaging.latency.count == messaging.received)
            let presence = try #require(result.presence)
            #expect(presence.changers == 5)
            #expect(presence.expected == 20)
            #expect(presence.seen == 20)
            #expect(presence.latency.count == 20)
            #expect(result.idle?.sessions == 20)
            #expect(result.passed)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func secondRunFindsContactsAlreadyMutual() async throws {
        let server = try await BenchTestServer.start(requireTLS: false)
        do {
            var configuration = BenchConfiguration()
            configuration.port = server.port
            configuration.domain = BenchTestServer.domain
            configuration.users = 6
            configuration.roster = 2
            configuration.register = true
            configuration.tls = false
            configuration.phases = [.login]
            configuration.phaseTimeoutSeconds = 60

            let first = try await BenchRunner(configuration: configuration).run()
            let second = try await BenchRunner(configuration: configuration).run()

            #expect(first.provision?.contactsAlreadyMutual == 0)
            #expect(first.provision?.contactsMutual == 12)
            #expect(second.provision?.contactsAlreadyMutual == 12)
            #expect(second.login.ready == 6)
            #expect(second.passed)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func wrongPasswordIsAFailedLogin() async throws {
        let server = try await BenchTestServer.start(requireTLS: false)
        do {
            var configuration = BenchConfiguration()
            configuration.port = server.port
            configuration.domain = BenchTestServer.domain
            configuration.users = 2
            configuration.roster = 0
            configuration.tls = false
            configuration.phases = [.login]
            configuration.phaseTimeoutSeconds = 30

            let result = try await BenchRunner(configuration: configuration).run()

            #expect(result.login.ready == 0)
            #expect(result.login.failed == 2)
            #expect(result.login.firstError?.contains("authentication failed: not-authorized") == true)
            #expect(!result.passed)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func plaintextIsRefusedOffLoopback() async throws {
        await #expect(throws: PlaintextNotAllowedError(bindHost: "0.0.0.0")) {
            let server = try await BenchTestServer.start(requireTLS: false, bindHost: "0.0.0.0")
            await server.stop()
        }
    }
}
