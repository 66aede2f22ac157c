/// T3-SUM-001…004: the exact 勾稽关系 of table 三 (spec §8.2), one finding per failing identity naming
/// its column or row. Identities touching a blank, placeholder, text or missing cell are not assessed.
extension RuleCatalogue {
    static let applicationSumRules: [Rule] = [
        applicationBalance, applicationLeafSum, applicationRowSum, applicationSubtotals,
    ]

    /// The failing identities of `code` in the context's table 三, worded by `message`.
    private static func applicationViolations(
        _ context: RuleContext, _ code: RuleCode, message: (SumIdentity, Int, Int) -> LocalizedText
    ) -> [Violation] {
        guard let document = context.readableDocument, document.applicationTable != nil else { return [] }
        return context.derived.applicationIdentities.violations(
            of: code, message: message)
    }

    static let applicationBalance = Rule(
        "T3-SUM-001", .error,
        summary: .zh("某列：一 + 二 ≠ （七）总计 + 四", en: "For some column: 一 + 二 ≠ (七)总计 + 四"),
        hint: .zh(
            "核对该列：本年新收加上年结转应等于本年办理总计加结转下年",
            en: "Check the column: new plus carried in must equal handled plus carried over")
    ) { context in
        applicationViolations(context, "T3-SUM-001") { identity, l, r in
            .zh(
                "“\(identity.scope)”列：本年新收与上年结转之和（\(l)）不等于办理结果总计与结转下年之和（\(r)）",
                en: "Column \(identity.scope): new plus carried-in (\(l)) ≠ total handled plus carried-over (\(r))")
        }
    }

    static let applicationLeafSum = Rule(
        "T3-SUM-002", .error,
        summary: .zh("某列：（七）总计 ≠ 各办理结果之和", en: "For some column: (七)总计 ≠ the sum of the result rows"),
        hint: .zh(
            "核对该列各办理结果；部分公开只计一次，不计其他情形", en: "Check the result rows of the column; count each application once")
    ) { context in
        applicationViolations(context, "T3-SUM-002") { identity, l, r in
            .zh(
                "“\(identity.scope)”列：（七）总计（\(l)）不等于（一）至（六）各项之和（\(r)）",
                en: "Column \(identity.scope): (七)总计 (\(l)) ≠ the sum of the result rows (一)…(六) (\(r))")
        } + unreadableColumnSums(context)
    }

    static let applicationRowSum = Rule(
        "T3-SUM-003", .error,
        summary: .zh("某行：总计 ≠ 自然人与五类法人或其他组织之和", en: "For some row: 总计 ≠ the sum of the six applicant columns"),
        hint: .zh("核对该行：总计应等于自然人至其他六列之和", en: "Check the row: 总计 is the sum of the six applicant columns")
    ) { context in
        applicationViolations(context, "T3-SUM-003") { identity, l, r in
            .zh(
                "“\(identity.scope)”行：总计（\(l)）不等于六类申请人之和（\(r)）",
                en: "Row “\(identity.scope)”: 总计 (\(l)) ≠ the sum of the six applicant columns (\(r))")
        } + unreadableRowSums(context)
    }

    /// Run-together rows each readable several ways, yet no combination of readings lets the columns add up.
    static func unreadableColumnSums(_ context: RuleContext) -> [Violation] {
        guard let table = context.readableDocument?.applicationTable, !table.rowsWithNoConsistentReading.isEmpty
        else { return [] }
        let rows = table.rowsWithNoConsistentReading.map(\.templateLabel)
        let evidence = table.rowsWithNoConsistentReading.compactMap { key -> String? in
            if case .ambiguous(let original, _) = table.rows[key]?.reading { return "\(key.shortName): \(original)" }
            return nil
        }.joined(separator: "; ")
        return [
            Violation(
                zh: "表三数字连写的行（\(rows.joined(separator: "、"))）无论如何拆分，各列都不满足勾稽关系",
                en: "However the run-together rows (\(rows.joined(separator: ", "))) are split, the columns do not add up",
                at: Location(line: table.line, section: .applications, table: .applications, row: rows.first),
                evidence: evidence)
        ]
    }

    /// Rows whose run-together digits hold enough digits for 7 values, yet no way of reading them adds
    /// up: whatever the cells were, 总计 differs from the sum of the six columns.
    static func unreadableRowSums(_ context: RuleContext) -> [Violation] {
        guard let table = context.readableDocument?.applicationTable else { return [] }
        let view = ApplicationTableView(table: table)
        return view.rowsInOrder.compactMap { row in
            guard case .unsplittable(let original) = row.reading, original.digitCount >= 7 else { return nil }
            return Violation(
                zh: "“\(row.key.templateLabel)”行的数字“\(original)”无论如何拆分，总计都不等于六类申请人之和",
                en: "Row “\(row.key.templateLabel)”: however its digits “\(original)” are split, 总计 ≠ the sum of the six columns",
                at: view.location(line: row.line, row: row.key.templateLabel), evidence: original)
        }
    }

    static let applicationSubtotals = Rule(
        "T3-SUM-004", .error,
        summary: .zh(
            "小计行（三/四/五/六类）或“法人或其他组织”小计列不等于其组成之和",
            en: "A subtotal row or the 法人或其他组织 subtotal column ≠ the sum of its parts"),
        hint: .zh("核对小计与其各组成项", en: "Check the subtotal against its parts")
    ) { context in
        applicationViolations(context, "T3-SUM-004") { identity, l, r in
            .zh(
                "“\(identity.scope)”：小计（\(l)）不等于其组成之和（\(r)）",
                en: "“\(identity.scope)”: the subtotal (\(l)) ≠ the sum of its parts (\(r))")
        }
    }
}
