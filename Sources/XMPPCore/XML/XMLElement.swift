/// A node in an XML element's content: a child element or a run of text.
public enum XMLNode: Sendable, Hashable {
    case element(XMLElement)
    case text(String)
}

/// An immutable-by-default XML element with resolved namespaces.
///
/// `name` is the local name (no prefix). `namespace` is the resolved namespace
/// URI (`nil` only for elements that truly have none). Plain and `xml:`
/// attributes keep their names as written (`type`, `xml:lang`); an attribute in
/// any other namespace is named in Clark notation (`{jabber:x:data}type`), so
/// forwarding it can never produce an undeclared prefix. Namespace
/// declarations (`xmlns`, `xmlns:p`) are never stored as attributes — the
/// serializer writes the declarations an element needs.
public struct XMLElement: Sendable, Hashable {
    public var name: String
    public var namespace: String?
    public var attributes: [Attribute]
    public var children: [XMLNode]

    public struct Attribute: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(
        name: String,
        namespace: String? = nil,
        attributes: [String: String] = [:],
        children: [XMLNode] = []
    ) {
        self.name = name
        self.namespace = namespace
        // Sorted so that building the same element twice gives equal values.
        self.attributes = attributes.sorted { $0.key < $1.key }.map { Attribute(name: $0.key, value: $0.value) }
        self.children = children
    }

    public init(name: String, namespace: String?, orderedAttributes: [Attribute], children: [XMLNode] = []) {
        self.name = name
        self.namespace = namespace
        self.attributes = orderedAttributes
        self.children = children
    }

    /// Convenience: an element whose only content is `text`.
    public init(name: String, namespace: String? = nil, attributes: [String: String] = [:], text: String) {
        self.init(name: name, namespace: namespace, attributes: attributes, children: [.text(text)])
    }

    // MARK: Attributes

    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append(Attribute(name: name, value: newValue))
            }
        }
    }

    // MARK: Children

    /// Direct child elements, in document order.
    public var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { e } else { nil } }
    }

    /// The first direct child with this name (and namespace, when given).
    public func child(_ name: String, namespace: String? = nil) -> XMLElement? {
        for case .element(let e) in children where e.name == name && (namespace == nil || e.namespace == namespace) {
            return e
        }
        return nil
    }

    /// All direct children with this name (and namespace, when given).
    public func children(_ name: String, namespace: String? = nil) -> [XMLElement] {
        elements.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The concatenated text of the direct text children.
    public var text: String {
        var result = ""
        for case .text(let t) in children { result += t }
        return result
    }

    public mutating func append(_ element: XMLElement) {
        children.append(.element(element))
    }

    public mutating func append(text: String) {
        children.append(.text(text))
    }

    public mutating func removeChildren(where predicate: (XMLElement) -> Bool) {
        children.removeAll { node in
            if case .element(let e) = node { return predicate(e) }
            return false
        }
    }
}
