/// The character-level grammar: which markup the parser is in and what each character does there.
extension XMLStreamParser {
    enum State: Sendable, Hashable {
        /// Character data (or whitespace outside the root).
        case content
        /// After `<`.
        case markupStart
        /// After `<!`.
        case markupDeclarationStart
        /// Inside `<![CDATA[`, having matched this many characters of `[CDATA[`.
        case cdataOpening(matched: Int)
        /// Inside a CDATA section, after this many `]` that may start `]]>`.
        case cdata(closingBrackets: Int)
        /// After `<?`, reading the target.
        case declarationTarget
        /// Inside `<?xml …`, up to `?>`.
        case declarationBody(sawQuestionMark: Bool)
        case startTagName
        case insideStartTag(afterWhitespace: Bool)
        case attributeName
        case beforeEquals
        case afterEquals
        case attributeValue
        /// After the `/` of `<name/>`.
        case emptyElementSlash
        case endTagName
        case afterEndTagName
        /// After `&`, reading up to `;`.
        case reference(inAttribute: Bool)
    }

    mutating func dispatch(_ c: UInt32) throws(XMLStreamParserError) {
        switch state {
        case .content: try readContent(c)
        case .markupStart: try readMarkupStart(c)
        case .markupDeclarationStart: try readMarkupDeclarationStart(c)
        case .cdataOpening(let matched): try readCDATAOpening(c, matched: matched)
        case .cdata(let brackets): try readCDATA(c, closingBrackets: brackets)
        case .declarationTarget: try readDeclarationTarget(c)
        case .declarationBody(let sawQuestionMark): try readDeclarationBody(c, sawQuestionMark: sawQuestionMark)
        case .startTagName: try readStartTagName(c)
        case .insideStartTag(let afterWhitespace): try readInsideStartTag(c, afterWhitespace: afterWhitespace)
        case .attributeName: try readAttributeName(c)
        case .beforeEquals: try readBeforeEquals(c)
        case .afterEquals: try readAfterEquals(c)
        case .attributeValue: try readAttributeValue(c)
        case .emptyElementSlash: try readEmptyElementSlash(c)
        case .endTagName: try readEndTagName(c)
        case .afterEndTagName: try readAfterEndTagName(c)
        case .reference(let inAttribute): try readReference(c, inAttribute: inAttribute)
        }
    }

    // MARK: Character data

    private mutating func readContent(_ c: UInt32) throws(XMLStreamParserError) {
        switch c {
        case ASCII.lessThan:
            closingBracketsInText = 0
            state = .markupStart
        case ASCII.ampersand:
            closingBracketsInText = 0
            reference.removeAll(keepingCapacity: true)
            state = .reference(inAttribute: false)
        case ASCII.greaterThan where closingBracketsInText >= 2:
            throw .notWellFormed("']]>' is not allowed in text")
        default:
            closingBracketsInText = c == ASCII.closingBracket ? closingBracketsInText + 1 : 0
            try appendText(c)
        }
    }

    /// Adds one character of text where the current depth allows it.
    mutating func appendText(_ c: UInt32) throws(XMLStreamParserError) {
        switch openElements.count {
        case 0:
            guard XMLCharacters.isWhitespace(c) else {
                throw .notWellFormed(rootClosed ? "text after the end of the stream" : "text before the stream root")
            }
        case 1:
            // Whitespace between stanzas is a keepalive; anything else has no place in XMPP.
            guard XMLCharacters.isWhitespace(c) else { throw .badFormat("text between stanzas") }
        default:
            XMLCharacters.appendUTF8(c, to: &text)
            guard text.count <= limits.maxTextBytes else {
                throw .policyViolation("text longer than \(limits.maxTextBytes) bytes")
            }
        }
    }

    // MARK: Markup other than tags

    private mutating func readMarkupStart(_ c: UInt32) throws(XMLStreamParserError) {
        switch c {
        case ASCII.questionMark:
            guard declarationAllowed else { throw .restrictedXML("processing instructions are not allowed") }
            name.removeAll(keepingCapacity: true)
            state = .declarationTarget
        case ASCII.exclamationMark:
            state = .markupDeclarationStart
        case ASCII.slash:
            guard !openElements.isEmpty else { throw .notWellFormed("end tag without a start tag") }
            flushText()
            name.removeAll(keepingCapacity: true)
            state = .endTagName
        default:
            guard XMLCharacters.isNameStart(c) else { throw .notWellFormed("'<' must start a tag (write &lt;)") }
            guard !rootClosed else { throw .notWellFormed("a second root element after the end of the stream") }
            flushText()
            declarationAllowed = false
            name.removeAll(keepingCapacity: true)
            tagAttributes.removeAll(keepingCapacity: true)
            try appendName(c)
            state = .startTagName
        }
    }

    private mutating func readMarkupDeclarationStart(_ c: UInt32) throws(XMLStreamParserError) {
        switch c {
        case ASCII.hyphen:
            throw .restrictedXML("comments are not allowed")
        case ASCII.openingBracket:
            guard !openElements.isEmpty else { throw .notWellFormed("CDATA section outside the root element") }
            state = .cdataOpening(matched: 1)
        case UInt32(UInt8(ascii: "D")):
            throw .restrictedXML("document type declarations (DOCTYPE) are not allowed")
        case UInt32(UInt8(ascii: "A"))...UInt32(UInt8(ascii: "Z")):
            throw .restrictedXML("markup declarations (ENTITY, ELEMENT, ATTLIST, NOTATION) are not allowed")
        default:
            throw .notWellFormed("'<!' must start a CDATA section")
        }
    }

    private static let cdataKeyword = Array("[CDATA[".utf8)

    private mutating func readCDATAOpening(_ c: UInt32, matched: Int) throws(XMLStreamParserError) {
        guard c == UInt32(Self.cdataKeyword[matched]) else { throw .notWellFormed("'<![' must start '<![CDATA['") }
        state = matched + 1 == Self.cdataKeyword.count ? .cdata(closingBrackets: 0) : .cdataOpening(matched: matched + 1)
    }

    private mutating func readCDATA(_ c: UInt32, closingBrackets: Int) throws(XMLStreamParserError) {
        if c == ASCII.closingBracket {
            // Of "]]]", only the last two may be the start of "]]>".
            if closingBrackets == 2 { try appendText(c) } else { state = .cdata(closingBrackets: closingBrackets + 1) }
            return
        }
        if c == ASCII.greaterThan && closingBrackets == 2 {
            state = .content
            return
        }
        for _ in 0..<closingBrackets { try appendText(ASCII.closingBracket) }
        try appendText(c)
        state = .cdata(closingBrackets: 0)
    }

    private mutating func readDeclarationTarget(_ c: UInt32) throws(XMLStreamParserError) {
        if XMLCharacters.isWhitespace(c) || c == ASCII.questionMark {
            guard name == Array("xml".utf8) else { throw .restrictedXML("processing instructions are not allowed") }
            // Keep the separator: the body check wants whitespace before each pseudo-attribute.
            declarationBody = c == ASCII.questionMark ? [] : [UInt8(ascii: " ")]
            state = .declarationBody(sawQuestionMark: c == ASCII.questionMark)
            return
        }
        let valid = name.isEmpty ? XMLCharacters.isNameStart(c) : XMLCharacters.isName(c)
        guard valid else { throw .notWellFormed("invalid processing instruction target") }
        try appendName(c)
        // Only the XML declaration is allowed, so a longer target is already known to be restricted.
        guard name.count <= 3 else { throw .restrictedXML("processing instructions are not allowed") }
    }

    private mutating func readDeclarationBody(_ c: UInt32, sawQuestionMark: Bool) throws(XMLStreamParserError) {
        if sawQuestionMark && c == ASCII.greaterThan {
            try XMLDeclaration.check(String(decoding: declarationBody, as: UTF8.self))
            declarationBody = []
            declarationAllowed = false
            state = .content
            return
        }
        if sawQuestionMark { declarationBody.append(UInt8(ascii: "?")) }
        if c == ASCII.questionMark {
            state = .declarationBody(sawQuestionMark: true)
        } else {
            XMLCharacters.appendUTF8(c, to: &declarationBody)
            state = .declarationBody(sawQuestionMark: false)
        }
    }

    // MARK: Tags

    mutating func appendName(_ c: UInt32) throws(XMLStreamParserError) {
        XMLCharacters.appendUTF8(c, to: &name)
        guard name.count <= limits.maxNameBytes else {
            throw .policyViolation("name longer than \(limits.maxNameBytes) bytes")
        }
    }

    private mutating func readStartTagName(_ c: UInt32) throws(XMLStreamParserError) {
        if XMLCharacters.isName(c) {
            try appendName(c)
            return
        }
        swap(&tagName, &name)
        switch c {
        case _ where XMLCharacters.isWhitespace(c): state = .insideStartTag(afterWhitespace: true)
        case ASCII.slash: state = .emptyElementSlash
        case ASCII.greaterThan: try finishStartTag(isEmpty: false)
        default: throw .notWellFormed("invalid character \(XMLCharacters.describe(c)) in an element name")
        }
    }

    private mutating func readInsideStartTag(_ c: UInt32, afterWhitespace: Bool) throws(XMLStreamParserError) {
        switch c {
        case _ where XMLCharacters.isWhitespace(c):
            state = .insideStartTag(afterWhitespace: true)
        case ASCII.slash:
            state = .emptyElementSlash
        case ASCII.greaterThan:
            try finishStartTag(isEmpty: false)
        case _ where XMLCharacters.isNameStart(c):
            guard afterWhitespace else { throw .notWellFormed("attributes must be separated by whitespace") }
            guard tagAttributes.count < limits.maxAttributesPerElement else {
                throw .policyViolation("more than \(limits.maxAttributesPerElement) attributes on one element")
            }
            name.removeAll(keepingCapacity: true)
            try appendName(c)
            state = .attributeName
        default:
            throw .notWellFormed("unexpected character \(XMLCharacters.describe(c)) in a start tag")
        }
    }

    private mutating func readAttributeName(_ c: UInt32) throws(XMLStreamParserError) {
        if XMLCharacters.isName(c) {
            try appendName(c)
        } else if XMLCharacters.isWhitespace(c) {
            state = .beforeEquals
        } else if c == ASCII.equals {
            state = .afterEquals
        } else {
            throw .notWellFormed("invalid character \(XMLCharacters.describe(c)) in an attribute name")
        }
    }

    private mutating func readBeforeEquals(_ c: UInt32) throws(XMLStreamParserError) {
        if XMLCharacters.isWhitespace(c) { return }
        guard c == ASCII.equals else { throw .notWellFormed("expected '=' after an attribute name") }
        state = .afterEquals
    }

    private mutating func readAfterEquals(_ c: UInt32) throws(XMLStreamParserError) {
        if XMLCharacters.isWhitespace(c) { return }
        guard c == ASCII.apostrophe || c == ASCII.quotationMark else {
            throw .notWellFormed("attribute values must be quoted")
        }
        attributeQuote = c
        attributeValue.removeAll(keepingCapacity: true)
        state = .attributeValue
    }

    private mutating func readAttributeValue(_ c: UInt32) throws(XMLStreamParserError) {
        switch c {
        case attributeQuote:
            try finishAttribute()
            state = .insideStartTag(afterWhitespace: false)
        case ASCII.lessThan:
            throw .notWellFormed("'<' is not allowed in attribute values")
        case ASCII.ampersand:
            reference.removeAll(keepingCapacity: true)
            state = .reference(inAttribute: true)
        case XMLCharacters.tab, XMLCharacters.lineFeed:
            // XML 1.0 §3.3.3: literal whitespace in attribute values becomes a space.
            try appendAttributeValue(XMLCharacters.space)
        default:
            try appendAttributeValue(c)
        }
    }

    private mutating func appendAttributeValue(_ c: UInt32) throws(XMLStreamParserError) {
        XMLCharacters.appendUTF8(c, to: &attributeValue)
        guard attributeValue.count <= limits.maxAttributeValueBytes else {
            throw .policyViolation("attribute value longer than \(limits.maxAttributeValueBytes) bytes")
        }
    }

    private mutating func finishAttribute() throws(XMLStreamParserError) {
        let attributeName = String(decoding: name, as: UTF8.self)
        guard !tagAttributes.contains(where: { $0.name == attributeName }) else {
            throw .notWellFormed("duplicate attribute '\(attributeName)'")
        }
        tagAttributes.append(PendingAttribute(name: attributeName, value: String(decoding: attributeValue, as: UTF8.self)))
    }

    private mutating func readEmptyElementSlash(_ c: UInt32) throws(XMLStreamParserError) {
        guard c == ASCII.greaterThan else { throw .notWellFormed("expected '>' after '/' in a tag") }
        try finishStartTag(isEmpty: true)
    }

    private mutating func readEndTagName(_ c: UInt32) throws(XMLStreamParserError) {
        if name.isEmpty ? XMLCharacters.isNameStart(c) : XMLCharacters.isName(c) {
            try appendName(c)
        } else if !name.isEmpty && XMLCharacters.isWhitespace(c) {
            state = .afterEndTagName
        } else if !name.isEmpty && c == ASCII.greaterThan {
            try finishEndTag()
        } else {
            throw .notWellFormed("invalid character \(XMLCharacters.describe(c)) in an end tag")
        }
    }

    private mutating func readAfterEndTagName(_ c: UInt32) throws(XMLStreamParserError) {
        if XMLCharacters.isWhitespace(c) { return }
        guard c == ASCII.greaterThan else { throw .notWellFormed("expected '>' to close an end tag") }
        try finishEndTag()
    }

    // MARK: References

    /// Long enough for any character reference (`#x0010FFFF`) and every predefined entity.
    private static let maxReferenceLength = 32

    private mutating func readReference(_ c: UInt32, inAttribute: Bool) throws(XMLStreamParserError) {
        if c == ASCII.semicolon {
            let resolved = try resolveReference()
            if inAttribute {
                try appendAttributeValue(resolved)
                state = .attributeValue
            } else {
                try appendText(resolved)
                state = .content
            }
            return
        }
        let isCharacterReference = reference.first == UInt8(ascii: "#")
        let valid: Bool
        if reference.isEmpty {
            valid = c == ASCII.numberSign || XMLCharacters.isNameStart(c)
        } else if isCharacterReference {
            valid = (reference.count == 1 && c == ASCII.lowercaseX) || ASCII.isHexDigit(c)
        } else {
            valid = XMLCharacters.isName(c)
        }
        guard valid else { throw .notWellFormed("'&' must start a complete reference ending in ';' (write &amp;)") }
        XMLCharacters.appendUTF8(c, to: &reference)
        guard reference.count <= Self.maxReferenceLength else {
            if isCharacterReference { throw .notWellFormed("character reference too long") }
            throw .restrictedXML("undefined entity (only &lt; &gt; &amp; &quot; &apos; are allowed)")
        }
    }

    private func resolveReference() throws(XMLStreamParserError) -> UInt32 {
        let written = String(decoding: reference, as: UTF8.self)
        switch written {
        case "lt": return ASCII.lessThan
        case "gt": return ASCII.greaterThan
        case "amp": return ASCII.ampersand
        case "quot": return ASCII.quotationMark
        case "apos": return ASCII.apostrophe
        default: break
        }
        guard written.hasPrefix("#") else {
            throw .restrictedXML("undefined entity '&\(written);' (only &lt; &gt; &amp; &quot; &apos; are allowed)")
        }
        let isHex = written.hasPrefix("#x")
        let digits = written.dropFirst(isHex ? 2 : 1)
        guard !digits.isEmpty, let value = UInt32(digits, radix: isHex ? 16 : 10), XMLCharacters.isAllowed(value) else {
            throw .notWellFormed("character reference '&\(written);' is not an XML character")
        }
        return value
    }
}

/// The ASCII characters the grammar looks at, as scalar values.
enum ASCII {
    static let lessThan = UInt32(UInt8(ascii: "<"))
    static let greaterThan = UInt32(UInt8(ascii: ">"))
    static let ampersand = UInt32(UInt8(ascii: "&"))
    static let semicolon = UInt32(UInt8(ascii: ";"))
    static let numberSign = UInt32(UInt8(ascii: "#"))
    static let lowercaseX = UInt32(UInt8(ascii: "x"))
    static let slash = UInt32(UInt8(ascii: "/"))
    static let questionMark = UInt32(UInt8(ascii: "?"))
    static let exclamationMark = UInt32(UInt8(ascii: "!"))
    static let hyphen = UInt32(UInt8(ascii: "-"))
    static let equals = UInt32(UInt8(ascii: "="))
    static let apostrophe = UInt32(UInt8(ascii: "'"))
    static let quotationMark = UInt32(UInt8(ascii: "\""))
    static let openingBracket = UInt32(UInt8(ascii: "["))
    static let closingBracket = UInt32(UInt8(ascii: "]"))

    static func isHexDigit(_ c: UInt32) -> Bool {
        switch c {
        case 0x30...0x39, 0x41...0x46, 0x61...0x66: true
        default: false
        }
    }
}
