/// One `;name=value` parameter of a header field value or a URI.
public struct SIPParameter: Hashable, Sendable {
    public var name: String
    /// The value as written; a quoted-string keeps its quotes. `nil` for a
    /// parameter with no value (`;lr`).
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }
}

/// An ordered parameter list with case-insensitive lookup by name.
public struct SIPParameters: Hashable, Sendable, RandomAccessCollection, ExpressibleByArrayLiteral {
    public var items: [SIPParameter]

    public init(_ items: [SIPParameter] = []) { self.items = items }
    public init(arrayLiteral elements: SIPParameter...) { self.items = elements }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> SIPParameter { items[position] }

    /// The first parameter with this name (case-insensitive).
    public func first(named name: String) -> SIPParameter? {
        items.first { $0.name.lowercased() == name.lowercased() }
    }

    public func contains(_ name: String) -> Bool { first(named: name) != nil }

    /// The value of the named parameter; `nil` when absent or valueless.
    public subscript(name: String) -> String? {
        get { first(named: name)?.value }
        set {
            if let index = items.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
                if let newValue { items[index].value = newValue } else { items.remove(at: index) }
            } else if let newValue {
                items.append(SIPParameter(name, newValue))
            }
        }
    }

    /// Adds or replaces a parameter that has no value (`;lr`, `;rport`).
    public mutating func setFlag(_ name: String) {
        if let index = items.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            items[index].value = nil
        } else {
            items.append(SIPParameter(name))
        }
    }

    public mutating func remove(_ name: String) {
        items.removeAll { $0.name.lowercased() == name.lowercased() }
    }

    /// `;a=b;c` as written on the wire.
    var serialized: String {
        items.map { parameter in
            if let value = parameter.value { ";\(parameter.name)=\(value)" } else { ";\(parameter.name)" }
        }.joined()
    }
}
