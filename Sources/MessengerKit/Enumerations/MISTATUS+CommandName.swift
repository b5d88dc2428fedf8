/// The status words `msgr status` and `msgr contacts` print and accept.
extension MISTATUS {
    /// The short word people type: `online`, `busy`, `brb`, `phone`,
    /// `lunch`…; the Communicator extras and local transitions use their
    /// constant name in lower case with hyphens (`in-a-meeting`).
    public var commandName: String {
        switch self {
        case .beRightBack: "brb"
        case .onThePhone: "phone"
        case .outToLunch: "lunch"
        default: longCommandName
        }
    }

    /// `MISTATUS_BE_RIGHT_BACK` → `be-right-back`.
    public var longCommandName: String {
        String(name.dropFirst("MISTATUS_".count).lowercased().map { $0 == "_" ? "-" : $0 })
    }

    /// Reads a status as a person or a script writes it: a short or long
    /// word (`brb`, `be-right-back`), an `MISTATUS_*` constant, or its value
    /// in decimal or `0x` hex (`10`, `0x0A`). Case does not matter; nil for
    /// anything else, including numbers that are no MISTATUS.
    public init?(commandName text: String) {
        let word = text.lowercased()
        if let match = Self.allCases.first(where: {
            word == $0.commandName || word == $0.longCommandName || word == $0.name.lowercased()
        }) {
            self = match
            return
        }
        let number: Int32? = if word.hasPrefix("0x") { Int32(word.dropFirst(2), radix: 16) } else { Int32(word) }
        guard let number, let match = MISTATUS(rawValue: number) else { return nil }
        self = match
    }

    /// Text for a status value read from the endpoint, which may be a
    /// value this build does not know.
    public static func commandName(rawValue: Int64) -> String {
        if let value = Int32(exactly: rawValue), let status = MISTATUS(rawValue: value) { return status.commandName }
        return "0x" + String(rawValue, radix: 16, uppercase: true)
    }
}
