import Testing
import MessengerKit

@Suite("JSON values on the automation socket")
struct JSONValueTests {
    @Test("integers are written without a fraction, keys sorted, one line")
    func serialization() {
        let value: JSONValue = ["id": 1, "code": .number(-2147024809), "text": "a\nb", "ok": true, "none": nil]
        #expect(value.serialized() == #"{"code":-2147024809,"id":1,"none":null,"ok":true,"text":"a\nb"}"#)
    }

    @Test("parsing keeps JSON types apart: a boolean is not a number")
    func typesStayApart() throws {
        let value = try JSONValue(parsing: #"{"a":true,"b":1,"c":"1","d":[null],"e":1.5}"#)
        #expect(value["a"] == .bool(true))
        #expect(value["b"]?.integerValue == 1)
        #expect(value["c"] == .string("1"))
        #expect(value["d"] == .array([.null]))
        #expect(value["e"]?.integerValue == nil)
    }

    @Test("invalid JSON is a parse error", arguments: ["", "{", "{\"a\":}", "nul", "[1 2]"])
    func invalid(text: String) {
        #expect(throws: JSONValue.ParseError.self) { try JSONValue(parsing: text) }
    }
}
