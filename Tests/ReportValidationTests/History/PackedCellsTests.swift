import Testing

@testable import ReportValidation

/// The register's packed cells: every cell of a report comes back as read, reports read alike share one
/// layout, and bytes that are not packed cells are refused with a reason, never misread or crashed on.
@Suite struct PackedCellsTests {
    static func cells(_ seed: String) throws -> RecordedCells {
        RecordedCells(try #require(ReportSnapshot(try Seeds.document(seed))).cells)
    }

    @Test(arguments: Seeds.expectations.map(\.file))
    func everyCellOfASampleComesBackAsRead(_ seed: String) throws {
        let cells = try Self.cells(seed)
        #expect(try PackedCells.unpack(PackedCells.pack(cells)) == cells)
        #expect(try PackedCells.unpack(PackedCells.pack(cells)).dictionary == cells.dictionary)
    }

    @Test func valuesOfEveryKindSignsDecimalsAndMissingLinesComeBack() throws {
        let key = { (row: String) in CellKey(.applications, row: row, column: "自然人") }
        let cells: RecordedCells = [
            key("a"): RecordedCell(
                value: .number(NumberLiteral(isNegative: true, whole: 12, fraction: "50", hasSign: true)), raw: "-12.50", line: 3),
            key("b"): RecordedCell(value: .number(NumberLiteral(whole: Int.max, hasSign: true)), raw: "+\(Int.max)", line: 0),
            key("c"): RecordedCell(value: .blank, raw: "", line: 300_000),
            key("d"): RecordedCell(value: .placeholder, raw: "——", line: 4),
            key("e"): RecordedCell(value: .text, raw: "无（见附件）", line: 5),
            key("f"): RecordedCell(value: .notAssessable, raw: "", line: nil),
        ]
        let back = try PackedCells.unpack(PackedCells.pack(cells))
        #expect(back == cells)
        #expect(back[key("f")]?.line == nil && back[key("b")]?.line == 0)
        #expect(try PackedCells.unpack(PackedCells.pack([:])).isEmpty)
    }

    @Test func reportsWithTheSameCellsShareOneLayout() throws {
        let first = try Self.cells("000_e80fb3b6824ca3a9.txt")
        var changed = first.dictionary
        let key = try #require(first.keys.first)
        changed[key] = RecordedCell(value: .text, raw: "另见说明", line: 1)
        var reader = PackedCells.Reader()
        let a = try reader.unpack(PackedCells.pack(first))
        let b = try reader.unpack(PackedCells.pack(RecordedCells(changed)))
        #expect(a.layout === b.layout, "one layout object for both")
        #expect(a != b && b[key]?.raw == "另见说明")
    }

    /// Every shortened copy of a real report's bytes, and every one with a byte changed at a place that
    /// holds a count, kind or flag, is refused or read as something else that is well formed.
    @Test func damagedBytesAreRefusedWithAReason() throws {
        let bytes = PackedCells.pack(try Self.cells("004_e3c8bab7fbea5405.txt"))
        for length in 0..<bytes.count {
            #expect(throws: PackedCells.Malformed.self) { try PackedCells.unpack(bytes[..<length]) }
        }
        #expect(throws: PackedCells.Malformed.self) { try PackedCells.unpack(bytes + [0]) }
        var newer = bytes
        newer[2] = 2
        #expect(throws: PackedCells.Malformed(reason: "not version 1 packed cells")) { try PackedCells.unpack(newer) }
        for index in bytes.indices {
            for replacement: UInt8 in [0x00, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] = replacement
                if let cells = try? PackedCells.unpack(damaged) {
                    #expect(cells.count == cells.layout.keys.count)
                    #expect(Set(cells.keys).count == cells.count, "no key twice")
                }
            }
        }
    }

    @Test func cellsCompareAsTheSameCellsWhateverTheirOrder() {
        let a = CellKey(.proactive, row: "规章", column: "本年制发件数")
        let b = CellKey(.reviewLitigation, row: "行政复议", column: "结果维持")
        let one = RecordedCell(value: .blank, raw: "", line: 1)
        let two = RecordedCell(value: .text, raw: "无", line: 2)
        let sorted = RecordedCells([a: one, b: two])
        let reversed = RecordedCells(layout: CellLayout([b, a]), values: [two, one])
        #expect(sorted == reversed && sorted.hashValue == reversed.hashValue)
        #expect(sorted != RecordedCells([a: two, b: one]))
    }
}
