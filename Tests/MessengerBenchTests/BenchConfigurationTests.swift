import MessengerBench
import Testing

@Suite struct BenchConfigurationTests {
    @Test func defaultsAreValid() throws {
        try BenchConfiguration().validate()
    }

    @Test(arguments: [
        (configured { $0.port = 0 }, "--port must be 1…65535, not 0"),
        (configured { $0.users = 0 }, "--users must be 1…1000000, not 0"),
        (configured { $0.roster = 3 }, "--roster must be an even number ≥ 0 (user i gets i±1…i±K/2), not 3"),
        (configured { $0.users = 4; $0.roster = 4 }, "--roster must be smaller than --users (4), not 4"),
        (configured { $0.prefix = "Bench" }, "--prefix must be lowercase ASCII letters, digits, '-', '_' or '.', not \"Bench\""),
        (configured { $0.rate = 0 }, "--rate must be 1…1000000 messages per second, not 0"),
        (configured { $0.duration = 0 }, "--duration must be 1…86400 seconds, not 0"),
        (configured { $0.domain = "a@b" }, "--domain must be a bare domain, not \"a@b\""),
        (configured { $0.serverPID = -1 }, "--server-pid must be a process id, not -1"),
        (configured { $0.users = 1; $0.roster = 0 }, "messaging and presence need at least 2 users"),
        (configured { $0.settleSeconds = -1 }, "waits must not be negative"),
    ])
    func badSettingsAreRefusedWithTheirFlag(configuration: BenchConfiguration, message: String) {
        #expect(throws: BenchConfigurationError(message)) { try configuration.validate() }
    }

    @Test func phaseListAlwaysIncludesLogin() throws {
        #expect(try BenchPhase.parseList("messaging, idle").get() == [.login, .messaging, .idle])
        #expect(throws: BenchConfigurationError("--phases: unknown phase \"typing\" (known: login,messaging,presence,idle)")) {
            try BenchPhase.parseList("login,typing").get()
        }
    }

    @Test func sourceAddressForms() throws {
        #expect(try SourceAddresses.parse("3").get() == ["127.0.0.1", "127.0.0.2", "127.0.0.3"])
        #expect(try SourceAddresses.parse("127.0.0.9-127.0.0.11").get() == ["127.0.0.9", "127.0.0.10", "127.0.0.11"])
        #expect(try SourceAddresses.parse("127.0.0.1, 127.0.1.1").get() == ["127.0.0.1", "127.0.1.1"])
    }

    @Test(arguments: [
        ("0", "--source-ips: a count must be 1…254, not 0"),
        ("127.0.0.5-127.0.0.1", "--source-ips: a range is A.B.C.X-A.B.C.Y with X ≤ Y (only the last number varies), not \"127.0.0.5-127.0.0.1\""),
        ("127.0.0.1-127.0.1.2", "--source-ips: a range is A.B.C.X-A.B.C.Y with X ≤ Y (only the last number varies), not \"127.0.0.1-127.0.1.2\""),
        ("127.0.0.1,localhost", "--source-ips: \"localhost\" is not an IPv4 address"),
    ])
    func badSourceAddresses(text: String, message: String) {
        #expect(throws: BenchConfigurationError(message)) { try SourceAddresses.parse(text).get() }
    }

    @Test func ringGivesEveryUserKDistinctContacts() {
        let ring = RosterRing(users: 10, contactsPerUser: 4)
        #expect(ring.contacts(of: 0) == [1, 9, 2, 8])
        #expect(ring.contacts(of: 5) == [6, 4, 7, 3])
        #expect(ring.directedEdges == 40)
        // Small rings do not repeat a contact.
        #expect(RosterRing(users: 3, contactsPerUser: 2).contacts(of: 0) == [1, 2])
        #expect(RosterRing(users: 2, contactsPerUser: 2).contacts(of: 0) == [1])
    }
}

/// The default configuration with one change.
private func configured(_ change: (inout BenchConfiguration) -> Void) -> BenchConfiguration {
    var configuration = BenchConfiguration()
    change(&configuration)
    return configuration
}
