import SIPUserAgent
import Testing

@Suite struct CallMediaStatisticsTests {
    @Test func startsEmpty() {
        let statistics = CallMediaStatistics()
        #expect(statistics.packetsSent == 0 && statistics.packetsReceived == 0 && statistics.receivedRMS == 0)
    }
}
