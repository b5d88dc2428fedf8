import Logging
import NIOCore
import SIPCore
import SIPTransport

/// One of our SIP elements on 127.0.0.1: an endpoint and its transaction layer running.
struct TestElement {
    let endpoint: SIPTransportEndpoint
    let layer: SIPTransactionLayer
    let runner: Task<Void, Never>

    /// Short timers keep Completed states (Timer K = T4) brief in tests.
    static let timers = TransactionTimers(t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(200))

    static func start() async throws -> TestElement {
        let endpoint = try await SIPTransportEndpoint.bind(host: "127.0.0.1", port: 0)
        let layer = SIPTransactionLayer(endpoint: endpoint, timers: timers)
        let runner = Task { await layer.run() }
        return TestElement(endpoint: endpoint, layer: layer, runner: runner)
    }

    func address(_ kind: SIPTransportAddress.Kind) -> SIPTransportAddress {
        SIPTransportAddress(kind, kind == .udp ? endpoint.udpAddress : endpoint.tcpAddress)
    }

    func stop() async {
        await endpoint.close()
        await runner.value
    }

    /// A request from this element to `peer`, with our Via (fresh branch, rport).
    func makeRequest(_ method: String, kind: SIPTransportAddress.Kind, to peer: TestElement, callID: String, cseq: UInt32 = 1) -> SIPRequest {
        let port = peer.endpoint.udpAddress.port ?? 0
        var headers = SIPHeaders()
        headers.append("Via", endpoint.via(for: kind, branch: SIPBranch.make()).description)
        headers.append("Max-Forwards", "70")
        headers.append("From", "<sip:alice@127.0.0.1>;tag=alice1")
        headers.append("To", "<sip:bob@127.0.0.1:\(port)>")
        headers.append("Call-ID", callID)
        headers.append("CSeq", "\(cseq) \(method)")
        headers.append("Contact", "<sip:alice@127.0.0.1:\(endpoint.udpAddress.port ?? 0)>")
        return SIPRequest(method: method, uri: .sip(SIPURI(user: "bob", host: "127.0.0.1", port: UInt16(port))), headers: headers)
    }
}

/// Fails a test that waits too long instead of hanging it.
struct TimedOut: Error {}

func withDeadline<T: Sendable>(_ seconds: Int = 10, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimedOut()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw TimedOut() }
        return first
    }
}

/// Collects every response of a client transaction.
func collect(_ stream: AsyncThrowingStream<SIPResponse, any Error>) async throws -> [Int] {
    var statuses: [Int] = []
    for try await response in stream { statuses.append(response.statusCode) }
    return statuses
}
