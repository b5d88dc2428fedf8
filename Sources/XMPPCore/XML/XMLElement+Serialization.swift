import NIOCore

extension XMLElement {
    /// Serializes with correct escaping. `defaultNamespace` is the namespace in scope from the parent
    /// (e.g. "jabber:client" for stanzas): an xmlns declaration is written only when this element's
    /// namespace differs from it.
    ///
    /// Elements in `http://etherx.jabber.org/streams` are written as `stream:NAME`, relying on the
    /// `stream` prefix declared by the stream header. Attributes are written with their names as
    /// stored, except `{namespace}localName` ones, which get a prefix declared on the element.
    public func serialized(defaultNamespace: String? = nil) -> String {
        var output = ""
        write(to: &output, defaultNamespace: defaultNamespace)
        return output
    }

    public func write(to buffer: inout ByteBuffer, defaultNamespace: String? = nil) {
        buffer.writeString(serialized(defaultNamespace: defaultNamespace))
    }

    private func write(to output: inout String, defaultNamespace: String?) {
        let isStreamElement = namespace == XMLNamespaces.streams
        let tag = isStreamElement ? "stream:" + name : name
        output += "<"
        output += tag
        // A `stream:` element leaves the default namespace as it was for its children.
        var childDefaultNamespace = defaultNamespace
        if !isStreamElement {
            if namespace != defaultNamespace {
                output += " xmlns='"
                output += XMLEscaping.escapeAttribute(namespace ?? "")
                output += "'"
            }
            childDefaultNamespace = namespace
        }
        var attributeNamespaces: [String] = []
        for attribute in attributes {
            output += " "
            if let (attributeNamespace, localName) = XMLNamespaces.splitClarkName(attribute.name) {
                // Declare a prefix for each namespace the attributes use, on this element only.
                let index = attributeNamespaces.firstIndex(of: attributeNamespace) ?? attributeNamespaces.count
                if index == attributeNamespaces.count {
                    attributeNamespaces.append(attributeNamespace)
                    output += "xmlns:ns\(index)='\(XMLEscaping.escapeAttribute(attributeNamespace))' "
                }
                output += "ns\(index):\(localName)"
            } else {
                output += attribute.name
            }
            output += "='"
            output += XMLEscaping.escapeAttribute(attribute.value)
            output += "'"
        }
        if children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        for child in children {
            switch child {
            case .element(let element): element.write(to: &output, defaultNamespace: childDefaultNamespace)
            case .text(let text): output += XMLEscaping.escapeText(text)
            }
        }
        output += "</"
        output += tag
        output += ">"
    }
}

/// The stream header we send: `<?xml version='1.0'?><stream:stream xmlns='…'
/// xmlns:stream='http://etherx.jabber.org/streams' …attributes…>` (no closing tag).
public func streamHeader(defaultNamespace: String, attributes: [XMLElement.Attribute]) -> String {
    var header = "<?xml version='1.0'?><stream:stream xmlns='"
    header += XMLEscaping.escapeAttribute(defaultNamespace)
    header += "' xmlns:stream='\(XMLNamespaces.streams)'"
    for attribute in attributes {
        header += " \(attribute.name)='\(XMLEscaping.escapeAttribute(attribute.value))'"
    }
    header += ">"
    return header
}
