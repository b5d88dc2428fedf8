import Foundation

/// One JSON value, as the automation endpoint reads and writes it (and the
/// remote transport of `Messenger` carries).
///
/// A small closed enum rather than `Any` so that parameters can be matched
/// exactly ("a JSON string is a sign-in name; any other type is the wrong
/// VARIANT type") and so that every value is `Sendable`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(_ value: Int) { self = .number(Double(value)) }
    public init(_ value: Int32) { self = .number(Double(value)) }

    /// The value as an integer when it is a number with no fractional part
    /// that fits in `Int64`; nil otherwise (so `1.5` is not silently truncated).
    public var integerValue: Int64? {
        guard case .number(let number) = self, number.rounded() == number,
              number >= -9_223_372_036_854_775_808, number < 9_223_372_036_854_775_808
        else { return nil }
        return Int64(number)
    }

    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    public var objectValue: [String: JSONValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    /// `value["key"]` on an object; nil for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
