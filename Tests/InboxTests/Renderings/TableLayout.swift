import ReportValidation

/// A cell of a rendered table: where it starts on the grid, how far it spans and its text lines.
struct PlacedCell: Sendable, Equatable {
    var row: Int
    var column: Int
    var rowSpan = 1
    var colSpan = 1
    var lines: [String]

    var text: String { lines.joined() }
}

/// A sample table laid out as a publisher would: merged cells instead of the blanks extraction left.
///
/// * The header rows of tables 三 and 四 are replaced by the official template's merged header (spec §5.1,
///   §6), each header cell carrying the sample's own wording, when the sample's header cells are exactly the
///   template's (in any arrangement); otherwise the header is laid out like any other row.
/// * Other rows: a blank cell before a row's values, directly under a label whose columns are all blank here,
///   extends that label's `rowspan` (`三、本年度办理结果`, `（三）不予公开`…); a blank right after a label widens
///   it (`colspan`), as do trailing blanks for the last cell (`第二十条第（一）项` over the whole row). Any other
///   blank — a blank among values, or before the values of a row without labels (001's empty 行政复议
///   group) — stays an empty cell. Expanding the spans again gives the sample's rows back, cell for cell.
struct TableLayout: Sendable {
    var rows: [[PlacedCell]]
    /// The tables whose header follows the official template.
    var officialHeaders: [TableKind] = []
    /// For each row, the sample row it lays out (nil for the rows of an official header).
    var sources: [Int?] = []
    /// The sample rows an official header replaced.
    var replacedRows: [Range<Int>] = []

    /// Grid width: the furthest column any row reaches.
    var width: Int { rows.flatMap { $0 }.map { $0.column + $0.colSpan }.max() ?? 0 }

    init(_ table: SampleTable) {
        rows = []
        var owners: [Int: (row: Int, index: Int)] = [:]
        var index = 0
        while index < table.rows.count {
            if let (kind, header, count) = OfficialHeader.match(table.rows, at: index) {
                let base = rows.count
                rows += header.map {
                    $0.map { cell in
                        var c = cell
                        c.row += base
                        return c
                    }
                }
                officialHeaders.append(kind)
                sources += [Int?](repeating: nil, count: header.count)
                replacedRows.append(index..<(index + count))
                owners = [:]
                index += count
                continue
            }
            appendSampleRow(table.rows[index], owners: &owners)
            sources.append(index)
            index += 1
        }
    }

    /// Lays out one sample row under the rows placed so far; `owners` maps each column to the label cell that
    /// occupies it in the row above and may grow down.
    private mutating func appendSampleRow(_ cells: [SampleCell], owners: inout [Int: (row: Int, index: Int)]) {
        let r = rows.count
        let kinds = cells.map { CellClassifier.classify($0.text) }
        let isLabel = kinds.map { $0 == .text }
        let firstValue = kinds.firstIndex { if case .number = $0 { true } else { $0 == .placeholder } } ?? cells.count
        let hasLabel = isLabel[..<firstValue].contains(true)
        let lastFilled = cells.lastIndex { !$0.isBlank } ?? -1
        var placed: [PlacedCell] = []
        var next: [Int: (row: Int, index: Int)] = [:]
        var column = 0
        while column < cells.count {
            defer { column += 1 }
            if !cells[column].isBlank {
                placed.append(PlacedCell(row: r, column: column, lines: cells[column].lines))
                if isLabel[column] { next[column] = (r, placed.count - 1) }
                continue
            }
            let ownLeft = placed.last.map { $0.column + $0.colSpan == column } ?? false
            if column > lastFilled, ownLeft {
                placed[placed.count - 1].colSpan += 1
                continue
            }
            guard column < firstValue, hasLabel else {
                placed.append(PlacedCell(row: r, column: column, lines: [""]))
                continue
            }
            if ownLeft, isLabel[placed[placed.count - 1].column] {
                placed[placed.count - 1].colSpan += 1
                continue
            }
            if let owner = owners[column], owner.row + rows[owner.row][owner.index].rowSpan == r {
                let above = rows[owner.row][owner.index]
                let covered = column..<(column + above.colSpan)
                if above.column == column, covered.upperBound <= firstValue, covered.allSatisfy({ cells[$0].isBlank }) {
                    rows[owner.row][owner.index].rowSpan += 1
                    next[column] = owner
                    column = covered.upperBound - 1
                    continue
                }
            }
            placed.append(PlacedCell(row: r, column: column, lines: [""]))
        }
        rows.append(placed)
        owners = next
    }

    /// The cell that covers (`row`, `column`) from a row above through its `rowspan`, if any.
    func coveringFromAbove(row: Int, column: Int) -> PlacedCell? {
        for above in stride(from: row - 1, through: 0, by: -1) {
            if let cell = rows[above].first(where: { $0.column == column }) {
                return cell.row + cell.rowSpan > row ? cell : nil
            }
        }
        return nil
    }

    /// The grid, expanded as the HTML reader expands it: a cell's text at its top-left position, covered
    /// positions empty; each row as wide as its last cell reaches.
    var expandedRows: [[String]] {
        var grid: [[String]] = rows.map { row in
            var texts = [String](repeating: "", count: row.map { $0.column + $0.colSpan }.max() ?? 0)
            for cell in row { texts[cell.column] = cell.lines.map(SampleLayout.trim).joined(separator: " ") }
            return texts
        }
        for cell in rows.flatMap({ $0 }) where cell.rowSpan > 1 {
            for r in (cell.row + 1)..<(cell.row + cell.rowSpan) where grid[r].count < cell.column + cell.colSpan {
                grid[r] += [String](repeating: "", count: cell.column + cell.colSpan - grid[r].count)
            }
        }
        return grid
    }
}

/// The official merged headers of tables 三 and 四, filled with a sample's own header wording.
enum OfficialHeader {
    /// Table 三's header cells by key, with their place in the template: (row, column, rowspan, colspan).
    static let applications: [(key: String, row: Int, column: Int, rowSpan: Int, colSpan: Int)] = [
        ("勾稽", 0, 0, 3, 3), ("申请人情况", 0, 3, 1, 7),
        ("自然人", 1, 3, 2, 1), ("法人或其他组织", 1, 4, 1, 5), ("总计", 1, 9, 2, 1),
        ("商业企业", 2, 4, 1, 1), ("科研机构", 2, 5, 1, 1), ("社会公益组织", 2, 6, 1, 1), ("法律服务机构", 2, 7, 1, 1),
        ("其他", 2, 8, 1, 1),
    ]

    /// Table 四's header cells in reading order, with their place in the template.
    static let review: [(key: String, row: Int, column: Int, rowSpan: Int, colSpan: Int)] = {
        let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        var cells = [("行政复议", 0, 0, 1, 5), ("行政诉讼", 0, 5, 1, 10)]
        cells += results.enumerated().map { ($0.element, 1, $0.offset, 2, 1) }
        cells += [("未经复议直接起诉", 1, 5, 1, 5), ("复议后起诉", 1, 10, 1, 5)]
        cells += (results + results).enumerated().map { ($0.element, 2, 5 + $0.offset, 1, 1) }
        return cells
    }()

    /// When rows from `start` on are a complete table 三 or 四 header: the table, its official rows and how
    /// many sample rows it replaces.
    static func match(_ rows: [[SampleCell]], at start: Int) -> (TableKind, [[PlacedCell]], Int)? {
        let firstKey = key(rows[start].map(\.text).joined())
        let kind: TableKind
        if firstKey.contains("勾稽") || firstKey.contains("申请人情况") {
            kind = .applications
        } else if firstKey.hasPrefix("行政复议") {
            kind = .reviewLitigation
        } else {
            return nil
        }
        // The header runs up to the first row holding a value.
        var end = start
        while end < rows.count, !rows[end].contains(where: { CellClassifier.classify($0.text).number != nil }) { end += 1 }
        let cells = rows[start..<end].flatMap { $0 }.filter { !$0.isBlank }
        let template = kind == .applications ? applications : review
        guard cells.count == template.count else { return nil }
        var slots = [[String]?](repeating: nil, count: template.count)
        for (position, cell) in cells.enumerated() {
            let cellKey = key(cell.text)
            // Table 三's header cells drift between rows (`总计` on row 1): match them by wording. Table 四's
            // repeat their wording: match them in reading order.
            func fits(_ slot: Int) -> Bool {
                cellKey == template[slot].key || (template[slot].key == "勾稽" && cellKey.contains("勾稽"))
            }
            let slot =
                kind == .applications
                ? template.indices.first { slots[$0] == nil && fits($0) } : (fits(position) ? position : nil)
            guard let slot else { return nil }
            slots[slot] = cell.lines
        }
        var header: [[PlacedCell]] = [[], [], []]
        for (slot, place) in template.enumerated() {
            header[place.row].append(
                PlacedCell(
                    row: place.row, column: place.column, rowSpan: place.rowSpan, colSpan: place.colSpan,
                    lines: slots[slot]!))
        }
        return (kind, header.map { $0.sorted { $0.column < $1.column } }, end - start)
    }

    /// The text without white space, for matching header wording (`结 果 维 持`, `自然 人`).
    static func key(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }
}
