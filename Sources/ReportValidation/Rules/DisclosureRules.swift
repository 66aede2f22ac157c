/// T2-001…T2-008, T2-010: table 二 (主动公开政府信息情况) — blocks, rows, value types and the stock
/// identities of spec §4 and §8.4, and rows printed twice. T2-009 needs the previous year's report and
/// lives elsewhere.
extension RuleCatalogue {
    static let disclosureRules: [Rule] = [
        disclosureBlockMissing, disclosureRowMissing, disclosureCellBlank, disclosureCountInvalid,
        disclosureAmountInvalid, disclosureAmountSuspicious, disclosureStockImpossible, disclosureTrialStock,
        disclosureRowDuplicated,
    ]

    static let disclosureBlockMissing = Rule(
        "T2-001", .error,
        summary: .zh("缺少表二，或缺少必需的“第二十条第（X）项”区块", en: "Table 二 missing, or a required block missing"),
        hint: .zh("按模板补全表二的各个区块", en: "Complete table 二 with every block of the template")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        let version = document.effectiveFormat
        guard let table = document.disclosureTable else {
            return [
                Violation(
                    zh: "缺少表二（主动公开政府信息情况）", en: "Table 二 (proactive disclosure) is missing",
                    at: Location(section: .proactive, table: .proactive),
                    evidence: DisclosureItem.required(for: version).map(\.caption).joined(separator: ", "))
            ]
        }
        return DisclosureItem.required(for: version).filter { table.blocks[$0] == nil }.map { item in
            Violation(
                zh: "表二缺少“\(item.caption)”区块", en: "Table 二 lacks the block “\(item.caption)”",
                at: Location(line: table.line, section: .proactive, table: .proactive, row: item.caption),
                evidence: "\(version.displayName.zh): "
                    + DisclosureItem.required(for: version).map(\.caption)
                    .joined(separator: ", "))
        }
    }

    static let disclosureRowMissing = Rule(
        "T2-002", .error,
        summary: .zh("表二缺少必需的行", en: "A required row of table 二 is missing"),
        hint: .zh("在该区块中补上此行并填写数值（没有则填0）", en: "Add the row to its block, with 0 where there is nothing")
    ) { context in
        guard let table = context.readableDocument?.disclosureTable else { return [] }
        let version = context.document.effectiveFormat
        return DisclosureRowMatch.all(in: table, version: version).filter { $0.row == nil }.map { match in
            Violation(
                zh: "“\(match.item.caption)”缺少“\(match.spec.label)”行",
                en: "Block “\(match.item.caption)” lacks the row “\(match.spec.label)”",
                at: match.location(),
                evidence: "\(match.item.caption): "
                    + (match.block.rows.isEmpty ? "—" : match.block.rows.map(\.label).joined(separator: ", ")))
        }
    }

    /// A check reference `T2-008 行政处罚 …` without its leading rule code.
    static func withoutCode(_ reference: String) -> String {
        guard let space = reference.firstIndex(of: " "), reference[..<space].contains("-") else { return reference }
        return String(reference[reference.index(after: space)...])
    }

    static let disclosureCellBlank = Rule(
        "T2-003", .warning,
        summary: .zh("表二必填单元格为空或为占位符（不按0处理）", en: "A required table-二 cell is blank or a placeholder"),
        hint: .zh("没有数据时填写0", en: "Write 0 where there is nothing to report")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return DisclosureRowMatch.assessable(in: document).compactMap { match in
            let missing = match.spec.columns.indices.filter { match.value($0).isMissing }
            guard !missing.isEmpty else { return nil }
            let columns = missing.map { match.spec.columns[$0] }.joined(separator: "、")
            let blocked = Set(missing.flatMap(match.checksBlocked(byColumn:))).sorted()
            let blockedText: LocalizedText =
                blocked.isEmpty
                ? .zh("", en: "")
                : .zh(
                    // The checks in words, without their rule codes: `行政处罚 上一年项目数量 + 本年增/减 ≥ 0`.
                    "；因此无法核对：\(blocked.map(Self.withoutCode).joined(separator: "；"))",
                    en: "; so these cannot be checked: \(blocked.map(Self.withoutCode).joined(separator: "; "))")
            return Violation(
                zh: "“\(match.spec.label)”的\(columns)为空或占位符，不按0处理\(blockedText.zh)",
                en: "“\(match.spec.label)” has no value under \(columns) (not read as 0)\(blockedText.en)",
                at: match.location(column: columns),
                evidence: missing.map { "\(match.spec.columns[$0]) = \(Evidence.missing(match.cell($0)))" }
                    .joined(separator: ", "))
        }
    }

    static let disclosureCountInvalid = Rule(
        "T2-004", .error,
        summary: .zh(
            "表二的数量不是非负整数（试行格式“本年增/减”可为带符号整数）",
            en: "A table-二 count is not a non-negative integer (trial 本年增/减 may be signed)"),
        hint: .zh("数量填写非负整数，如0、12", en: "Write counts as whole numbers ≥ 0")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return DisclosureRowMatch.assessable(in: document).flatMap { match in
            match.spec.columns.indices.filter { !match.spec.amountColumns.contains($0) }.compactMap { index in
                let value = match.value(index)
                guard !value.isMissing else { return nil }
                let signed = match.isSigned(index)
                let valid = signed ? value.integer != nil : (value.number?.isNonNegativeInteger ?? false)
                guard !valid, let cell = match.cell(index) else { return nil }
                let column = match.spec.columns[index]
                let want: LocalizedText =
                    signed
                    ? .zh("整数（减少用负数）", en: "an integer (negative for a decrease)")
                    : .zh("非负整数", en: "a whole number ≥ 0")
                return Violation(
                    zh: "“\(match.spec.label)”的\(column)“\(cell.raw)”不是\(want.zh)",
                    en: "“\(match.spec.label)” \(column) “\(cell.raw)” is not \(want.en)",
                    at: match.location(column: column), evidence: "\(column) = \(cell.raw)")
            }
        }
    }

    static let disclosureAmountInvalid = Rule(
        "T2-005", .error,
        summary: .zh("收费金额（2021）/采购总金额（试行）不是非负数", en: "An amount of table 二 is not a non-negative decimal"),
        hint: .zh("金额填写非负数字，如0或1.25", en: "Write amounts as numbers ≥ 0, e.g. 0 or 1.25")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return DisclosureRowMatch.assessable(in: document).flatMap { match in
            match.spec.amountColumns.sorted().compactMap { index in
                let value = match.value(index)
                guard !value.isMissing, !(value.number.map { !$0.isNegative } ?? false), let cell = match.cell(index)
                else {
                    return nil
                }
                let column = match.spec.columns[index]
                return Violation(
                    zh: "“\(match.spec.label)”的\(column)“\(cell.raw)”不是非负数",
                    en: "“\(match.spec.label)” \(column) “\(cell.raw)” is not a number ≥ 0",
                    at: match.location(column: column), evidence: "\(column) = \(cell.raw)")
            }
        }
    }

    static let disclosureAmountSuspicious = Rule(
        "T2-006", .warning,
        summary: .zh(
            "收费金额的小数位超过表头规定，或数值像以“元”而非“万元”填写",
            en: "An amount has more decimals than its header allows, or looks like 元 instead of 万元"),
        hint: .zh("金额以万元为单位，按表头规定的小数位填写", en: "Write the amount in 万元 with the decimals the header allows")
    ) { context in
        guard let document = context.readableDocument else { return [] }
        return DisclosureRowMatch.assessable(in: document).flatMap { match in
            match.spec.amountColumns.sorted().flatMap { index in amountWarnings(match, column: index) }
        }
    }

    /// T2-006 for one amount cell: declared precision exceeded, or a value that only makes sense in 元.
    private static func amountWarnings(_ match: DisclosureRowMatch, column index: Int) -> [Violation] {
        guard let number = match.value(index).number, !number.isNegative, let cell = match.cell(index) else {
            return []
        }
        let column = match.spec.columns[index]
        let header = match.header(index)
        var found: [Violation] = []
        if let allowed = DisclosureRowMatch.declaredDecimals(in: header), number.fraction.count > allowed {
            found.append(
                Violation(
                    zh: "“\(match.spec.label)”的金额“\(cell.raw)”有\(number.fraction.count)位小数，表头规定保留\(allowed)位",
                    en: "“\(match.spec.label)” amount “\(cell.raw)” has \(number.fraction.count) decimals; "
                        + "the header allows \(allowed)",
                    at: match.location(column: column),
                    evidence: "\(cell.raw): \(number.fraction.count) > \(allowed) (\(header))"))
        }
        let inTenThousands = header.contains("万元") || column.contains("万元")
        if inTenThousands, number.whole > 1_000_000 || (number.whole == 1_000_000 && !number.isZeroFraction) {
            found.append(
                Violation(
                    zh: "“\(match.spec.label)”的金额“\(cell.raw)”超过100万万元，疑似以“元”填写",
                    en: "“\(match.spec.label)” amount “\(cell.raw)” exceeds 1,000,000 万元: it looks like 元",
                    at: match.location(column: column), evidence: "\(number.text) 万元 > 1000000 万元"))
        }
        return found
    }

    static let disclosureStockImpossible = Rule(
        "T2-007", .error,
        summary: .zh("2021格式：现行有效件数 < 本年制发件数 − 本年废止件数", en: "2021: 现行有效件数 < 本年制发件数 − 本年废止件数"),
        hint: .zh("核对三项件数：现行有效件数应包括本年制发且未废止的文件", en: "Recount: the current stock includes this year's net additions")
    ) { context in
        guard let document = context.readableDocument, document.effectiveFormat == .format2021 else { return [] }
        return DisclosureRowMatch.assessable(in: document).filter { $0.item == .one }.compactMap { match in
            guard let made = match.integer(0), let repealed = match.integer(1), let current = match.integer(2),
                current < made - repealed
            else { return nil }
            let columns = match.spec.columns
            return Violation(
                zh: "“\(match.spec.label)”的现行有效件数\(current)小于本年制发\(made)减本年废止\(repealed)",
                en: "“\(match.spec.label)”: \(current) in force is less than \(made) made minus \(repealed) repealed",
                at: match.location(column: columns[2]),
                evidence: "\(match.spec.label): \(columns[2]) = \(current) < \(columns[0]) − \(columns[1]) = "
                    + "\(made) − \(repealed) = \(made - repealed)")
        }
    }

    static let disclosureTrialStock = Rule(
        "T2-008", .warning,
        summary: .zh(
            "试行格式：对外公开总数量 < 本年新公开数量，或上一年项目数量 + 本年增/减 < 0",
            en: "Trial: 对外公开总数量 < 本年新公开数量, or 上一年项目数量 + 本年增/减 < 0"),
        hint: .zh("核对累计数与本年数", en: "Check the cumulative figures against this year's")
    ) { context in
        guard let document = context.readableDocument, document.effectiveFormat == .trial2019 else { return [] }
        return DisclosureRowMatch.assessable(in: document).compactMap(trialStockViolation)
    }

    /// T2-008 for one row: the cumulative count below this year's, or a project count below zero.
    private static func trialStockViolation(_ match: DisclosureRowMatch) -> Violation? {
        let columns = match.spec.columns
        if match.item == .one {
            guard let published = match.integer(1), let total = match.integer(2), total < published else { return nil }
            return Violation(
                zh: "“\(match.spec.label)”的对外公开总数量\(total)小于本年新公开数量\(published)",
                en: "“\(match.spec.label)”: the cumulative \(total) is less than \(published) published this year",
                at: match.location(column: columns[2]),
                evidence: "\(match.spec.label): \(columns[2]) = \(total) < \(columns[1]) = \(published)")
        }
        guard match.spec.signedColumn == 1, let previous = match.integer(0), let change = match.integer(1),
            previous + change < 0
        else { return nil }
        return Violation(
            zh: "“\(match.spec.label)”的上一年项目数量\(previous)加本年增/减\(change)小于0",
            en: "“\(match.spec.label)”: \(previous) last year plus a change of \(change) is below 0",
            at: match.location(column: columns[1]),
            evidence:
                "\(match.spec.label): \(columns[0]) + \(columns[1]) = \(previous) + (\(change)) = "
                + "\(previous + change) < 0"
        )
    }
}

extension RuleCatalogue {
    /// A required row printed twice in its block with different values: the first is read. Equal copies
    /// are READ-004's.
    static let disclosureRowDuplicated = Rule(
        "T2-010", .error,
        summary: .zh("表二同一区块中必需的行出现两次且数值不一致", en: "A required table-二 row appears twice in its block with different values"),
        hint: .zh("删除多余的一行，只保留数值正确的一行", en: "Delete the extra copy and keep the row with the right values")
    ) { context in
        DuplicateRow.conflicts(
            in: context, table: .proactive,
            name: { .zh("表二“\($0.row ?? "")”行", en: "Table 二 row “\($0.row ?? "")”") },
            checked: .zh("数值规则", en: "the value rules"))
    }
}

extension NumberLiteral {
    /// True when the decimal part is absent or all zeros.
    var isZeroFraction: Bool { fraction.allSatisfy { $0 == "0" } }
}
