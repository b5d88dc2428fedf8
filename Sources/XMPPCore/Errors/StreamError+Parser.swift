extension StreamError {
    /// The condition RFC 6120 §4.9.3 gives for what our parser rejected;
    /// both ends of a stream answer parser failures the same way.
    public init(parserError error: XMLStreamParserError) {
        let condition: StreamError.Condition =
            switch error.kind {
            case .notWellFormed: .notWellFormed
            case .restrictedXML: .restrictedXML
            case .policyViolation: .policyViolation
            case .invalidNamespace: .invalidNamespace
            case .badFormat: .badFormat
            }
        self.init(condition, text: error.message)
    }
}
