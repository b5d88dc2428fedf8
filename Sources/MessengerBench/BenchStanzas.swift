import XMPPCore

/// The few stanzas the bench sends, as text: building them from strings
/// keeps the load generator's own cost per message small.
enum BenchStanzas {
    static func streamHeader(domain: String) -> String {
        XMPPCore.streamHeader(
            defaultNamespace: XMLNamespace.client,
            attributes: [
                .init(name: "to", value: domain),
                .init(name: "version", value: "1.0"),
            ])
    }

    static let startTLS = "<starttls xmlns='\(XMLNamespace.tls)'/>"
    static let streamClose = "</stream:stream>"
    static let initialPresence = "<presence/>"
    static let rosterGet = "<iq type='get' id='roster'><query xmlns='\(XMLNamespace.roster)'/></iq>"
    static let rosterRecount = "<iq type='get' id='recount'><query xmlns='\(XMLNamespace.roster)'/></iq>"

    static func register(username: String, password: String) -> String {
        "<iq type='set' id='register'><query xmlns='\(XMLNamespace.register)'><username>\(XMLEscaping.escapeText(username))</username>"
            + "<password>\(XMLEscaping.escapeText(password))</password></query></iq>"
    }

    static func auth(mechanism: String, payload: [UInt8]) -> String {
        "<auth xmlns='\(XMLNamespace.sasl)' mechanism='\(mechanism)'>\(payload.isEmpty ? "=" : Base64.encode(payload))</auth>"
    }

    static func response(_ payload: [UInt8]) -> String {
        "<response xmlns='\(XMLNamespace.sasl)'>\(Base64.encode(payload))</response>"
    }

    static let bind = "<iq type='set' id='bind'><bind xmlns='\(XMLNamespace.bind)'><resource>bench</resource></bind></iq>"

    static func presence(type: String, to jid: String) -> String {
        "<presence type='\(type)' to='\(XMLEscaping.escapeAttribute(jid))'/>"
    }

    static func iqResult(id: String, to jid: String?) -> String {
        let to = jid.map { " to='\(XMLEscaping.escapeAttribute($0))'" } ?? ""
        return "<iq type='result' id='\(XMLEscaping.escapeAttribute(id))'\(to)/>"
    }

    static func iqUnsupported(id: String, to jid: String?) -> String {
        let to = jid.map { " to='\(XMLEscaping.escapeAttribute($0))'" } ?? ""
        return "<iq type='error' id='\(XMLEscaping.escapeAttribute(id))'\(to)><error type='cancel'>"
            + "<service-unavailable xmlns='\(XMLNamespace.stanzaErrors)'/></error></iq>"
    }

    /// A chat of about 64 bytes of body: "bench RUN SEQ SENT-NS" and padding.
    static func chat(to jid: String, runID: String, sequence: Int, sentNanoseconds: UInt64) -> String {
        var body = "\(BenchBody.messageTag) \(runID) \(sequence) \(sentNanoseconds) "
        if body.utf8.count < 64 { body += String(repeating: "x", count: 64 - body.utf8.count) }
        return "<message to='\(jid)' type='chat' id='m\(sequence)'><body>\(body)</body></message>"
    }

    /// A status change whose text carries its send time.
    static func statusChange(runID: String, sentNanoseconds: UInt64) -> String {
        "<presence><show>away</show><status>\(BenchBody.presenceTag) \(runID) \(sentNanoseconds)</status></presence>"
    }
}

/// Reads back what `BenchStanzas` wrote into bodies and statuses.
enum BenchBody {
    static let messageTag = "bench"
    static let presenceTag = "bench-p"

    /// (sequence, sent time) from a chat body of run `runID`.
    static func message(_ body: String, runID: String) -> (sequence: Int, sent: UInt64)? {
        let fields = body.split(separator: " ", maxSplits: 4)
        guard fields.count >= 4, fields[0] == messageTag, fields[1] == runID,
            let sequence = Int(fields[2]), let sent = UInt64(fields[3])
        else { return nil }
        return (sequence, sent)
    }

    /// The send time from a status text of run `runID`.
    static func presence(_ status: String, runID: String) -> UInt64? {
        let fields = status.split(separator: " ")
        guard fields.count == 3, fields[0] == presenceTag, fields[1] == runID else { return nil }
        return UInt64(fields[2])
    }
}
