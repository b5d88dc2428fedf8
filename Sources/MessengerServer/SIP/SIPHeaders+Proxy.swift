import SIPCore

extension SIPHeaders {
    /// Puts a field before every other field of the same name (or at the end
    /// when there is none): a new top Via or Record-Route.
    mutating func prepend(_ name: String, _ value: String) {
        let key = SIPHeaderName.key(name)
        let index = fields.firstIndex { SIPHeaderName.key($0.name) == key } ?? fields.endIndex
        fields.insert(SIPHeaderField(name, value), at: index)
    }

    /// Removes the first value of a list header (the top Via, the first
    /// Route), keeping the others in order at the same place.
    mutating func removeFirstValue(of name: String) {
        let key = SIPHeaderName.key(name)
        guard let index = fields.firstIndex(where: { SIPHeaderName.key($0.name) == key }) else { return }
        let field = fields[index]
        let rest = (try? SIPHeaders([field]).values(named: name).dropFirst()) ?? []
        fields.remove(at: index)
        if !rest.isEmpty { fields.insert(SIPHeaderField(field.name, rest.joined(separator: ", ")), at: index) }
    }

    /// Removes the last value of a list header.
    mutating func removeLastValue(of name: String) {
        let key = SIPHeaderName.key(name)
        guard let index = fields.lastIndex(where: { SIPHeaderName.key($0.name) == key }) else { return }
        let field = fields[index]
        let rest = (try? SIPHeaders([field]).values(named: name).dropLast()) ?? []
        fields.remove(at: index)
        if !rest.isEmpty { fields.insert(SIPHeaderField(field.name, rest.joined(separator: ", ")), at: index) }
    }
}

extension SIPResponse {
    /// The response as the previous hop must see it: our Via taken off (§16.7 step 9).
    var withoutTopVia: SIPResponse {
        var copy = self
        copy.headers.removeFirstValue(of: SIPHeaderName.via)
        return copy
    }
}
