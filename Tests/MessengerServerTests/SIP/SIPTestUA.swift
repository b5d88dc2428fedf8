import Logging
import NIOCore
import SIPCore
import SIPTransport
import Testing

/// Short RFC 3261 timers so timeouts happen within a test (Timer B = 3.2 s).
let sipTestTimers = TransactionTimers(t1: .milliseconds(50), t2: .milliseconds(400), t4: .milliseconds(200))

/// What a test UA does with an incoming INVITE.
enum UABehaviour: Sendable {
    /// 180, then 200 with SDP.
    case answer
    /// 180, then 486 Busy Here.
    case busy
    /// 180 and nothing more (until CANCEL, answered 200 + 487).
    case ring
    /// Nothing at all.
    case silent
}

/// What a test UA received.
actor UARecord {
    var requests: [SIPRequest] = []
    var acks: [SIPRequest] = []
    func add(_ request: SIPRequest) { requests.append(request) }
    func add(ack: SIPRequest) { acks.append(ack) }
    func methods() -> [String] { requests.map(\.method) }
    func first(_ method: String) -> SIPRequest? { requests.first { $0.method == method } }
}

/// A SIP user agent for tests on 127.0.0.1: our endpoint and transaction
/// layer, a user name, and an optional answering behaviour.
struct SIPTestUA {
    static let answerSDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"

    let user: String
    let password: String
    let endpoint: SIPTransportEndpoint
    let layer: SIPTransactionLayer
    let record: UARecord
    let tasks: [Task<Void, Never>]
    let server: SIPTransportAddress
    let domain: String

    var port: Int { endpoint.udpAddress.port ?? 0 }
    var contact: String { "<sip:\(user)@127.0.0.1:\(port)>" }

    static func start(
        _ user: String, password: String? = nil, server: Int, domain: String = "example.test", behaviour: UABehaviour = .answer
    ) async throws -> SIPTestUA {
        var logger = Logger(label: "test.ua")
        logger.logLevel = .critical
        let endpoint = try await SIPTransportEndpoint.bind(host: "127.0.0.1", port: 0, logger: logger)
        let layer = SIPTransactionLayer(endpoint: endpoint, timers: sipTestTimers, logger: logger)
        let record = UARecord()
        let runner = Task { await layer.run() }
        let answerer = Task { await Self.serve(layer: layer, endpoint: endpoint, user: user, record: record, behaviour: behaviour) }
        let address = try SocketAddress(ipAddress: "127.0.0.1", port: server)
        return SIPTestUA(
            user: user, password: password ?? "\(user)-pw", endpoint: endpoint, layer: layer, record: record,
            tasks: [runner, answerer], server: SIPTransportAddress(.udp, address), domain: domain)
    }

    func stop() async {
        await endpoint.close()
        for task in tasks { await task.value }
    }

    // MARK: Requests

    /// A new out-of-dialog request from this user (From tag `<user>-tag`).
    func makeRequest(
        _ method: String, uri: String, to: String? = nil, callID: String, cseq: UInt32 = 1, maxForwards: Int = 70
    ) throws -> SIPRequest {
        var headers = SIPHeaders()
        headers.append("Via", endpoint.via(for: .udp, branch: SIPBranch.make()).description)
        headers.append("Max-Forwards", String(maxForwards))
        headers.append("From", "<sip:\(user)@\(domain)>;tag=\(user)-tag")
        headers.append("To", "<\(to ?? uri)>")
        headers.append("Call-ID", callID)
        headers.append("CSeq", "\(cseq) \(method)")
        headers.append("Contact", contact)
        var body: [UInt8] = []
        if method == "INVITE" {
            headers.append("Content-Type", "application/sdp")
            body = Array(Self.answerSDP.utf8)
        }
        return SIPRequest(method: method, uri: try SIPAnyURI(parsing: uri), headers: headers, body: body)
    }

    /// Sends in a client transaction and collects the responses up to the
    /// first final one (an INVITE's transaction lives on for Timer D or M);
    /// a timeout ends the list.
    func send(_ request: SIPRequest) async throws -> [SIPResponse] {
        var responses: [SIPResponse] = []
        do {
            for try await response in await layer.request(request, to: server) {
                responses.append(response)
                if response.statusCode >= 200 { break }
            }
        } catch SIPTransactionLayer.ClientTransactionError.timeout {
            return responses
        }
        return responses
    }

    /// Sends; on a 401/407 answers the first challenge of `algorithm` once
    /// (new branch, CSeq + 1) and returns the second attempt's responses.
    /// `answeringWith` computes the answer with another algorithm than the challenge's.
    func sendAuthenticated(
        _ request: SIPRequest, algorithm: DigestAlgorithm = .sha256, answeringWith: DigestAlgorithm? = nil, password: String? = nil
    ) async throws -> (first: [SIPResponse], second: [SIPResponse]) {
        let first = try await send(request)
        guard let final = first.last, final.statusCode == 401 || final.statusCode == 407 else { return (first, []) }
        let challengeHeader = final.statusCode == 401 ? "WWW-Authenticate" : "Proxy-Authenticate"
        let challenges = try final.headers.fields(named: challengeHeader).map { try DigestChallenge(parsing: $0.value) }
        var challenge = try #require(challenges.first { $0.algorithm == algorithm })
        if let answeringWith { challenge.algorithm = answeringWith }
        let credentials = DigestCredentials(
            answering: challenge, method: request.method, uri: request.uri.description, username: user,
            password: password ?? self.password, cnonce: "0a4f113b")
        var retry = request
        let cseq = try #require(try request.headers.cseq())
        retry.headers.set("CSeq", "\(cseq.sequence + 1) \(request.method)")
        retry.headers.set("Via", endpoint.via(for: .udp, branch: SIPBranch.make()).description)
        retry.headers.append(final.statusCode == 401 ? "Authorization" : "Proxy-Authorization", credentials.headerValue)
        return (first, try await send(retry))
    }

    /// REGISTER for this user's AOR with the given Contact and Expires headers
    /// (nil leaves the header out), authenticated; the final response.
    func register(
        contact: String?, expires: Int? = nil, callID: String = "reg-call", cseq: UInt32 = 1, password: String? = nil,
        aor: String? = nil
    ) async throws -> SIPResponse {
        let request = try registerRequest(contact: contact, expires: expires, callID: callID, cseq: cseq, aor: aor)
        let (_, second) = try await sendAuthenticated(request, password: password)
        return try #require(second.last)
    }

    func registerRequest(contact: String?, expires: Int?, callID: String = "reg-call", cseq: UInt32 = 1, aor: String? = nil) throws -> SIPRequest {
        var request = try makeRequest("REGISTER", uri: "sip:\(domain)", to: aor ?? "sip:\(user)@\(domain)", callID: callID, cseq: cseq)
        request.headers.remove("Contact")
        if let contact { request.headers.append("Contact", contact) }
        if let expires { request.headers.append("Expires", String(expires)) }
        return request
    }

    // MARK: Answering

    private static func serve(
        layer: SIPTransactionLayer, endpoint: SIPTransportEndpoint, user: String, record: UARecord, behaviour: UABehaviour
    ) async {
        var ringing: [SIPTransactionLayer.ServerTransactionID: SIPRequest] = [:]
        for await event in layer.events {
            switch event {
            case .request(let incoming):
                let request = incoming.request
                await record.add(request)
                let tag = "\(user)-ua"
                func response(_ status: Int, _ reason: String) -> SIPResponse {
                    var response = request.makeResponse(statusCode: status, reasonPhrase: reason, toTag: tag)
                    // §12.1.1: the UAS copies Record-Route into dialog-creating responses.
                    for field in request.headers.fields(named: "Record-Route") { response.headers.append(field.name, field.value) }
                    response.headers.append("Contact", "<sip:\(user)@127.0.0.1:\(endpoint.udpAddress.port ?? 0)>")
                    return response
                }
                switch request.method {
                case "INVITE":
                    if case .silent = behaviour { continue }
                    await layer.respond(response(180, "Ringing"), to: incoming.transaction)
                    switch behaviour {
                    case .answer:
                        var ok = response(200, "OK")
                        ok.headers.append("Content-Type", "application/sdp")
                        ok.body = Array(answerSDP.utf8)
                        await layer.respond(ok, to: incoming.transaction)
                    case .busy:
                        await layer.respond(response(486, "Busy Here"), to: incoming.transaction)
                    case .ring, .silent:
                        ringing[incoming.transaction] = request
                    }
                case "CANCEL":
                    await layer.respond(request.makeResponse(statusCode: 200, reasonPhrase: "OK"), to: incoming.transaction)
                    if let cancelled = incoming.cancels, let invite = ringing.removeValue(forKey: cancelled) {
                        let terminated = invite.makeResponse(statusCode: 487, reasonPhrase: "Request Terminated", toTag: tag)
                        await layer.respond(terminated, to: cancelled)
                    }
                default:
                    await layer.respond(response(200, "OK"), to: incoming.transaction)
                }
            case .ack(let ack, _):
                await record.add(ack: ack)
            case .strayResponse:
                break
            }
        }
    }
}

/// Fails a test that waits too long instead of hanging it.
struct SIPTestTimedOut: Error {}

func withSIPDeadline<T: Sendable>(_ seconds: Int = 15, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw SIPTestTimedOut()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw SIPTestTimedOut() }
        return first
    }
}
