/// T4-STRUCT-001…003, T4-VAL-001/002, T4-SUM-001…003: table 四 (行政复议、行政诉讼), 15 positional
/// cells in three groups of 维持/纠正/其他/尚未审结/总计 (spec §6, §8.3).
extension RuleCatalogue {
    static let reviewRules: [Rule] = [
        reviewTableMissing, reviewTableWidth, reviewRowDuplicated, reviewValueInvalid, reviewValueBlank,
        reviewSum(.review, "T4-SUM-001"), reviewSum(.directSuit, "T4-SUM-002"),
        reviewSum(.suitAfterReview, "T4-SUM-003"),
    ]

    static let reviewTableMissing = Rule(
        "T4-STRUCT-001", .error,
        summary: .zh("缺少表四", en: "Table 四 missing"),
        hint: .zh("按模板补上表四（15个数值）", en: "Add table 四 of the template (15 values)")
    ) { context in
        guard let document = context.readableDocument, document.reviewTable == nil else { return [] }
        return [
            Violation(
                zh: "缺少表四（政府信息公开行政复议、行政诉讼情况）",
                en: "Table 四 (administrative review and litigation) is missing",
                at: Location(section: .reviewLitigation, table: .reviewLitigation))
        ]
    }

    static let reviewTableWidth = Rule(
        "T4-STRUCT-002", .error,
        summary: .zh("表四数据行不是恰好15个单元格", en: "The table-四 data row does not yield exactly 15 cells"),
        hint: .zh("按行政复议5列、两类行政诉讼各5列逐格填写", en: "Fill 5 cells each for review and the two kinds of suit")
    ) { context in
        guard let table = context.readableDocument?.reviewTable else { return [] }
        let location = Location(line: table.line, section: .reviewLitigation, table: .reviewLitigation)
        if case .unsplittable(let original) = table.reading {
            return [
                Violation(
                    zh: "表四的数字连在一起（“\(original)”），任何拆分都不满足各组合计",
                    en:
                        "Table 四's digits run together (“\(original)”) and admit no split "
                        + "that satisfies the group sums",
                    at: location, evidence: original)
            ]
        }
        switch table.reading {
        case .blankCells, .blanksUnplaceable: return []  // short by blanks: T4-VAL-002 / READ-001
        default: break
        }
        guard table.cells.count != 15 else { return [] }
        let raw = table.cells.map { $0.raw.isEmpty ? "␣" : $0.raw }.joined(separator: " ")
        return [
            Violation(
                zh: "表四数据行有\(table.cells.count)个单元格，应为15个，无法对应到列",
                en: "Table 四's data row has \(table.cells.count) cells instead of 15; columns cannot be assigned",
                at: Location(
                    line: table.cells.first?.line ?? table.line, section: .reviewLitigation, table: .reviewLitigation),
                evidence: "\(raw) (\(table.cells.count) ≠ 15)")
        ]
    }

    /// A second data row of 15 cells after the first, with other values: only the first was read.
    /// Equal copies are READ-004's.
    static let reviewRowDuplicated = Rule(
        "T4-STRUCT-003", .error,
        summary: .zh("表四数据行出现两次且数值不一致，无法确定以哪一行为准", en: "The table-四 data row appears twice with different values"),
        hint: .zh("删除多余的一行，只保留数值正确的一行", en: "Delete the extra copy and keep the row with the right values")
    ) { context in
        DuplicateRow.conflicts(
            in: context, table: .reviewLitigation, name: { _ in .zh("表四数据行", en: "Table 四's data row") },
            checked: .zh("各组合计", en: "the group sums"))
    }

    static let reviewValueInvalid = Rule(
        "T4-VAL-001", .error,
        summary: .zh("表四单元格不是非负整数", en: "A table-四 cell is not a non-negative integer"),
        hint: .zh("每个单元格填写非负整数，没有则填0", en: "Write a whole number ≥ 0 in every cell, 0 for none")
    ) { context in
        guard let table = context.readableDocument?.reviewTable else { return [] }
        return ReviewPositions.all(table).compactMap { group, column, cell in
            guard !cell.value.isMissing, !(cell.value.number?.isNonNegativeInteger ?? false) else { return nil }
            let label = ReviewTable.columnLabel(group, column)
            return Violation(
                zh: "表四“\(label)”为“\(cell.raw)”，不是非负整数",
                en: "Table 四 \(label) holds “\(cell.raw)”, not a whole number ≥ 0",
                at: ReviewPositions.location(cell.line, column: label), evidence: "\(label) = \(cell.raw)")
        }
    }

    static let reviewValueBlank = Rule(
        "T4-VAL-002", .warning,
        summary: .zh(
            "表四有空白或占位符单元格（不按0处理），该组合计无法核验",
            en: "Blank or placeholder cells in table 四; that group's sum is not assessable"),
        hint: .zh("没有案件时填写0，而不是留空或填“/”", en: "Write 0 rather than leaving a cell blank or “/”")
    ) { context in
        guard let table = context.readableDocument?.reviewTable else { return [] }
        if case .blankCells(let original, let missing) = table.reading {
            return [
                ShortRow.blankCells(
                    name: .zh("表四数据行", en: "Table 四's data row"), width: 15,
                    missing: missing, original: original,
                    at: Location(line: table.cells.first?.line ?? table.line, section: .reviewLitigation, table: .reviewLitigation))
            ]
        }
        guard table.isWellFormed else { return [] }
        let identities = ReviewPositions.identities(table)
        return ReviewGroup.allCases.compactMap { group in
            let missing = (0..<5).filter { table.cell(group, $0)?.value.isMissing ?? false }
            guard !missing.isEmpty else { return nil }
            let labels = missing.map { ReviewTable.columnLabel(group, $0) }
            let positions = Set(labels.map { CellPosition(row: ReviewPositions.rowLabel, column: $0) })
            let blocked = Evidence.blockedIdentities(identities.blocked(by: positions))
            let columns = missing.map { ReviewGroup.columnLabels[$0] }.joined(separator: "、")
            let whole = missing.count == 5
            return Violation(
                zh: "表四“\(group.label)”\(whole ? "整组" : "的\(columns)")为空或占位符，不按0处理；\(blocked.zh)",
                en: "Table 四 \(group.englishLabel): \(whole ? "the whole group is" : columns + " are") blank "
                    + "(not read as 0); \(blocked.en)",
                at: ReviewPositions.location(
                    table.cell(group, missing[0])!.line, column: whole ? group.label : labels.joined(separator: "、")),
                evidence: missing.map {
                    "\(ReviewTable.columnLabel(group, $0)) = \(Evidence.missing(table.cell(group, $0)))"
                }
                .joined(separator: ", "),
                places: missing.map { column in
                    let label = ReviewTable.columnLabel(group, column)
                    return FindingItem(
                        location: ReviewPositions.location(table.cell(group, column)!.line, column: label),
                        evidence: "\(label) = \(Evidence.missing(table.cell(group, column)))")
                })
        }
    }

    /// T4-SUM-00x for `group`: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计.
    static func reviewSum(_ group: ReviewGroup, _ code: RuleCode) -> Rule {
        Rule(
            code, .error,
            summary: .zh(
                "\(group.label)：结果维持 + 结果纠正 + 其他结果 + 尚未审结 ≠ 总计",
                en: "\(group.englishLabel): 维持 + 纠正 + 其他结果 + 尚未审结 ≠ 总计"),
            hint: .zh("核对该组：总计应为四种结果之和（含尚未审结）", en: "Check the group: 总计 is the sum of the four outcomes")
        ) { context in
            guard let table = context.readableDocument?.reviewTable else { return [] }
            return ReviewPositions.identities(table).violations(of: code) { _, l, r in
                .zh(
                    "表四“\(group.label)”：四项结果之和（\(l)）不等于总计（\(r)）",
                    en: "Table 四 \(group.englishLabel): the four outcomes add up to \(l), 总计 says \(r)")
            }
        }
    }
}

/// Table 四's cells by group and column, and its three identities.
enum ReviewPositions {
    /// The one data row has no label of its own; cells are named by column only.
    static let rowLabel = "表四"

    static func all(_ table: ReviewTable) -> [(ReviewGroup, Int, Cell)] {
        ReviewGroup.allCases.flatMap { group in
            (0..<5).compactMap { column in table.cell(group, column).map { (group, column, $0) } }
        }
    }

    static func identities(_ table: ReviewTable) -> [SumIdentity] {
        let codes: [ReviewGroup: RuleCode] = [
            .review: "T4-SUM-001", .directSuit: "T4-SUM-002", .suitAfterReview: "T4-SUM-003",
        ]
        return ReviewGroup.allCases.map { group in
            let terms = (0..<5).map { column in
                SumTerm(
                    name: ReviewGroup.columnLabels[column],
                    position: CellPosition(row: rowLabel, column: ReviewTable.columnLabel(group, column)),
                    cell: table.cell(group, column),
                    key: CellKey(.reviewLitigation, row: group.label, column: ReviewGroup.columnLabels[column]))
            }
            return SumIdentity(
                code: codes[group]!, scope: group.label,
                left: SumSide("维持+纠正+其他+未结", Array(terms[0..<4])), right: SumSide(terms[4]),
                location: location(terms[4].cell?.line ?? table.line, column: ReviewTable.columnLabel(group, 4)))
        }
    }

    static func location(_ line: Int, column: String) -> Location {
        Location(line: line, section: .reviewLitigation, table: .reviewLitigation, column: column)
    }
}
