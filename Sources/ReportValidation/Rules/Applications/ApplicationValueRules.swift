/// T3-VAL-001/002: what each readable table-三 cell holds (spec §5.5, §8.1). Rows of the wrong width are
/// skipped: their cells cannot be put in columns (T3-STRUCT-003).
extension RuleCatalogue {
    static let applicationValueRules: [Rule] = [applicationValueInvalid, applicationValueBlank]

    static let applicationValueInvalid = Rule(
        "T3-VAL-001", .error,
        summary: .zh("表三单元格不是非负整数（文字或负数）", en: "A table-三 cell is not a non-negative integer"),
        hint: .zh("每个单元格填写非负整数，没有则填0", en: "Write a whole number ≥ 0 in every cell, 0 for none")
    ) { context in
        guard let table = context.readableDocument?.applicationTable else { return [] }
        let view = ApplicationTableView(table: table)
        return view.rowsInOrder.flatMap { row -> [Violation] in
            guard let cells = table.wellFormedCells(row.key) else { return [] }
            return cells.enumerated().compactMap { index, cell in
                guard !cell.value.isMissing, !(cell.value.number?.isNonNegativeInteger ?? false) else { return nil }
                let column = view.columnLabel(physical: index)
                return Violation(
                    zh: "“\(row.key.templateLabel)”的“\(column)”为“\(cell.raw)”，不是非负整数",
                    en: "“\(row.key.templateLabel)” / \(column) holds “\(cell.raw)”, not a whole number ≥ 0",
                    at: view.location(line: cell.line, row: row.key.templateLabel, column: column),
                    evidence: "\(column) = \(cell.raw)")
            }
        }
    }

    static let applicationValueBlank = Rule(
        "T3-VAL-002", .warning,
        summary: .zh(
            "表三有空白或占位符单元格（不按0处理），相关勾稽关系无法核验",
            en: "Blank or placeholder cells in table 三; the identities touching them are not assessable"),
        hint: .zh("没有数据时填写0，而不是留空或填“/”", en: "Write 0 rather than leaving a cell blank or “/”")
    ) { context in
        guard let document = context.readableDocument, let table = document.applicationTable else { return [] }
        let view = ApplicationTableView(table: table)
        let identities = context.derived.applicationIdentities
        return view.rowsInOrder.compactMap { row in
            if case .blankCells(let original, let missing) = row.reading {
                var short = ShortRow.blankCells(
                    name: .zh("“\(row.key.templateLabel)”", en: "“\(row.key.templateLabel)”"), width: table.expectedWidth,
                    missing: missing, original: original, at: view.location(line: row.line, row: row.key.templateLabel))
                short.cause = ShortRow.cause
                return short
            }
            guard let cells = table.wellFormedCells(row.key) else { return nil }
            let missing = cells.indices.filter { cells[$0].value.isMissing }
            guard !missing.isEmpty else { return nil }
            let labels = missing.map { view.columnLabel(physical: $0) }
            let positions = Set(labels.map { CellPosition(row: row.key.templateLabel, column: $0) })
            let blocked = Evidence.blockedIdentities(identities.blocked(by: positions))
            let columns = labels.joined(separator: "、")
            return Violation(
                zh: "“\(row.key.templateLabel)”的\(columns)为空或占位符，不按0处理；\(blocked.zh)",
                en: "“\(row.key.templateLabel)” has no value under \(columns) (not read as 0); \(blocked.en)",
                at: view.location(line: row.line, row: row.key.templateLabel, column: columns),
                evidence: missing.map { "\(view.columnLabel(physical: $0)) = \(Evidence.missing(cells[$0]))" }
                    .joined(separator: ", "),
                places: missing.map { index in
                    let column = view.columnLabel(physical: index)
                    return FindingItem(
                        location: view.location(line: cells[index].line, row: row.key.templateLabel, column: column),
                        evidence: "\(column) = \(Evidence.missing(cells[index]))")
                })
        }
    }
}

/// Wording for a row printed with fewer values than cells (spec §12.3 refinement).
enum ShortRow {
    /// Its own cause for grouping: where the blanks are is unknown, unlike blank cells in their columns.
    static let cause = "short-row"

    /// Every placement of the blanks keeps the identities: a note that cells were left blank.
    static func blankCells(
        name: LocalizedText, width: Int, missing: Int, original: String, at location: Location
    ) -> Violation {
        let values = width - missing
        return Violation(
            zh: "\(name.zh)只有\(values)个数值，应为\(width)个：有\(missing)个单元格空白，看不出是哪一格；"
                + "无论空白在哪一格，与该行有关的勾稽关系都成立",
            en: "\(name.en) has \(values) values for \(width) cells: \(missing) left blank, which one cannot be "
                + "told; wherever the blank is, the identities touching the row hold",
            at: location, evidence: "\(original) (\(values) ≠ \(width))")
    }

    /// The placements disagree: where the blank is decides the arithmetic, so the row is not checked.
    static func unplaceable(
        name: LocalizedText, width: Int, missing: Int, placements: Int, original: String,
        at location: Location
    ) -> Violation {
        let values = width - missing
        return Violation(
            zh: "\(name.zh)只有\(values)个数值，应为\(width)个：\(missing)个空白单元格的位置无法确定"
                + "（\(placements)种可能），位置不同核对结果也不同，该行未予核对",
            en: "\(name.en) has \(values) values for \(width) cells: where its \(missing) blank cell(s) are "
                + "cannot be told (\(placements) ways) and changes the result; the row is not checked",
            at: location, evidence: "\(original) (\(values) ≠ \(width))")
    }
}
