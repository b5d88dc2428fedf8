/// One header line: the name as it arrived and its value with folding
/// collapsed to single spaces and surrounding whitespace removed.
public struct SIPHeaderField: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The header section of a message: ordered, original names kept, looked up
/// case-insensitively with compact forms equal to their long names.
public struct SIPHeaders: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    public var fields: [SIPHeaderField]

    public init(_ fields: [SIPHeaderField] = []) { self.fields = fields }
    public init(arrayLiteral elements: (String, String)...) {
        self.fields = elements.map { SIPHeaderField($0.0, $0.1) }
    }

    public var startIndex: Int { fields.startIndex }
    public var endIndex: Int { fields.endIndex }
    public subscript(position: Int) -> SIPHeaderField { fields[position] }

    /// Every field with this name (compact or long form, any case), in order.
    public func fields(named name: String) -> [SIPHeaderField] {
        let key = SIPHeaderName.key(name)
        return fields.filter { SIPHeaderName.key($0.name) == key }
    }

    /// The value of the first field with this name.
    public subscript(name: String) -> String? {
        let key = SIPHeaderName.key(name)
        return fields.first { SIPHeaderName.key($0.name) == key }?.value
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// All values of a header: list headers are split at their top-level
    /// commas (never inside quotes or `<…>`), others give one value per line.
    public func values(named name: String) throws(SIPParseError) -> [String] {
        let key = SIPHeaderName.key(name)
        var result: [String] = []
        for field in fields(named: name) {
            if SIPHeaderName.listHeaders.contains(key) {
                result += try SIPFieldScanner.splitList(Substring(field.value), header: name).map(String.init)
            } else {
                result.append(field.value)
            }
        }
        return result
    }

    public mutating func append(_ name: String, _ value: String) {
        fields.append(SIPHeaderField(name, value))
    }

    /// Replaces every field with this name by one field at the first one's place
    /// (or at the end when there was none).
    public mutating func set(_ name: String, _ value: String) {
        let key = SIPHeaderName.key(name)
        if let first = fields.firstIndex(where: { SIPHeaderName.key($0.name) == key }) {
            fields[first] = SIPHeaderField(fields[first].name, value)
            var index = fields.index(after: first)
            while index < fields.endIndex {
                if SIPHeaderName.key(fields[index].name) == key { fields.remove(at: index) } else { index += 1 }
            }
        } else {
            fields.append(SIPHeaderField(name, value))
        }
    }

    public mutating func remove(_ name: String) {
        let key = SIPHeaderName.key(name)
        fields.removeAll { SIPHeaderName.key($0.name) == key }
    }
}
