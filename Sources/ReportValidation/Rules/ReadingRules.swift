extension RuleCatalogue {
    /// How reliably the tables could be read when the source ran cells together (crawler text, pdftotext).
    static let readingRules: [Rule] = [
        Rule(
            "READ-001", .warning,
            summary: .zh(
                "表格数字粘连或缺少单元格，有多种读法，无法可靠读取，相关勾稽关系无法核对",
                en: "Table digits ran together or cells are missing, and the row reads several ways: not read, identities not assessable"),
            hint: .zh(
                "请提交单元格分隔清楚的原始文件（Word、网页或制表符分隔文本）",
                en: "Submit the original file with separated cells (Word, web page or tab-separated text)")
        ) { context in
            runRows(context.document).compactMap { entry in
                if case .blanksUnplaceable(let original, let missing, let placements) = entry.reading {
                    return ShortRow.unplaceable(
                        name: .zh("“\(entry.row)”", en: "“\(entry.row)”"), width: entry.width, missing: missing, placements: placements,
                        original: original, at: entry.location)
                }
                guard case .ambiguous(let original, let readings) = entry.reading else { return nil }
                return Violation(
                    zh: "“\(entry.row)”的数字“\(original)”可拆分为 \(readings) 种以上读法，未予核对",
                    en: "The digits “\(original)” of “\(entry.row)” admit \(readings) or more readings; not checked",
                    at: entry.location, evidence: original)
            }
        },
        Rule(
            "READ-002", .error,
            summary: .zh("表二数字粘连，且任何拆分都不符合该行的填报规则", en: "Table 二 digits ran together and no split satisfies the row's rules"),
            hint: .zh("核对该行数字并以分隔清楚的单元格重新提交", en: "Check the row's numbers and submit them in separate cells")
        ) { context in
            runRows(context.document).compactMap { entry in
                guard entry.location.table == .proactive, case .unsplittable(let original) = entry.reading else { return nil }
                return Violation(
                    zh: "“\(entry.row)”的数字“\(original)”无法拆分为符合规则的数值",
                    en: "The digits “\(original)” of “\(entry.row)” cannot be split into valid values",
                    at: entry.location, evidence: original)
            }
        },
        Rule(
            "READ-003", .warning,
            summary: .zh(
                "表格数字粘连，已按勾稽关系唯一拆分；这些行的行内合计视为成立",
                en: "Table digits ran together and were split uniquely by the table's identities; those rows' own sums are assumed"),
            hint: .zh("建议提交单元格分隔清楚的原始文件，以便逐格核对", en: "Prefer the original file with separated cells so every cell can be checked")
        ) { context in
            let split = runRows(context.document).filter {
                if case .splitFromRun = $0.reading { return true }
                return false
            }
            guard let first = split.first else { return [] }
            let rows = split.prefix(6).map(\.row).joined(separator: "、") + (split.count > 6 ? "…" : "")
            return [
                Violation(
                    zh: "\(split.count) 行数字粘连，已唯一拆分：\(rows)", en: "\(split.count) rows had run-together digits, split uniquely: \(rows)",
                    at: first.location,
                    evidence: split.prefix(3).compactMap {
                        if case .splitFromRun(let original) = $0.reading { return "\($0.row): \(original)" }
                        return nil
                    }.joined(separator: "; "))
            ]
        },
        duplicateRowRepeated,
    ]

    /// Every table row that has a reading other than one value per cell.
    static func runRows(_ document: ReportDocument) -> [(row: String, location: Location, reading: Reading, width: Int)] {
        var rows: [(String, Location, Reading, Int)] = []
        if let table = document.disclosureTable {
            for block in table.blocks.values.sorted(by: { $0.line < $1.line }) {
                for row in block.rows where row.reading != .direct {
                    rows.append(
                        (
                            row.label, Location(line: row.line, section: .proactive, table: .proactive, row: row.label), row.reading,
                            row.cells.count
                        ))
                }
            }
        }
        if let table = document.applicationTable {
            for key in ApplicationRow.allCases {
                guard let row = table.rows[key], row.reading != .direct else { continue }
                rows.append(
                    (
                        key.templateLabel, Location(line: row.line, section: .applications, table: .applications, row: key.templateLabel),
                        row.reading, table.expectedWidth
                    ))
            }
        }
        if let table = document.reviewTable, table.reading != .direct {
            rows.append(("行政复议、行政诉讼", Location(line: table.line, section: .reviewLitigation, table: .reviewLitigation), table.reading, 15))
        }
        return rows
    }
}
