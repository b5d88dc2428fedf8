/// One Via value (RFC 3261 §20.42, §18.2.1; `rport` from RFC 3581).
public struct SIPVia: Hashable, Sendable, CustomStringConvertible {
    public var protocolName: String
    public var protocolVersion: String
    /// UDP, TCP, TLS, SCTP or any extension token, upper-cased.
    public var transport: String
    public var host: String
    public var port: UInt16?
    public var parameters: SIPParameters

    /// The RFC 3261 magic cookie that starts every compliant branch.
    public static let magicCookie = "z9hG4bK"

    public init(transport: String, host: String, port: UInt16? = nil, parameters: SIPParameters = []) {
        self.protocolName = "SIP"
        self.protocolVersion = "2.0"
        self.transport = transport.uppercased()
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    public var branch: String? {
        get { parameters["branch"] }
        set { parameters["branch"] = newValue }
    }

    public var received: String? {
        get { parameters["received"] }
        set { parameters["received"] = newValue }
    }

    /// `nil` when absent, `.some(nil)` for a bare `;rport` request.
    public var rport: UInt16?? {
        guard let parameter = parameters.first(named: "rport") else { return nil }
        guard let value = parameter.value else { return .some(nil) }
        return .some(UInt16(value))
    }

    public var maddr: String? { parameters["maddr"] }
    public var ttl: UInt8? { parameters["ttl"].flatMap { UInt8($0) } }

    /// True when the branch carries the magic cookie and something after it
    /// (RFC 4475 §3.2.1: `z9hG4bK` alone is not a transaction identifier).
    public var hasRFC3261Branch: Bool {
        guard let branch else { return false }
        return branch.hasPrefix(SIPVia.magicCookie) && branch.count > SIPVia.magicCookie.count
    }

    /// Parses one via-parm: sent-protocol LWS sent-by *( SEMI via-params ).
    public init(parsing text: String) throws(SIPParseError) {
        let value = Substring(text).sipTrimmed
        func fail(_ why: String) -> SIPParseError { SIPParseError(.invalidVia, "\(why): \(value.prefix(80))") }
        // sent-protocol: three tokens separated by SWS "/" SWS.
        var rest = value
        var protocolParts: [String] = []
        for index in 0..<3 {
            rest = rest.sipTrimmed
            let end = rest.firstIndex { !SIPCharacters.isToken($0.asciiValue ?? 0) || $0.asciiValue == nil } ?? rest.endIndex
            guard end != rest.startIndex else { throw fail("bad sent-protocol") }
            protocolParts.append(String(rest[..<end]))
            rest = rest[end...]
            if index < 2 {
                rest = rest.sipTrimmed
                guard rest.first == "/" else { throw fail("bad sent-protocol") }
                rest = rest.dropFirst()
            }
        }
        guard let first = rest.first, first == " " || first == "\t" else { throw fail("missing sent-by") }
        rest = rest.sipTrimmed
        let sentByEnd = rest.firstIndex { $0 == ";" || $0 == " " || $0 == "\t" } ?? rest.endIndex
        var sentBy = rest[..<sentByEnd]
        rest = rest[sentByEnd...]
        // sent-by allows LWS around the port colon: "host : 5060".
        let afterSentBy = rest.sipTrimmed
        if afterSentBy.first == ":" {
            let portText = afterSentBy.dropFirst().sipTrimmed
            let portEnd = portText.firstIndex { !$0.isASCII || !$0.isNumber } ?? portText.endIndex
            sentBy = Substring(String(sentBy) + ":" + portText[..<portEnd])
            rest = portText[portEnd...]
        }
        let (host, port) = try SIPURI.parseHostPort(sentBy, context: value)
        let parameters = try SIPFieldScanner.parseParameters(rest, header: "Via")
        guard protocolParts[0].uppercased() == "SIP" else { throw fail("protocol is not SIP") }
        self.protocolName = protocolParts[0]
        self.protocolVersion = protocolParts[1]
        self.transport = protocolParts[2].uppercased()
        self.host = host
        self.port = port
        self.parameters = parameters
        if let ttl = parameters.first(named: "ttl"), ttl.value.flatMap({ UInt8($0) }) == nil { throw fail("bad ttl") }
        if let rport = parameters.first(named: "rport"), let v = rport.value, UInt16(v) == nil { throw fail("bad rport") }
        if let branch = parameters.first(named: "branch"), branch.value == nil { throw fail("branch without value") }
    }

    public var description: String {
        "\(protocolName)/\(protocolVersion)/\(transport) \(host)\(port.map { ":\($0)" } ?? "")\(parameters.serialized)"
    }
}
