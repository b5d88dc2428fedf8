import Foundation

/// SASLprep (RFC 4013), the string preparation applied to SCRAM and PLAIN
/// usernames and passwords so that visually equal strings authenticate alike.
///
/// What is done, in order:
/// 1. Map: "commonly mapped to nothing" characters (RFC 3454 table B.1, e.g.
///    soft hyphen, zero-width joiners, variation selectors) are removed;
///    non-ASCII spaces (table C.1.2) become U+0020.
/// 2. Normalize with Unicode NFKC.
/// 3. Prohibit: controls (C.2.1, C.2.2), private use (C.3), non-characters
///    (C.4), characters inappropriate for plain text or canonical
///    representation (C.6, C.7), display-changing and deprecated characters
///    (C.8) and tags (C.9). Surrogates (C.5) cannot occur in a Swift string.
/// 4. Bidirectional check (RFC 3454 §6), approximated: the stdlib exposes no
///    bidi class, so a right-to-left character is taken to be a letter from
///    the Hebrew, Arabic, Syriac, Thaana, N'Ko and related blocks, and a
///    left-to-right character any other letter. A string with a right-to-left
///    character must not contain a left-to-right one and must start and end
///    with a right-to-left one.
///
/// Unassigned code points are allowed ("query" strings, as RFC 5802 §2.2
/// asks), and the Unicode version is the platform's rather than 3.2.
public enum SASLprep {
    /// The prepared string, or `SCRAMError.saslprepFailed` when it contains
    /// a prohibited character, breaks the bidi rule or prepares to nothing.
    public static func prepare(_ input: String) throws(SCRAMError) -> String {
        var mapped = String.UnicodeScalarView()
        for scalar in input.unicodeScalars where !isMappedToNothing(scalar) {
            mapped.append(isNonASCIISpace(scalar) ? " " : scalar)
        }
        let normalized = String(mapped).precomposedStringWithCompatibilityMapping
        guard !normalized.isEmpty else { throw .saslprepFailed }

        for scalar in normalized.unicodeScalars where isProhibited(scalar) {
            throw .saslprepFailed
        }
        try checkBidi(normalized.unicodeScalars)
        return normalized
    }

    // MARK: Tables (RFC 3454 appendices, by code point)

    /// Table B.1.
    static func isMappedToNothing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF: true
        default: false
        }
    }

    /// Table C.1.2.
    static func isNonASCIISpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// Tables C.1.2 and C.2.1 through C.9.
    static func isProhibited(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if isNonASCIISpace(scalar) { return true }
        // Non-characters: U+FDD0...U+FDEF and the last two code points of every plane.
        if (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE { return true }
        switch value {
        case 0x0000...0x001F, 0x007F, 0x0080...0x009F:  // C.2.1, C.2.2 controls
            return true
        case 0x06DD, 0x070F, 0x180E, 0x200C, 0x200D, 0x2028, 0x2029, 0x2060...0x2063, 0x206A...0x206F,
            0xFEFF, 0xFFF9...0xFFFC, 0x1D173...0x1D17A:  // C.2.2 other controls
            return true
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD:  // C.3 private use
            return true
        case 0xFFFD, 0x2FF0...0x2FFB:  // C.6, C.7
            return true
        case 0x0340, 0x0341, 0x200E, 0x200F, 0x202A...0x202E:  // C.8
            return true
        case 0xE0001, 0xE0020...0xE007F:  // C.9 tags
            return true
        default:
            return false
        }
    }

    // MARK: Bidi

    private static func isRightToLeft(_ scalar: Unicode.Scalar) -> Bool {
        guard isLetter(scalar) else { return false }
        switch scalar.value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFC, 0x10800...0x10FFF, 0x1E800...0x1EFFF: return true
        default: return false
        }
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    private static func checkBidi(_ scalars: String.UnicodeScalarView) throws(SCRAMError) {
        guard scalars.contains(where: isRightToLeft) else { return }
        guard let first = scalars.first, let last = scalars.last,
            isRightToLeft(first), isRightToLeft(last),
            !scalars.contains(where: { isLetter($0) && !isRightToLeft($0) })
        else { throw .saslprepFailed }
    }
}
