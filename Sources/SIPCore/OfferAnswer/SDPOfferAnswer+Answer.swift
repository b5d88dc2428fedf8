extension SDPOfferAnswer {
    /// Answers an offer (RFC 3264 §6): one `m=` line per offered one, in
    /// order. The first RTP/AVP audio stream with a voice codec in common
    /// is accepted on `port`; everything else gets port 0 and the offered
    /// formats. An accepted stream lists the common formats in the offer's
    /// order with the offer's payload type numbers, and mirrors the offered
    /// direction as far as `direction` (ours) allows.
    public func answer(to offer: SDPSession, port: UInt16, direction: SDPSession.Direction = .sendrecv) -> Answer {
        var media: [SDPSession.Media] = []
        var stream: Stream?
        for (index, offered) in offer.media.enumerated() {
            guard stream == nil, let accepted = accept(offered, in: offer) else {
                media.append(Self.rejection(of: offered))
                continue
            }
            let offeredDirection = offered.explicitDirection ?? offer.defaultDirection
            let answered = SDPSession.Direction(sends: offeredDirection.receives && direction.sends,
                                                receives: offeredDirection.sends && direction.receives)
            let wasExplicit = offered.explicitDirection != nil
                || offer.attributes.contains { SDPSession.Direction(rawValue: $0.name) != nil }
            media.append(SDPSession.Media(
                type: offered.type, port: port, transport: offered.transport, formats: accepted.map { "\($0.0)" },
                attributes: audioAttributes(accepted, direction: wasExplicit || answered != .sendrecv ? answered : nil)))
            stream = Self.stream(index: index, formats: accepted, remote: offered, in: offer, direction: answered)
        }
        let session = SDPSession(origin: origin, connection: connection, timings: offer.timings, media: media)
        return Answer(session: session, stream: stream)
    }

    /// The offered formats we support, in the offer's order, with the
    /// offer's numbers; nil if the stream is not one we can take.
    private func accept(_ offered: SDPSession.Media, in offer: SDPSession) -> [(UInt8, Codec)]? {
        guard offered.port != 0, offered.type.lowercased() == "audio", offered.transport.uppercased() == "RTP/AVP",
              offered.connection ?? offer.connection != nil, let payloadTypes = offered.payloadTypes else { return nil }
        var accepted: [(UInt8, Codec)] = []
        for payloadType in payloadTypes where !accepted.contains(where: { $0.0 == payloadType }) {
            guard let map = Self.map(payloadType, in: offered),
                  var codec = codecs.first(where: { $0.matches(map) }),
                  !accepted.contains(where: { $0.1.encodingName == codec.encodingName }) else { continue }
            codec.payloadType = payloadType
            accepted.append((payloadType, codec))
        }
        guard accepted.contains(where: { !$0.1.isTelephoneEvent }) else { return nil }
        return accepted
    }

    /// RFC 3264 §6: a rejected stream keeps its type, transport and
    /// formats, with port 0.
    static func rejection(of offered: SDPSession.Media) -> SDPSession.Media {
        SDPSession.Media(type: offered.type, port: 0, transport: offered.transport, formats: offered.formats)
    }

    static func stream(index: Int, formats: [(UInt8, Codec)], remote: SDPSession.Media, in session: SDPSession,
                       direction: SDPSession.Direction) -> Stream? {
        guard let address = remote.connection ?? session.connection,
              let voice = formats.first(where: { !$0.1.isTelephoneEvent }) else { return nil }
        return Stream(mediaIndex: index, remoteAddress: address.address, remotePort: remote.port, codec: voice.1,
                      telephoneEventPayloadType: formats.first { $0.1.isTelephoneEvent }?.0,
                      direction: direction, remotePacketTime: remote.packetTime)
    }
}
