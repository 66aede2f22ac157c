import ReportValidation
import Testing

/// Cell keys compare and hash as the bytes of their labels: the same order as String's for the
/// template's labels, and equal keys hash alike, so registers, exports and findings keep their order.
@Suite struct CellKeyTests {
    @Test("the template's cells sort as their labels do as Strings", arguments: [FormatVersion.trial2019, .format2021])
    func templateOrderIsStringOrder(version: FormatVersion) {
        let cells = YearExport.templateCells(for: version)
        #expect(cells.count > 100)
        let byString = cells.sorted { a, b in (a.table.rawValue, a.row, a.column) < (b.table.rawValue, b.row, b.column) }
        #expect(cells.sorted() == byString)
    }

    @Test("equal keys are equal and hash alike, whatever String each label was built from")
    func equalKeysHashAlike() {
        let label = "（七）总计"
        let rebuilt = String(decoding: Array(label.utf8), as: UTF8.self)
        let a = CellKey(.applications, row: label, column: "自然人")
        let b = CellKey(.applications, row: rebuilt, column: String("法人或其他组织/自然人".split(separator: "/")[1]))
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a != CellKey(.proactive, row: label, column: "自然人"))
        #expect(CellKey(.applications, row: "ab", column: "c") != CellKey(.applications, row: "a", column: "bc"))
        #expect(!(a < b) && !(b < a))
    }
}
