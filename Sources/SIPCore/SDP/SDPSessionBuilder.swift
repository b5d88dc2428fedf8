/// Collects parsed lines into an `SDPSession`, enforcing where each type
/// may appear and how often (RFC 4566 §5).
struct SDPSessionBuilder {
    let limits: SDPSession.Limits
    private var sawVersion = false
    private var origin: SDPSession.Origin?
    private var name: String?
    private var information: String?
    private var connection: SDPSession.Connection?
    private var bandwidths: [SDPSession.Bandwidth] = []
    private var timings: [SDPSession.Timing] = []
    private var attributes: [SDPSession.Attribute] = []
    private var otherFields: [SDPSession.Field] = []
    private var media: [SDPSession.Media] = []
    private var previousType: Character?

    init(limits: SDPSession.Limits) {
        self.limits = limits
    }

    mutating func add(_ line: SDPLine) throws(SDPError) {
        defer { previousType = line.type }
        guard sawVersion else {
            guard line.type == "v" else { throw SDPError(.missingLine, "v= must be the first line") }
            guard line.value == "0" else { throw SDPError(.invalidVersion, String(line.text)) }
            sawVersion = true
            return
        }
        if line.type == "m" {
            guard media.count < limits.maxMediaSections else {
                throw SDPError(.tooManyMediaSections, "more than \(limits.maxMediaSections) m= lines")
            }
            media.append(try SDPFieldParser.media(line.value))
        } else if !media.isEmpty {
            try addToMedia(line)
        } else {
            try addToSession(line)
        }
    }

    private mutating func addToSession(_ line: SDPLine) throws(SDPError) {
        switch line.type {
        case "v": throw SDPError(.duplicateLine, "v=")
        case "o":
            guard origin == nil else { throw SDPError(.duplicateLine, "o=") }
            origin = try SDPFieldParser.origin(line.value)
        case "s":
            guard name == nil else { throw SDPError(.duplicateLine, "s=") }
            name = String(line.value)
        case "i":
            guard information == nil else { throw SDPError(.duplicateLine, "i=") }
            information = try SDPFieldParser.text(line)
        case "c":
            guard connection == nil else { throw SDPError(.duplicateLine, "c=") }
            connection = try SDPFieldParser.connection(line.value)
        case "b": bandwidths.append(try SDPFieldParser.bandwidth(line.value))
        case "t": timings.append(try SDPFieldParser.timing(line.value))
        case "r":
            guard previousType == "t" || previousType == "r", !timings.isEmpty else {
                throw SDPError(.misplacedLine, "r= must follow t=")
            }
            timings[timings.count - 1].repeats.append(try SDPFieldParser.text(line))
        case "a": attributes.append(try SDPFieldParser.attribute(line.value))
        default:
            if line.type != "e" && line.type != "p",
               otherFields.contains(where: { $0.type == line.type }) {
                throw SDPError(.duplicateLine, "\(line.type)=")
            }
            otherFields.append(SDPSession.Field(type: line.type, value: try SDPFieldParser.text(line)))
        }
    }

    private mutating func addToMedia(_ line: SDPLine) throws(SDPError) {
        let index = media.count - 1
        switch line.type {
        case "i":
            guard media[index].information == nil else { throw SDPError(.duplicateLine, "i= in m= section \(index)") }
            media[index].information = try SDPFieldParser.text(line)
        case "c":
            guard media[index].connection == nil else { throw SDPError(.duplicateLine, "c= in m= section \(index)") }
            media[index].connection = try SDPFieldParser.connection(line.value)
        case "b": media[index].bandwidths.append(try SDPFieldParser.bandwidth(line.value))
        case "k":
            guard media[index].otherFields.isEmpty else { throw SDPError(.duplicateLine, "k= in m= section \(index)") }
            media[index].otherFields.append(SDPSession.Field(type: "k", value: try SDPFieldParser.text(line)))
        case "a": media[index].attributes.append(try SDPFieldParser.attribute(line.value))
        default: throw SDPError(.misplacedLine, "\(line.type)= after m=")
        }
    }

    func finish() throws(SDPError) -> SDPSession {
        guard sawVersion else { throw SDPError(.missingLine, "v=") }
        guard let origin else { throw SDPError(.missingLine, "o=") }
        guard let name else { throw SDPError(.missingLine, "s=") }
        guard !timings.isEmpty else { throw SDPError(.missingLine, "t=") }
        if connection == nil, let index = media.firstIndex(where: { $0.connection == nil }) {
            throw SDPError(.missingLine, "c= for m= section \(index)")
        }
        return SDPSession(origin: origin, name: name, information: information, connection: connection,
                          bandwidths: bandwidths, timings: timings, attributes: attributes,
                          otherFields: otherFields, media: media)
    }
}
