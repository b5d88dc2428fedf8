import MessengerKit
import Testing

@Suite("HRESULT constants against the spec tables")
struct HRESULTTableTests {
    @Test("constant has the spec's hex value, signed value and name", arguments: SpecCode.table)
    func constantMatchesSpec(row: SpecCode) {
        #expect(row.constant.rawValue == row.hex)
        #expect(row.constant.signedValue == row.signed)
        #expect(HRESULT(signedValue: row.signed) == row.constant)
        #expect(row.constant.name == row.name)
        #expect(HRESULT(name: row.name) == row.constant)
    }

    @Test("hex string is the form the spec prints", arguments: SpecCode.table)
    func hexString(row: SpecCode) {
        #expect(row.constant.hexString == row.hexText)
        #expect(row.constant.description == "\(row.name) (\(row.hexText))")
    }

    @Test("every named code has its own message, not the generic one", arguments: SpecCode.table)
    func ownMessage(row: SpecCode) {
        #expect(!row.constant.message.isEmpty)
        #expect(row.constant.message != "unknown failure")
        #expect(row.constant.message != "unknown success code")
    }

    @Test("all lists exactly the spec's values, each once, in spec order")
    func allMatchesTable() {
        #expect(HRESULT.all == SpecCode.table.map(\.constant))
        #expect(Set(HRESULT.all).count == HRESULT.all.count)
        #expect(HRESULT.all.count == 176)
    }

    @Test("table sizes per section: 13 + C18, 121, 8, 6, 27")
    func sectionCounts() {
        let names = HRESULT.all.compactMap(\.name)
        #expect(names.count == 176)
        #expect(names.filter { $0.hasPrefix("MSGR_E_API_") }.count == 6)
        #expect(names.filter { $0.hasPrefix("MSGR_E_") && !$0.hasPrefix("MSGR_E_API_") }.count == 121)
        #expect(names.filter { $0.hasPrefix("MSGR_S_") }.count == 8)
        #expect(names.filter { $0.hasPrefix("SR_") }.count == 27)
    }
}
