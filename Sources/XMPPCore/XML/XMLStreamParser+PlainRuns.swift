/// The fast path: a run of printable ASCII that cannot change the parser's
/// state (inside a name, an attribute value or text) is copied in one go
/// instead of going through the per-character grammar. Stanzas are mostly
/// such runs, and the byte-at-a-time path cost several times more per byte.
/// Whatever the run stops at (markup, references, whitespace that XML
/// normalizes, non-ASCII, a limit about to be crossed) takes the usual path,
/// so errors and their messages are the same either way.
extension XMLStreamParser {
    /// What the current state collects, if a plain run may be copied into it.
    enum PlainRunTarget {
        case name
        case attributeValue(quote: UInt8)
        case text
    }

    var plainRunTarget: PlainRunTarget? {
        guard usesPlainRuns, !utf8.isInsideSequence, sawFirstScalar else { return nil }
        switch state {
        case .startTagName, .attributeName:
            return .name
        case .endTagName:
            return name.isEmpty ? nil : .name
        case .attributeValue:
            return .attributeValue(quote: UInt8(truncatingIfNeeded: attributeQuote))
        case .content:
            // At depth 1 text is a keepalive or an error; outside the root it is checked too.
            return openElements.count >= 2 ? .text : nil
        default:
            return nil
        }
    }

    /// Length of the plain run at `start`, at most `limit` bytes.
    static func plainRunLength(_ bytes: UnsafeRawBufferPointer, from start: Int, into target: PlainRunTarget, limit: Int) -> Int {
        let end = min(bytes.count, start + limit)
        var index = start
        switch target {
        case .name:
            while index < end, isASCIINameByte(bytes[index]) { index += 1 }
        case .attributeValue(let quote):
            while index < end {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "<"), byte != UInt8(ascii: "&"), byte != quote else { break }
                index += 1
            }
        case .text:
            // `]` and `>` stay on the slow path: together they may spell the forbidden `]]>`.
            while index < end {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "<"), byte != UInt8(ascii: "&"),
                    byte != UInt8(ascii: "]"), byte != UInt8(ascii: ">")
                else { break }
                index += 1
            }
        }
        return index - start
    }

    /// Copies a plain run found by `plainRunLength` (already within every limit).
    mutating func appendPlainRun(_ run: UnsafeRawBufferPointer, into target: PlainRunTarget) {
        unitBytes += run.count
        previousWasCarriageReturn = false
        switch target {
        case .name: name.append(contentsOf: run)
        case .attributeValue: attributeValue.append(contentsOf: run)
        case .text:
            text.append(contentsOf: run)
            closingBracketsInText = 0
        }
    }

    /// How long a plain run may be before some limit needs the exact byte at which it is crossed.
    func plainRunRoom(for target: PlainRunTarget) -> Int {
        let unitRoom = (rootOpened ? limits.maxStanzaBytes : limits.maxStreamHeaderBytes) - unitBytes
        let targetRoom: Int
        switch target {
        case .name: targetRoom = limits.maxNameBytes - name.count
        case .attributeValue: targetRoom = limits.maxAttributeValueBytes - attributeValue.count
        case .text: targetRoom = limits.maxTextBytes - text.count
        }
        return max(min(unitRoom, targetRoom), 0)
    }

    /// `[A-Za-z0-9_:.-]`: the ASCII `NameChar`s.
    private static func isASCIINameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"),
            UInt8(ascii: "."), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
