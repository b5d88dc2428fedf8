import Foundation
import MessengerBench
import Testing

@Suite struct ServerSampleTests {
    // A real /proc/PID/stat line, with a command name holding ") (" to show
    // fields are counted from the last parenthesis. utime 1234, stime 567.
    static let stat =
        "4242 (msgr) (x) S 1 4242 4242 0 -1 4194560 9000 0 3 0 1234 567 0 0 20 0 5 0 100 912345088 3000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0\n"
    static let status = """
        Name:\tmsgr
        State:\tS (sleeping)
        VmPeak:\t  900000 kB
        VmRSS:\t   51234 kB
        Threads:\t5

        """

    @Test func cpuAndRSSFromProcText() throws {
        let sample = try #require(ServerSample.parse(stat: Self.stat, status: Self.status, clockTicksPerSecond: 100))
        #expect(sample.cpuMilliseconds == 18_010)
        #expect(sample.rssKiB == 51_234)
    }

    @Test func unreadableTextGivesNoSample() {
        #expect(ServerSample.parse(stat: "4242 (msgr) S 1", status: Self.status, clockTicksPerSecond: 100) == nil)
        #expect(ServerSample.parse(stat: Self.stat, status: "Name:\tmsgr\n", clockTicksPerSecond: 100) == nil)
        #expect(ServerSample.parse(stat: Self.stat, status: "VmRSS:\t 12 MB\n", clockTicksPerSecond: 100) == nil)
        #expect(ServerSample.parse(stat: Self.stat, status: Self.status, clockTicksPerSecond: 0) == nil)
    }

    @Test func readsThisProcess() throws {
        let sample = try #require(ServerSample.read(pid: getpid()))
        #expect(sample.rssKiB > 0)
    }
}
