extension XMLElement {
    /// The error reply to a received stanza (message, presence or iq), per
    /// RFC 6120 §8.3.1: same name, namespace and id; `from` and `to` swapped
    /// (each omitted when the original had none); `type='error'`; for message
    /// and presence the original payload is kept (any old `<error/>` dropped),
    /// for iq it is not; then the `<error/>` element.
    ///
    /// The caller must not answer a stanza that is itself of type "error"
    /// (RFC 6120 §8.3.1 forbids error loops).
    public func errorReply(_ error: StanzaError) -> XMLElement {
        var attributes: [Attribute] = []
        if let id = self[attribute: "id"] { attributes.append(Attribute(name: "id", value: id)) }
        if let to = self[attribute: "to"] { attributes.append(Attribute(name: "from", value: to)) }
        if let from = self[attribute: "from"] { attributes.append(Attribute(name: "to", value: from)) }
        attributes.append(Attribute(name: "type", value: "error"))

        var children: [XMLNode] = []
        if name != "iq" {
            children = elements.filter { $0.name != "error" }.map(XMLNode.element)
        }
        var errorElement = error.element
        // The <error/> lives in the stanza's own namespace (jabber:server on s2s).
        if let namespace { errorElement.namespace = namespace }
        children.append(.element(errorElement))
        return XMLElement(name: name, namespace: namespace, orderedAttributes: attributes, children: children)
    }
}
