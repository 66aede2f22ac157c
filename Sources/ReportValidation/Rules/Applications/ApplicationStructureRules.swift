/// T3-STRUCT-001…005: whether table 三 is there, has its rows, each row once, and each row can be read
/// into columns.
///
/// T3-STRUCT-001 fires whenever the table is missing, whether or not heading 三 exists: the table is
/// mandatory content of every report (spec §11, "incomplete content"), and a lost heading is STRUCT-003's.
extension RuleCatalogue {
    static let applicationStructureRules: [Rule] = [
        applicationTableMissing, applicationRowMissing, applicationRowWidth, applicationHeaderMissing,
        applicationRowDuplicated,
    ]

    static let applicationTableMissing = Rule(
        "T3-STRUCT-001", .error,
        summary: .zh("缺少表三，或表三无法识别", en: "Table 三 missing or unrecoverable"),
        hint: .zh("按模板补上完整的表三", en: "Add the complete table 三 of the template")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        guard let table = document.applicationTable else {
            return [
                Violation(
                    zh: "缺少表三（收到和处理政府信息公开申请情况）",
                    en: "Table 三 (applications received and handled) is missing",
                    at: Location(section: .applications, table: .applications))
            ]
        }
        guard table.rows.isEmpty else { return [] }
        return [
            Violation(
                zh: "表三无法识别：未找到任何数据行", en: "Table 三 cannot be recovered: no value row was recognised",
                at: Location(line: table.line, section: .applications, table: .applications),
                evidence: "rows: 0 / \(ApplicationRow.required(for: document.effectiveFormat).count)")
        ]
    }

    static let applicationRowMissing = Rule(
        "T3-STRUCT-002", .error,
        summary: .zh("表三缺少必需的数据行（2021格式25行，试行格式23行）", en: "A required table-三 value row is missing"),
        hint: .zh("补上该行并填写各列数值（没有则填0）", en: "Add the row with a value in every column (0 for none)")
    ) { context in
        guard let document = context.readableDocument, let table = document.applicationTable, !table.rows.isEmpty else {
            return []
        }
        let version = document.effectiveFormat
        let required = ApplicationRow.required(for: version)
        return required.filter { table.rows[$0] == nil }.map { row in
            Violation(
                zh: "表三缺少“\(row.templateLabel)”行", en: "Table 三 lacks the row “\(row.templateLabel)”",
                at: Location(line: table.line, section: .applications, table: .applications, row: row.templateLabel),
                evidence:
                    "\(version.displayName.zh): \(required.count - required.filter { table.rows[$0] == nil }.count)"
                    + "/\(required.count) rows")
        }
    }

    static let applicationRowWidth = Rule(
        "T3-STRUCT-003", .error,
        summary: .zh(
            "表三某行不是恰好7个数值（声明小计列时为8个），或数字连写无法拆分，无法对应到列",
            en:
                "A table-三 row does not have exactly 7 values (8 with a declared subtotal column), "
                + "so columns cannot be assigned"
        ),
        hint: .zh("每行按“自然人…总计”逐列填写，单元格之间分开", en: "Give every row one separate cell per column")
    ) { context in
        guard let table = context.readableDocument?.applicationTable else { return [] }
        let view = ApplicationTableView(table: table)
        return view.rowsInOrder.compactMap { row in
            let location = view.location(line: row.line, row: row.key.templateLabel)
            switch row.reading {
            case .blankCells, .blanksUnplaceable: return nil  // short by blanks: T3-VAL-002 / READ-001
            default: break
            }
            if case .unsplittable(let original) = row.reading {
                // With digits enough for every cell, no reading adds up: T3-SUM-003 says so instead.
                guard original.digitCount < table.expectedWidth else { return nil }
                return Violation(
                    zh: "“\(row.key.templateLabel)”的数字连在一起（“\(original)”），不足以填满各列",
                    en: "“\(row.key.templateLabel)”: the digits run together (“\(original)”) and are too few "
                        + "for every column",
                    at: location, evidence: original)
            }
            guard row.cells.count != table.expectedWidth else { return nil }
            let raw = row.cells.map { $0.raw.isEmpty ? "␣" : $0.raw }.joined(separator: " ")
            return Violation(
                zh: "“\(row.key.templateLabel)”有\(row.cells.count)个数值单元格，应为\(table.expectedWidth)个，无法对应到列",
                en: "“\(row.key.templateLabel)” has \(row.cells.count) value cells instead of \(table.expectedWidth); "
                    + "columns cannot be assigned",
                at: location, evidence: "\(raw) (\(row.cells.count) ≠ \(table.expectedWidth))")
        }
    }

    static let applicationHeaderMissing = Rule(
        "T3-STRUCT-004", .warning,
        summary: .zh("表三表头缺失或无法识别，已按标准列序处理", en: "Table-三 header missing or garbled; canonical column order assumed"),
        hint: .zh("保留模板表头（自然人、法人或其他组织、总计）", en: "Keep the template header (自然人, 法人或其他组织, 总计)")
    ) { context in
        guard let table = context.readableDocument?.applicationTable, !table.headerFound else { return [] }
        return [
            Violation(
                zh: "未识别到表三的申请人表头，按标准列序（自然人…总计）读取",
                en: "The applicant header of table 三 was not recognised; the canonical column order is assumed",
                at: Location(line: table.line, section: .applications, table: .applications),
                evidence: ApplicantColumn.allCases.map(\.label).joined(separator: " | "))
        ]
    }

    /// A value row printed twice with different values: the reader keeps the first, so the arithmetic was
    /// checked on it alone. Equal copies are READ-004's (a warning: no number is in doubt).
    static let applicationRowDuplicated = Rule(
        "T3-STRUCT-005", .error,
        summary: .zh(
            "表三同一数据行出现两次且数值不一致，无法确定以哪一行为准",
            en: "A table-三 value row appears twice with different values: which is meant cannot be told"),
        hint: .zh("删除多余的一行，只保留数值正确的一行", en: "Delete the extra copy and keep the row with the right values")
    ) { context in
        DuplicateRow.conflicts(
            in: context, table: .applications,
            name: { .zh("表三“\($0.row ?? "")”行", en: "Table 三 row “\($0.row ?? "")”") },
            checked: .zh("勾稽关系", en: "the identities"))
    }
}
