extension String {
    /// Without leading and trailing XML whitespace (space, tab, CR, LF).
    var trimmingXMLWhitespace: String {
        let isXMLSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isXMLSpace($0) }), let last = lastIndex(where: { !isXMLSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
