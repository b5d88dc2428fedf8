/// Turning finished tags into elements: namespace scopes, depth, and where a finished element goes.
extension XMLStreamParser {
    mutating func finishStartTag(isEmpty: Bool) throws(XMLStreamParserError) {
        state = .content
        guard openElements.count < limits.maxDepth else {
            throw .policyViolation("elements nested deeper than \(limits.maxDepth)")
        }
        let qualifiedName = String(decoding: tagName, as: UTF8.self)
        let (prefix, localName) = try Self.split(qualifiedName)

        // Declarations first: they apply to the element's own name and attributes.
        var declaredPrefixes: [String] = []
        var ordinaryAttributes: [PendingAttribute] = []
        for attribute in tagAttributes {
            if attribute.name == XMLNamespaces.xmlnsPrefix {
                try bind(prefix: "", to: attribute.value)
                declaredPrefixes.append("")
            } else if attribute.name.hasPrefix("xmlns:") {
                let (_, declared) = try Self.split(attribute.name)
                try bind(prefix: declared, to: attribute.value)
                declaredPrefixes.append(declared)
            } else {
                ordinaryAttributes.append(attribute)
            }
        }

        let namespace = try resolveElementNamespace(prefix: prefix)
        let attributes = try resolveAttributes(ordinaryAttributes)
        let element = XMLElement(name: localName, namespace: namespace, orderedAttributes: attributes)

        if openElements.isEmpty {
            try openStream(element)
        }
        openElements.append(OpenElement(qualifiedName: tagName, element: element, declaredPrefixes: declaredPrefixes))
        if isEmpty { closeElement() }
    }

    private mutating func openStream(_ root: XMLElement) throws(XMLStreamParserError) {
        guard root.namespace == XMLNamespaces.streams else {
            throw .invalidNamespace("the stream root must be in \(XMLNamespaces.streams), not \(root.namespace ?? "no namespace")")
        }
        guard root.name == "stream" else { throw .badFormat("the stream root must be <stream:stream>, not <\(root.name)>") }
        rootOpened = true
        declarationAllowed = false
        pendingEvents.append(.streamOpen(root))
    }

    mutating func finishEndTag() throws(XMLStreamParserError) {
        state = .content
        guard let open = openElements.last else { throw .notWellFormed("end tag without a start tag") }
        guard open.qualifiedName == name else {
            let found = String(decoding: name, as: UTF8.self)
            let expected = String(decoding: open.qualifiedName, as: UTF8.self)
            throw .notWellFormed("end tag </\(found)> does not match <\(expected)>")
        }
        closeElement()
    }

    /// Pops the innermost element and hands it to its parent, or reports it when it is a stanza or the root.
    private mutating func closeElement() {
        guard let closed = openElements.popLast() else { return }
        for prefix in closed.declaredPrefixes {
            namespaceScopes[prefix]?.removeLast()
        }
        switch openElements.count {
        case 0:
            rootClosed = true
            pendingEvents.append(.streamClose)
        case 1:
            pendingEvents.append(.stanza(closed.element))
        default:
            openElements[openElements.count - 1].element.children.append(.element(closed.element))
        }
    }

    /// Moves the text read so far into the innermost element, as one text node.
    mutating func flushText() {
        guard !text.isEmpty else { return }
        if openElements.count >= 2 {
            let run = String(decoding: text, as: UTF8.self)
            openElements[openElements.count - 1].element.children.append(.text(run))
        }
        text.removeAll(keepingCapacity: true)
    }

    // MARK: Namespaces

    private mutating func bind(prefix: String, to uri: String) throws(XMLStreamParserError) {
        if prefix == XMLNamespaces.xmlnsPrefix {
            throw .notWellFormed("the prefix 'xmlns' cannot be declared")
        }
        if prefix == XMLNamespaces.xmlPrefix {
            guard uri == XMLNamespaces.xml else { throw .notWellFormed("the prefix 'xml' cannot be rebound") }
        } else if uri == XMLNamespaces.xml || uri == XMLNamespaces.xmlns {
            throw .notWellFormed("\(uri) cannot be bound to another prefix")
        }
        if !prefix.isEmpty && uri.isEmpty {
            throw .notWellFormed("the prefix '\(prefix)' cannot be bound to an empty namespace")
        }
        namespaceScopes[prefix, default: []].append(uri)
    }

    private func lookup(prefix: String) -> String? {
        namespaceScopes[prefix]?.last
    }

    private func resolveElementNamespace(prefix: String?) throws(XMLStreamParserError) -> String? {
        guard let prefix else {
            // `xmlns=''` undeclares the default namespace.
            guard let uri = lookup(prefix: ""), !uri.isEmpty else { return nil }
            return uri
        }
        guard prefix != XMLNamespaces.xmlnsPrefix, let uri = lookup(prefix: prefix) else {
            throw .notWellFormed("namespace prefix '\(prefix)' is not declared")
        }
        return uri
    }

    private func resolveAttributes(_ pending: [PendingAttribute]) throws(XMLStreamParserError) -> [XMLElement.Attribute] {
        var expandedNames: [(namespace: String, localName: String)] = []
        var attributes: [XMLElement.Attribute] = []
        attributes.reserveCapacity(pending.count)
        for attribute in pending {
            let (prefix, localName) = try Self.split(attribute.name)
            if let prefix {
                guard let uri = lookup(prefix: prefix) else {
                    throw .notWellFormed("namespace prefix '\(prefix)' is not declared")
                }
                // Two prefixes for one namespace still name the same attribute.
                guard !expandedNames.contains(where: { $0.namespace == uri && $0.localName == localName }) else {
                    throw .notWellFormed("duplicate attribute '\(attribute.name)'")
                }
                expandedNames.append((uri, localName))
                if prefix != XMLNamespaces.xmlPrefix {
                    // The declaration is not kept, so keep the namespace in the name instead.
                    let name = XMLNamespaces.clarkName(namespace: uri, localName: localName)
                    attributes.append(XMLElement.Attribute(name: name, value: attribute.value))
                    continue
                }
            }
            attributes.append(XMLElement.Attribute(name: attribute.name, value: attribute.value))
        }
        return attributes
    }

    /// Splits a qualified name into prefix and local part (Namespaces in XML §4).
    static func split(_ qualifiedName: String) throws(XMLStreamParserError) -> (prefix: String?, localName: String) {
        // Most names have no prefix: a byte search answers without splitting.
        guard qualifiedName.utf8.contains(UInt8(ascii: ":")) else { return (nil, qualifiedName) }
        let parts = qualifiedName.split(separator: ":", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            return (nil, qualifiedName)
        case 2 where !parts[0].isEmpty && !parts[1].isEmpty && XMLCharacters.startsName(parts[1]):
            return (String(parts[0]), String(parts[1]))
        default:
            throw .notWellFormed("'\(qualifiedName)' is not a valid qualified name")
        }
    }
}
