extension RuleCatalogue {
    /// 信息处理费 reporting (spec §1.3, §3.5, §8.5).
    static let feeRules: [Rule] = [
        Rule(
            "FEE-001", .error,
            summary: .zh(
                "2021年及以后格式：第六部分未报告信息处理费收取情况（既无金额，也无“未收取”的明确说明）",
                en: "2021 format: section 六 does not report 信息处理费 collection (neither an amount nor an explicit none)"),
            hint: .zh(
                "在“六、其他需要报告的事项”中写明本年度收取信息处理费的金额，或写明“本年度未收取信息处理费”",
                en: "State in section 六 the 信息处理费 collected this year, or that none was collected (未收取信息处理费)")
        ) { context in
            FeeChecks.missingFeeStatement(context.document)
        },
        Rule(
            "FEE-002", .warning,
            summary: .zh(
                "表三“申请人逾期未按收费通知要求缴纳费用”大于0，但第六部分未提及信息处理费或收费通知",
                en: "Table 三 counts applications dropped for unpaid fee notices, but section 六 does not mention the fee"),
            hint: .zh(
                "已发出收费通知的，请在第六部分说明信息处理费的收取情况",
                en: "Fee notices were issued: describe the 信息处理费 collection in section 六")
        ) { context in
            FeeChecks.unpaidFeeWithoutMention(context.document)
        },
    ]
}

/// The checks behind FEE-001 and FEE-002.
enum FeeChecks {
    /// FEE-001. Decision for a missing section 六: the rule is satisfied by a fee statement anywhere in the
    /// report (the heading was probably lost, which STRUCT-003 reports); with 六 present, it must be in 六.
    static func missingFeeStatement(_ document: ReportDocument) -> [Violation] {
        guard document.effectiveFormat == .format2021 else { return [] }
        let sectionSix = document.paragraphs(in: .other)
        let heading = document.heading(.other)
        let elsewhere = document.paragraphs.lazy.filter { $0.section != .other }
            .compactMap { p in FeeStatement.statement(in: p.text).map { (p, $0) } }.first
        guard heading != nil || !sectionSix.isEmpty else {
            guard elsewhere == nil else { return [] }
            return [
                Violation(
                    zh: "未找到第六部分“其他需要报告的事项”，全文也没有信息处理费收取情况的说明",
                    en: "Section 六 was not found, and no statement on 信息处理费 collection appears anywhere in the report",
                    at: Location(section: .other), evidence: "查找范围：全文各段落")
            ]
        }
        if sectionSix.contains(where: { FeeStatement.statement(in: $0.text) != nil }) { return [] }
        let line = heading?.line ?? sectionSix.first?.line
        let body = sectionSix.map { TextNormalizer.trim($0.text) }.joined(separator: " ")
        let shown = body.isEmpty ? "（无正文）" : ScalarText(body).excerpt(ScalarText(body).all, limit: 80)
        var evidence = "第六部分正文：“\(shown)”"
        var zh = "第六部分没有报告信息处理费的收取情况"
        var en = "Section 六 does not report 信息处理费 collection"
        if let (paragraph, sentence) = elsewhere {
            zh += "；第\(paragraph.line)行另有相关说明，但应写在第六部分"
            en += "; a statement appears on line \(paragraph.line), but it belongs in section 六"
            evidence += "；第\(paragraph.line)行：“\(sentence)”"
        }
        return [Violation(zh: zh, en: en, at: Location(line: line, section: .other), evidence: evidence)]
    }

    /// FEE-002: table 三 row （六）2 > 0 in some column, while section 六 (or, without 六, the report) never
    /// mentions fees.
    static func unpaidFeeWithoutMention(_ document: ReportDocument) -> [Violation] {
        guard let table = document.applicationTable, let cells = table.wellFormedCells(.o2) else { return [] }
        guard let positive = cells.first(where: { ($0.value.integer ?? 0) > 0 }) else { return [] }
        let hasSix = document.heading(.other) != nil || !document.paragraphs(in: .other).isEmpty
        let scope = hasSix ? document.paragraphs(in: .other) : document.paragraphs
        if scope.contains(where: { FeeStatement.mentionsFee($0.text) }) { return [] }
        let total = table.cell(.o2, .total)?.raw ?? positive.raw
        return [
            Violation(
                zh: "表三“（六）2.申请人逾期未按收费通知要求缴纳费用”为\(total)，说明发出过收费通知，但\(hasSix ? "第六部分" : "全文")未提及信息处理费",
                en:
                    "Table 三 row (六)2 (unpaid fee notices) is \(total), so fee notices were issued, but \(hasSix ? "section 六" : "the report") never mentions the fee",
                at: Location(line: positive.line, section: .applications, table: .applications, row: ApplicationRow.o2.templateLabel),
                evidence: "表三（六）2. 总计 = \(total)；\(hasSix ? "第六部分" : "全文")无“处理费/收费/费用”字样")
        ]
    }
}
