import SIPCore
import SIPTransport

/// One forwarded request and its branches (RFC 3261 §16.6–§16.10): sends
/// to every target in parallel, passes provisional responses and every 2xx
/// upstream, CANCELs the other branches once one answers 2xx or 6xx (or the
/// caller cancels, or Timer C fires), and otherwise answers with the best
/// final response once every branch has one (§16.7).
struct SIPFork: Sendable {
    enum Event: Sendable {
        case response(Int, SIPResponse)
        case failed(Int, SIPTransactionLayer.ClientTransactionError)
        case ended(Int)
        /// The caller sent CANCEL (§16.10).
        case cancel
        /// Timer C (§16.8): no final response in time.
        case timerC
        /// §9.1: 64·T1 after our CANCEL the branch still has no final response.
        case cancelExpired(Int)
    }

    private struct Branch {
        var request: SIPRequest
        var destination: SIPTransportAddress
        var provisional = false
        var final: SIPResponse?
        var succeeded = false
        var ended = false
        var cancelWanted = false
        var cancelSent = false

        var isSettled: Bool { final != nil || succeeded || ended }
    }

    let layer: SIPTransactionLayer
    let original: SIPRequest
    let transaction: SIPTransactionLayer.ServerTransactionID
    /// 64·T1: how long a cancelled branch may take to answer (§9.1).
    let cancelTimeout: Duration

    /// Runs until every branch has ended. `events` also carries `.cancel` and
    /// `.timerC` from outside.
    func run(
        _ requests: [(SIPRequest, SIPTransportAddress)], events: AsyncStream<Event>,
        sink: AsyncStream<Event>.Continuation
    ) async {
        var branches = requests.map { Branch(request: $0.0, destination: $0.1) }
        let isInvite = original.method == "INVITE"
        await withTaskGroup(of: Void.self) { group in
            for (index, branch) in branches.enumerated() {
                group.addTask {
                    let stream = await layer.request(branch.request, to: branch.destination)
                    do {
                        for try await response in stream { sink.yield(.response(index, response)) }
                    } catch let error as SIPTransactionLayer.ClientTransactionError {
                        sink.yield(.failed(index, error))
                    } catch {
                        sink.yield(.failed(index, .transportError))
                    }
                    sink.yield(.ended(index))
                }
            }
            var finalSent = false
            var timedOut = false
            func cancel(_ index: Int) async {
                guard isInvite, !branches[index].isSettled, !branches[index].cancelSent else { return }
                guard branches[index].provisional else {
                    // §9.1: a CANCEL waits for a provisional response.
                    branches[index].cancelWanted = true
                    return
                }
                branches[index].cancelSent = true
                let cancelRequest = Self.cancelRequest(for: branches[index].request)
                let stream = await layer.request(cancelRequest, to: branches[index].destination)
                group.addTask { _ = try? await stream.reduce(into: 0) { _, _ in } }
                group.addTask { [cancelTimeout] in
                    guard (try? await Task.sleep(for: cancelTimeout)) != nil else { return }
                    sink.yield(.cancelExpired(index))
                }
            }
            func cancelAll(except skipped: Int? = nil) async {
                for index in branches.indices where index != skipped { await cancel(index) }
            }
            for await event in events {
                switch event {
                case .response(let index, let response):
                    if response.isProvisional {
                        branches[index].provisional = true
                        if branches[index].cancelWanted { await cancel(index) }
                        if response.statusCode != 100, !finalSent {
                            await layer.respond(response.withoutTopVia, to: transaction)
                        }
                    } else if response.isSuccess {
                        branches[index].succeeded = true
                        finalSent = true
                        // Every 2xx goes upstream, retransmissions included (§16.7 step 5).
                        await layer.respond(response.withoutTopVia, to: transaction)
                        await cancelAll(except: index)
                    } else if branches[index].final == nil {
                        branches[index].final = response.withoutTopVia
                        if response.statusCode >= 600 { await cancelAll(except: index) }
                    }
                case .failed(let index, let error):
                    if branches[index].final == nil && !branches[index].succeeded {
                        let (status, reason) = error == .timeout ? (408, "Request Timeout") : (503, "Service Unavailable")
                        branches[index].final = original.makeResponse(statusCode: status, reasonPhrase: reason, toTag: SIPBranch.make())
                    }
                case .ended(let index):
                    branches[index].ended = true
                case .cancel:
                    await cancelAll()
                case .timerC:
                    timedOut = true
                    await cancelAll()
                case .cancelExpired(let index):
                    // The INVITE counts as cancelled; its client transaction is left to the layer.
                    if !branches[index].isSettled {
                        branches[index].final = original.makeResponse(statusCode: 408, reasonPhrase: "Request Timeout", toTag: SIPBranch.make())
                        branches[index].ended = true
                    }
                }
                if !finalSent, branches.allSatisfy({ $0.final != nil || $0.succeeded }) {
                    finalSent = true
                    await layer.respond(best(branches.compactMap(\.final), timedOut: timedOut), to: transaction)
                }
                if branches.allSatisfy(\.ended) { break }
            }
            if !finalSent {
                await layer.respond(original.makeResponse(statusCode: 408, reasonPhrase: "Request Timeout", toTag: SIPBranch.make()), to: transaction)
            }
            group.cancelAll()
        }
    }

    /// §16.7 step 6: a 6xx if any, else the lowest class, 503 sent as 500.
    /// `finals` are already as the caller must see them (our Via removed).
    private func best(_ finals: [SIPResponse], timedOut: Bool) -> SIPResponse {
        if timedOut || finals.isEmpty {
            return original.makeResponse(statusCode: 408, reasonPhrase: "Request Timeout", toTag: SIPBranch.make())
        }
        let chosen = finals.first { $0.statusCode >= 600 }
            ?? finals.min { ($0.statusCode / 100, $0.statusCode) < ($1.statusCode / 100, $1.statusCode) }
            ?? finals[0]
        var response = chosen
        if response.statusCode == 503 {
            response.statusCode = 500
            response.reasonPhrase = "Server Internal Error"
        }
        return response
    }

    /// §9.1: the CANCEL for a branch: same Request-URI, Call-ID, To, From,
    /// CSeq number, top Via and Route as the INVITE.
    static func cancelRequest(for invite: SIPRequest) -> SIPRequest {
        var headers = SIPHeaders()
        if let via = (try? invite.headers.values(named: SIPHeaderName.via))?.first { headers.append(SIPHeaderName.via, via) }
        headers.append(SIPHeaderName.maxForwards, "70")
        for name in [SIPHeaderName.from, SIPHeaderName.to, SIPHeaderName.callID] {
            if let value = invite.headers[name] { headers.append(name, value) }
        }
        let sequence = (try? invite.headers.cseq())??.sequence ?? 1
        headers.append(SIPHeaderName.cseq, "\(sequence) CANCEL")
        for route in invite.headers.fields(named: SIPHeaderName.route) { headers.append(route.name, route.value) }
        return SIPRequest(method: "CANCEL", uri: invite.uri, headers: headers)
    }
}
