extension SDPOfferAnswer {
    /// The offer our user agent sends: one audio stream on `port` with every
    /// codec, in preference order, and an explicit direction.
    public func offer(port: UInt16, direction: SDPSession.Direction = .sendrecv) -> SDPSession {
        let formats = codecs.map { ($0.payloadType, $0) }
        let audio = SDPSession.Media(type: "audio", port: port, formats: formats.map { "\($0.0)" },
                                     attributes: audioAttributes(formats, direction: direction))
        return SDPSession(origin: origin, connection: connection, media: [audio])
    }
}
