/// `nianbao export` output: CSV (UTF-8 with BOM, for Excel and WPS), JSON, and an xlsx workbook.
extension YearExport {
    /// CSV with a BOM: the headings, one row per agency, the totals row (`12（2 份空白）`).
    public var csv: String { OfficeText.csv(grid) }

    /// The workbook: as the CSV, but figures are numbers, and the totals row holds the bare sums
    /// with a row below it saying what each sum left out (blank or unreadable cells).
    public var workbook: XLSXWorkbook {
        var sheet: [[XLSXWorkbook.Cell]] = [(Self.leadingHeadings + columns.map(Self.heading)).map { .text($0) }]
        for row in rows {
            let s = row.submission
            let leading: [XLSXWorkbook.Cell] = [
                .text(s.agency), row.kind.map { .text($0.rawValue) } ?? .empty, .number(String(s.version)),
                .text(s.verdict == .accepted ? "通过" : "退回"), .number(String(s.errors)), .number(String(s.warnings)),
                .text(s.filedDate.description), .text(s.finalName),
            ]
            sheet.append(
                leading
                    + columns.indices.map { column in
                        let cell = row.cell(at: column)
                        if case .number(let n) = cell?.value { return .number(n.text) }
                        let text = Self.cellText(cell)
                        return text.isEmpty ? .empty : .text(text)
                    })
        }
        let pad = [XLSXWorkbook.Cell](repeating: .empty, count: Self.leadingHeadings.count - 1)
        sheet.append(
            [.text("合计（\(rows.count) 个机关）")] + pad
                + columns.map { key in
                    let sum = totals[key]?.sumText ?? ""
                    return sum.isEmpty ? .empty : .number(sum)
                })
        sheet.append(
            [.text("合计未计入")] + pad
                + columns.map { key in
                    guard let total = totals[key] else { return .empty }
                    var notes: [String] = []
                    if total.blanks > 0 { notes.append("\(total.blanks) 份空白") }
                    if total.unreadable > 0 { notes.append("\(total.unreadable) 份无法读取") }
                    return notes.isEmpty ? .empty : .text(notes.joined(separator: "，"))
                })
        return XLSXWorkbook(sheetName: "\(year)年度", rows: sheet)
    }

    /// The JSON document (`nianbao.export/1`, described in the README): the columns once, then per
    /// agency the values in column order (`null` = blank or absent; see `states`), then the totals.
    public var json: String {
        let columnList: [JSONValue] = columns.map { key in
            .object([
                JSONMember("table", .string(key.table.rawValue)), JSONMember("row", .string(key.row)),
                JSONMember("column", .string(key.column)),
            ])
        }
        let agencies: [JSONValue] = rows.map { row in
            let s = row.submission
            return .object([
                JSONMember("agency", .string(s.agency)),
                JSONMember("kind", .string(row.kind?.rawValue)),
                JSONMember("version", .int(s.version)),
                JSONMember("verdict", .string(s.verdict.rawValue)),
                JSONMember("errors", .int(s.errors)),
                JSONMember("warnings", .int(s.warnings)),
                JSONMember("filed", .string(s.filedDate.description)),
                JSONMember("file", .string(s.finalName)),
                JSONMember(
                    "values",
                    .array(
                        columns.indices.map { column in
                            guard let cell = row.cell(at: column) else { return .null }
                            switch cell.value {
                            case .number(let n): return .string(n.text)
                            case .blank: return .null
                            case .placeholder, .text: return .string(cell.raw)
                            case .notAssessable: return .null
                            }
                        })),
                JSONMember("states", .array(columns.indices.map { .string(Self.state(row.cell(at: $0))) })),
            ])
        }
        let totalList: [JSONValue] = columns.map { key in
            let total = totals[key] ?? Total()
            return .object([
                JSONMember("sum", .string(total.sumText.isEmpty ? nil : total.sumText)),
                JSONMember("numbers", .int(total.numbers)),
                JSONMember("blanks", .int(total.blanks)),
                JSONMember("unreadable", .int(total.unreadable)),
            ])
        }
        return JSONValue.object([
            JSONMember("schema", .string("nianbao.export/1")),
            JSONMember("year", .int(year)),
            JSONMember("columns", .array(columnList)),
            JSONMember("agencies", .array(agencies)),
            JSONMember("totals", .array(totalList)),
        ]).rendered
    }

    /// `number`, `blank`, `placeholder`, `text`, `notAssessable`, or `absent` (the table lacks the cell).
    static func state(_ cell: RecordedCell?) -> String {
        switch cell?.value {
        case .number: "number"
        case .blank: "blank"
        case .placeholder: "placeholder"
        case .text: "text"
        case .notAssessable: "notAssessable"
        case nil: "absent"
        }
    }
}
