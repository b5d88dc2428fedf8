import NIOCore
import NIOPosix
import SIPCore
import SIPTransport
import Testing

/// What the answering element's TU saw.
actor Observed {
    var requests: [SIPTransactionLayer.IncomingRequest] = []
    var acks: [SIPRequest] = []
    func add(_ request: SIPTransactionLayer.IncomingRequest) { requests.append(request) }
    func add(ack: SIPRequest) { acks.append(ack) }
}

@Suite struct LoopbackTests {
    /// Answers OPTIONS and BYE with 200, INVITE with 180 then 200 (tag "bob1").
    static func answer(_ element: TestElement, into observed: Observed) -> Task<Void, Never> {
        Task {
            for await event in element.layer.events {
                switch event {
                case .request(let incoming):
                    await observed.add(incoming)
                    let request = incoming.request
                    if request.method == "INVITE" {
                        await element.layer.respond(request.makeResponse(statusCode: 180, reasonPhrase: "Ringing", toTag: "bob1"), to: incoming.transaction)
                        var ok = request.makeResponse(statusCode: 200, reasonPhrase: "OK", toTag: "bob1")
                        ok.headers.append("Contact", "<sip:bob@127.0.0.1:\(element.endpoint.udpAddress.port ?? 0)>")
                        await element.layer.respond(ok, to: incoming.transaction)
                    } else {
                        await element.layer.respond(request.makeResponse(statusCode: 200, reasonPhrase: "OK", toTag: "bob1"), to: incoming.transaction)
                    }
                case .ack(let ack, _):
                    await observed.add(ack: ack)
                case .strayResponse:
                    break
                }
            }
        }
    }

    @Test(arguments: [SIPTransportAddress.Kind.udp, .tcp])
    func optionsRoundTrip(kind: SIPTransportAddress.Kind) async throws {
        let alice = try await TestElement.start()
        let bob = try await TestElement.start()
        let observed = Observed()
        let tu = Self.answer(bob, into: observed)
        let first = alice.makeRequest("OPTIONS", kind: kind, to: bob, callID: "opt1")
        let second = alice.makeRequest("OPTIONS", kind: kind, to: bob, callID: "opt2")
        let statuses = try await withDeadline {
            let one = try await collect(await alice.layer.request(first, to: bob.address(kind)))
            let two = try await collect(await alice.layer.request(second, to: bob.address(kind)))
            return one + two
        }
        #expect(statuses == [200, 200])
        let seen = await observed.requests
        #expect(seen.map { $0.request.method } == ["OPTIONS", "OPTIONS"])
        // §18.2.1 / RFC 3581: Bob's copy of the Via says where it really came from.
        let aliceAddress = kind == .udp ? alice.endpoint.udpAddress : seen[0].source.address
        let via = try #require(try seen.first?.request.headers.vias().first)
        #expect(via.received == "127.0.0.1")
        #expect(via.parameters["rport"] == String(aliceAddress.port ?? -1))
        #expect(seen[0].source.kind == kind)
        if kind == .tcp {
            // The second request reused the first connection.
            #expect(seen[0].source.address == seen[1].source.address)
        }
        await alice.stop()
        await bob.stop()
        await tu.value
    }

    @Test func inviteRetransmittedThenAckAndBye() async throws {
        let alice = try await TestElement.start()
        let bob = try await TestElement.start()
        let observed = Observed()
        let tu = Self.answer(bob, into: observed)
        let invite = alice.makeRequest("INVITE", kind: .udp, to: bob, callID: "call1")
        let responses = try await withDeadline { () -> [SIPResponse] in
            let stream = await alice.layer.request(invite, to: bob.address(.udp))
            // The same INVITE again, as a retransmission on the wire.
            try await alice.layer.sendStateless(.request(invite), to: bob.address(.udp))
            var seen: [SIPResponse] = []
            for try await response in stream {
                seen.append(response)
                if response.isSuccess { break }
            }
            return seen
        }
        #expect(responses.last?.statusCode == 200)
        #expect(responses.dropLast().allSatisfy { $0.isProvisional })
        let ok = try #require(responses.last)
        var dialog = try SIPDialog(uacRequest: invite, response: ok)
        #expect(dialog.remoteTarget.description == "sip:bob@127.0.0.1:\(bob.endpoint.udpAddress.port ?? 0)")

        let ack = dialog.makeACK(inviteSequence: 1, via: alice.endpoint.via(for: .udp, branch: SIPBranch.make()))
        try await alice.layer.sendStateless(.request(ack), to: bob.address(.udp))
        let bye = dialog.makeRequest(method: "BYE", via: alice.endpoint.via(for: .udp, branch: SIPBranch.make()))
        let byeStatuses = try await withDeadline { try await collect(await alice.layer.request(bye, to: bob.address(.udp))) }
        #expect(byeStatuses == [200])

        // Bob's TU saw one INVITE (the retransmission was absorbed), the ACK and the BYE.
        #expect(await observed.requests.map { $0.request.method } == ["INVITE", "BYE"])
        let acks = await observed.acks
        #expect(acks.map { $0.headers["CSeq"] } == ["1 ACK"])
        #expect(acks.first?.headers["To"] == "<sip:bob@127.0.0.1:\(bob.endpoint.udpAddress.port ?? 0)>;tag=bob1")
        await alice.stop()
        await bob.stop()
        await tu.value
    }

    @Test func unparsableRequestGetsA400NamingTheProblemAndGarbageIsDropped() async throws {
        let bob = try await TestElement.start()
        // The probe has no transaction layer: the test reads what arrives.
        let probe = try await SIPTransportEndpoint.bind(host: "127.0.0.1", port: 0)
        let port = probe.udpAddress.port ?? 0
        let bad = """
            OPTIONS sip:bob@127.0.0.1 SIP/2.0\r
            Via: SIP/2.0/UDP 127.0.0.1:\(port);branch=z9hG4bKbad1\r
            To: <sip:bob@127.0.0.1>\r
            From: <sip:probe@127.0.0.1>;tag=p\r
            Call-ID: bad1\r
            CSeq: 1 OPTIONS\r
            Max-Forwards: 300\r
            Content-Length: 0\r
            \r

            """
        let sender = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        for datagram in ["garbage\r\n\r\n", bad] {
            try await sender.writeAndFlush(AddressedEnvelope(remoteAddress: bob.endpoint.udpAddress, data: ByteBuffer(string: datagram)))
        }
        let received = try await withDeadline { () -> SIPReceivedMessage? in
            for await received in probe.incoming { return received }
            return nil
        }
        let response = try #require(received?.message.response)
        #expect(response.statusCode == 400)
        #expect(response.reasonPhrase == "Bad Request (Max-Forwards above 255)")
        #expect(response.headers["Call-ID"] == "bad1")
        #expect(received?.source.address == bob.endpoint.udpAddress)
        try await sender.close()
        await probe.close()
        await bob.stop()
    }
}
