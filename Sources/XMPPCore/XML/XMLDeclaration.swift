/// Checks the body of `<?xml …?>`: `version`, then optional `encoding` and `standalone`.
enum XMLDeclaration {
    static func check(_ body: String) throws(XMLStreamParserError) {
        let pairs = try pseudoAttributes(body)
        let names = pairs.map(\.name)
        guard names.first == "version", let version = pairs.first?.value else {
            throw .notWellFormed("the XML declaration must start with a version")
        }
        guard version == "1.0" else { throw .badFormat("unsupported XML version \(version)") }
        let allowedOrders: [[String]] = [
            ["version"], ["version", "encoding"], ["version", "standalone"], ["version", "encoding", "standalone"],
        ]
        guard allowedOrders.contains(names) else { throw .notWellFormed("malformed XML declaration") }
        if let encoding = pairs.first(where: { $0.name == "encoding" })?.value, encoding.lowercased() != "utf-8" {
            throw .badFormat("unsupported encoding \(encoding); XMPP streams are UTF-8")
        }
        if let standalone = pairs.first(where: { $0.name == "standalone" })?.value, standalone != "yes", standalone != "no" {
            throw .notWellFormed("standalone must be 'yes' or 'no'")
        }
    }

    /// Reads `name = 'value'` pairs, each preceded by whitespace.
    private static func pseudoAttributes(_ body: String) throws(XMLStreamParserError) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        var rest = Substring(body)
        while true {
            guard let first = rest.first else { return pairs }
            guard isSpace(first) else { throw .notWellFormed("malformed XML declaration") }
            rest = rest.drop(while: isSpace)
            if rest.isEmpty { return pairs }
            // version, encoding, standalone: a fourth pair can only be wrong.
            guard pairs.count < 3 else { throw .notWellFormed("malformed XML declaration") }
            let name = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(name.count).drop(while: isSpace)
            guard !name.isEmpty, rest.first == "=" else { throw .notWellFormed("malformed XML declaration") }
            rest = rest.dropFirst().drop(while: isSpace)
            guard let quote = rest.first, quote == "'" || quote == "\"" else {
                throw .notWellFormed("malformed XML declaration")
            }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { throw .notWellFormed("malformed XML declaration") }
            pairs.append((String(name), String(rest[..<end])))
            rest = rest[rest.index(after: end)...]
        }
    }

    private static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\t" || character == "\n"
    }
}
