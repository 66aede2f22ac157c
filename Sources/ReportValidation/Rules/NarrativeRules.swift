extension RuleCatalogue {
    /// Narrative-vs-table consistency (spec §9). All warnings: extraction is heuristic.
    static let narrativeRules: [Rule] = [
        Rule(
            "TEXT-001", .warning,
            summary: .zh(
                "正文所述收到申请数与表三“一、本年新收”总计不一致，或“其中”分项之和不等于总数",
                en: "Narrative application count differs from table 三 一 (total), or a breakdown does not add up"),
            hint: .zh("核对正文数字与表三，使二者一致", en: "Make the narrative number agree with table 三")
        ) { context in
            NarrativeChecks.applicationCount(context.document, context.derived.narrative)
        },
        Rule(
            "TEXT-002", .warning,
            summary: .zh(
                "正文称未收到申请而表三新收总计大于0，或正文称收到申请而表三为0", en: "Narrative says no applications but table 三 一 (total) > 0, or the reverse"),
            hint: .zh("核对正文与表三“一、本年新收”", en: "Check the narrative against table 三 一")
        ) { context in
            NarrativeChecks.zeroApplications(context.document, context.derived.narrative)
        },
        Rule(
            "TEXT-003", .warning,
            summary: .zh("正文所述行政复议、行政诉讼数与表四总计不一致", en: "Narrative review/litigation counts differ from the table 四 totals"),
            hint: .zh("核对正文与表四的总计列", en: "Check the narrative against the table 四 totals")
        ) { context in
            NarrativeChecks.compare(context.document, context.derived.narrative, [.review, .litigation])
        },
        Rule(
            "TEXT-004", .warning,
            summary: .zh(
                "正文所述办结、结转数与表三“（七）总计”或“四、结转下年度”不一致", en: "Narrative handled/carried-over counts differ from table 三 (七) total or 四"),
            hint: .zh("核对正文与表三相应行的总计", en: "Check the narrative against the matching table 三 rows")
        ) { context in
            NarrativeChecks.compare(context.document, context.derived.narrative, [.processed, .carriedIn, .carriedOut])
        },
        Rule(
            "TEXT-005", .warning,
            summary: .zh(
                "正文把上一年或下一年当作报告期描述工作（工作计划除外）", en: "Narrative presents the year before or after as the reporting period (plans excluded)"),
            hint: .zh("核对年份，疑为沿用往年报告文字", en: "Check the year; the text may be copied from another year's report")
        ) { context in
            YearConsistency.findings(context.document).map { found in
                let year = context.document.year ?? 0
                return Violation(
                    zh: "报告年度为\(year)年，正文却以\(found.year)年为报告期描述工作",
                    en: "The report year is \(year), but the text describes \(found.year) as the period worked in",
                    at: Location(line: found.paragraph.line, section: found.paragraph.section),
                    evidence: "正文“\(found.fragment)”；报告年度 = \(year)")
            }
        },
    ]
}

/// The comparisons behind TEXT-001 … TEXT-004.
enum NarrativeChecks {
    /// The table value a quantity is compared with, and how to name it in evidence; nil when not assessable.
    static func tableValue(_ quantity: NarrativeQuantity, _ document: ReportDocument) -> (value: Int, label: String)? {
        func t3(_ row: ApplicationRow, _ label: String) -> (Int, String)? {
            document.applicationTable?.cell(row, .total)?.value.integer.map { ($0, "表三 \(label)（总计列）") }
        }
        switch quantity {
        case .newApplications: return t3(.new, "一、本年新收")
        case .carriedIn: return t3(.carryIn, "二、上年结转")
        case .processed: return t3(.total, "（七）总计")
        case .carriedOut: return t3(.carryOut, "四、结转下年度继续办理")
        case .review:
            return document.reviewTable?.cell(.review, 4)?.value.integer.map { ($0, "表四 行政复议 总计") }
        case .litigation:
            guard let direct = document.reviewTable?.cell(.directSuit, 4)?.value.integer,
                let after = document.reviewTable?.cell(.suitAfterReview, 4)?.value.integer
            else { return nil }
            return (direct + after, "表四 未经复议直接起诉 总计 + 复议后起诉 总计 = \(direct) + \(after)")
        }
    }

    /// The statements for `quantity` if they all agree; nil when there are none or they conflict.
    static func agreed(_ quantity: NarrativeQuantity, _ facts: NarrativeFacts) -> [NarrativeStatement]? {
        let found = facts.statements.filter { $0.quantity == quantity }
        guard let first = found.first, found.allSatisfy({ $0.value == first.value }) else { return nil }
        return found
    }

    static func violation(_ statement: NarrativeStatement, _ table: (value: Int, label: String)) -> Violation {
        let q = statement.quantity
        return Violation(
            zh: "正文所述\(q.zh)为\(statement.value)，与\(table.label)（\(table.value)）不一致",
            en: "The narrative states \(statement.value) \(q.en), but \(table.label) is \(table.value)",
            at: Location(line: statement.paragraph.line, section: statement.paragraph.section),
            evidence: "正文“\(statement.fragment)” = \(statement.value)；\(table.label) = \(table.value)")
    }

    /// TEXT-003 / TEXT-004: each quantity whose narrative value is unambiguous and differs from its table cell.
    static func compare(_ document: ReportDocument, _ facts: NarrativeFacts, _ quantities: [NarrativeQuantity]) -> [Violation] {
        return quantities.compactMap { quantity in
            guard let statements = agreed(quantity, facts), let table = tableValue(quantity, document),
                statements[0].value != table.value
            else { return nil }
            return violation(statements[0], table)
        }
    }

    /// TEXT-001: a positive narrative count against a positive table count, plus breakdowns that do not add up.
    /// A zero on either side is TEXT-002's finding.
    static func applicationCount(_ document: ReportDocument, _ facts: NarrativeFacts) -> [Violation] {
        var violations: [Violation] = []
        if let statements = agreed(.newApplications, facts), let table = tableValue(.newApplications, document),
            statements[0].value != table.value, statements[0].value > 0, table.value > 0
        {
            violations.append(violation(statements[0], table))
        }
        for breakdown in facts.breakdowns where breakdown.parts.reduce(0, +) != breakdown.total {
            let sum = breakdown.parts.reduce(0, +)
            let terms = breakdown.parts.map(String.init).joined(separator: " + ")
            violations.append(
                Violation(
                    zh: "正文“其中”各分项之和（\(sum)）不等于所述总数（\(breakdown.total)）",
                    en: "The parts listed after 其中 add up to \(sum), not to the stated total \(breakdown.total)",
                    at: Location(line: breakdown.paragraph.line, section: breakdown.paragraph.section),
                    evidence: "正文“\(breakdown.fragment)”：\(terms) = \(sum) ≠ \(breakdown.total)"))
        }
        return violations
    }

    /// TEXT-002: the narrative says none were received while the table counts some, or the reverse.
    static func zeroApplications(_ document: ReportDocument, _ facts: NarrativeFacts) -> [Violation] {
        guard let statements = agreed(.newApplications, facts), let table = tableValue(.newApplications, document) else { return [] }
        let said = statements[0]
        guard said.value != table.value, said.value == 0 || table.value == 0 else { return [] }
        let zh =
            said.value == 0
            ? "正文称未收到政府信息公开申请，但\(table.label)为\(table.value)"
            : "正文称收到\(said.value)件申请，但\(table.label)为0"
        let en =
            said.value == 0
            ? "The narrative says no applications were received, but \(table.label) is \(table.value)"
            : "The narrative says \(said.value) applications were received, but \(table.label) is 0"
        return [
            Violation(
                zh: zh, en: en, at: Location(line: said.paragraph.line, section: said.paragraph.section),
                evidence: "正文“\(said.fragment)” = \(said.value)；\(table.label) = \(table.value)")
        ]
    }
}
