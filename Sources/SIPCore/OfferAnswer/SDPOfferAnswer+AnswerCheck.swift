extension SDPOfferAnswer {
    /// Reads the answer to an offer we made (RFC 3264 §7) and returns the
    /// audio stream it accepted, or nil if it rejected every audio stream.
    ///
    /// Refused: a different number of `m=` lines or a different media type
    /// on one of them, a port on a stream we offered with port 0, formats
    /// the offer did not contain (the answer may renumber a codec we
    /// offered, and then we send with its number), a direction attribute
    /// the offer did not allow (no attribute at all reads as the mirror of
    /// the offered direction), and an accepted audio stream without a voice codec
    /// we have.
    public func stream(answer: SDPSession, offer: SDPSession) throws(SDPError) -> Stream? {
        guard answer.media.count == offer.media.count else {
            throw SDPError(.mediaMismatch, "\(answer.media.count) m= lines answer \(offer.media.count)")
        }
        var stream: Stream?
        for (index, (offered, answered)) in zip(offer.media, answer.media).enumerated() {
            guard offered.type.lowercased() == answered.type.lowercased() else {
                throw SDPError(.mediaMismatch, "m= line \(index) is \(answered.type), offered \(offered.type)")
            }
            guard answered.port != 0 else { continue }
            guard offered.port != 0 else {
                throw SDPError(.mediaMismatch, "m= line \(index) was offered with port 0")
            }
            let formats = try Self.answeredFormats(answered, offered: offered, index: index)
            let offeredDirection = offered.explicitDirection ?? offer.defaultDirection
            // An answer without any direction attribute takes what the
            // offer allows; many answerers leave it out.
            let answeredDirection = answered.explicitDirection
                ?? answer.attributes.lazy.compactMap { SDPSession.Direction(rawValue: $0.name) }.first
                ?? offeredDirection.mirrored
            guard (!answeredDirection.sends || offeredDirection.receives),
                  (!answeredDirection.receives || offeredDirection.sends) else {
                throw SDPError(.invalidDirection, "m= line \(index) answers \(offeredDirection.rawValue) with \(answeredDirection.rawValue)")
            }
            guard stream == nil, answered.type.lowercased() == "audio" else { continue }
            let ours = formats.compactMap { payloadType, map -> (UInt8, Codec)? in
                guard var codec = codecs.first(where: { $0.matches(map) }) else { return nil }
                codec.payloadType = payloadType
                return (payloadType, codec)
            }
            guard answered.connection ?? answer.connection != nil else {
                throw SDPError(.missingLine, "c= for m= section \(index)")
            }
            guard let accepted = Self.stream(index: index, formats: ours, remote: answered, in: answer,
                                             direction: answeredDirection.mirrored) else {
                throw SDPError(.unknownFormat, "m= line \(index) has no voice codec we offered")
            }
            stream = accepted
        }
        return stream
    }

    /// The answered RTP formats, each tied to a codec the offer contained.
    private static func answeredFormats(_ answered: SDPSession.Media, offered: SDPSession.Media,
                                        index: Int) throws(SDPError) -> [(UInt8, SDPSession.RTPMap)] {
        guard answered.isRTP, let payloadTypes = answered.payloadTypes else { return [] }
        let offeredMaps = (offered.payloadTypes ?? []).compactMap { map($0, in: offered) }
        var formats: [(UInt8, SDPSession.RTPMap)] = []
        for payloadType in payloadTypes {
            if let own = answered.rtpMaps[payloadType] {
                guard offeredMaps.contains(where: { $0.encodingName.lowercased() == own.encodingName.lowercased()
                    && $0.clockRate == own.clockRate }) else {
                    throw SDPError(.unknownFormat, "m= line \(index): \(own.value) was not offered")
                }
                formats.append((payloadType, own))
            } else if let offeredMap = offeredMaps.first(where: { $0.payloadType == payloadType }) {
                formats.append((payloadType, offeredMap))
            } else if (offered.payloadTypes ?? []).contains(payloadType) {
                continue // offered without a name we know; nothing to send with
            } else {
                throw SDPError(.unknownFormat, "m= line \(index): payload type \(payloadType) was not offered")
            }
        }
        return formats
    }
}
