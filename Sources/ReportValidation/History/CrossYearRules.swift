/// T3-XYR-001, T2-009, DUP-001: this year's report against the same agency's report of the year
/// before (spec §8.2, §8.4, §10). They run only when the caller gives a previous report of year Y − 1;
/// without one they say nothing (no history is not a defect of the report).
extension RuleCatalogue {
    static let crossYearRules: [Rule] = [carryOverBroken, stockBroken, narrativeCopied]

    static let carryOverBroken = Rule(
        "T3-XYR-001", .warning,
        summary: .zh(
            "跨年度：本年表三“二、上年结转政府信息公开申请数量”不等于上年报告“四、结转下年度继续办理”（逐列核对；需要上年报告）",
            en: "Cross-year: this year's 二、上年结转 (table 三) differs from last year's 四、结转下年度继续办理, "
                + "column by column (needs last year's report)"),
        hint: .zh(
            "上年结转数应照抄上年报告的结转下年度数；核对两年的表三，改正错误的一方",
            en: "Carry last year's 结转下年度 figures over unchanged; check both years' table 三 and correct the wrong one")
    ) { context in
        guard let previous = context.previousYear, let table = context.readableDocument?.applicationTable else {
            return []
        }
        return ApplicantColumn.allCases.compactMap { column in
            let before = CellKey(.applications, row: ApplicationRow.carryOut.templateLabel, column: column.label)
            guard let cell = table.cell(.carryIn, column), let now = cell.value.integer,
                let old = previous.snapshot.cells[before], let then = old.value.integer, now != then
            else { return nil }
            let row = ApplicationRow.carryIn.templateLabel
            return Violation(
                zh: "上年报告 \(previous.fileName) \(before)为 \(then)，本年「二、上年结转」为 \(now)",
                en: "Last year's report \(previous.fileName) has \(then) in \(before); "
                    + "this year's 二、上年结转 (\(column.label)) has \(now)",
                at: Location(line: cell.line, section: .applications, table: .applications, row: row, column: column.label),
                evidence: "本年 \(row)[\(column.label)] = \(now) ≠ \(previous.snapshot.year.map(String.init) ?? "上")年 "
                    + "\(before.row)[\(column.label)] = \(then)\(Self.lineNote(old))")
        }
    }

    static let stockBroken = Rule(
        "T2-009", .warning,
        summary: .zh(
            "跨年度（2021格式）：表二现行有效件数 ≠ 上年现行有效件数 + 本年制发件数 − 本年废止件数（需要上年报告；试行格式无此列，不核对）",
            en: "Cross-year (2021 format): table 二 现行有效件数 ≠ last year's 现行有效件数 + 本年制发件数 − 本年废止件数 "
                + "(needs last year's report; the trial format has no such columns and is not checked)"),
        hint: .zh(
            "核对本年制发、废止件数和现行有效件数；上年数字有误时一并说明",
            en: "Recount this year's made, repealed and current figures; say so if last year's were wrong")
    ) { context in
        guard let previous = context.previousYear, let document = context.readableDocument,
            document.effectiveFormat == .format2021, previous.snapshot.format == .format2021
        else { return [] }
        return DisclosureRowMatch.assessable(in: document).filter { $0.item == .one }.compactMap { match in
            let columns = match.spec.columns
            let before = CellKey(.proactive, row: match.spec.label, column: columns[2])
            guard let made = match.integer(0), let repealed = match.integer(1), let current = match.integer(2),
                let old = previous.snapshot.cells[before], let stock = old.value.integer,
                current != stock + made - repealed
            else { return nil }
            let expected = stock + made - repealed
            return Violation(
                zh: "上年报告 \(previous.fileName) \(before)为 \(stock)，本年制发 \(made)、废止 \(repealed)，"
                    + "现行有效件数应为 \(expected)，本年填报 \(current)",
                en: "Last year's report \(previous.fileName) has \(stock) in \(before); with \(made) made and "
                    + "\(repealed) repealed this year the stock should be \(expected), but it is \(current)",
                at: match.location(column: columns[2]),
                evidence: "\(match.spec.label): \(columns[2]) = \(current) ≠ 上年\(columns[2]) + \(columns[0]) − \(columns[1]) = "
                    + "\(stock) + \(made) − \(repealed) = \(expected)\(Self.lineNote(old))")
        }
    }

    static let narrativeCopied = Rule(
        "DUP-001", .warning,
        summary: .zh(
            "与上年报告文字雷同超过50%：第一、五部分正文（不含表格、数字和模板原文）的五字片段中，超过一半在上年报告中出现过（需要上年报告）",
            en: "More than 50% of the text repeats last year's report: over half of the distinct character 5-grams "
                + "of sections 一 and 五 (tables, digits and template wording removed) also occur in last year's "
                + "(needs last year's report)"),
        hint: .zh(
            "按本年度实际工作重写总体情况和存在的问题及改进情况，不要照搬上年文字",
            en: "Rewrite the overview and the problems section from this year's work instead of reusing last year's text")
    ) { context in
        guard let previous = context.previousYear, let document = context.readableDocument else { return [] }
        let sections = ReportSnapshot.narrativeSections
        let now = sections.map { document.text(of: $0) }.joined(separator: "\n")
        let then = sections.compactMap { previous.snapshot.narrative[$0] }.joined(separator: "\n")
        guard !then.isEmpty else { return [] }
        let similarity = NarrativeSimilarity.measure(current: now, previous: then)
        guard similarity.shingles >= NarrativeSimilarity.minimumShingles,
            similarity.containment > NarrativeSimilarity.threshold
        else { return [] }
        let percent = Int((similarity.containment * 100).rounded())
        let first = sections.lazy.compactMap { document.paragraphs(in: $0).first }.first
        return [
            Violation(
                zh: "第一、五部分正文约 \(percent)% 与上年报告 \(previous.fileName) 相同",
                en: "About \(percent)% of sections 一 and 五 repeats last year's report \(previous.fileName)",
                at: Location(line: first?.line, section: first?.section),
                evidence: "五字片段 \(similarity.shared)/\(similarity.shingles) 相同（阈值 50%）；最长相同片段“"
                    + String(similarity.longestSharedPassage.prefix(60))
                    + (similarity.longestSharedPassage.count > 60 ? "…" : "") + "”")
        ]
    }

    /// ` (上年报告第12行)` when last year's line is known.
    static func lineNote(_ cell: RecordedCell) -> String {
        cell.line.map { "（上年报告第\($0)行）" } ?? ""
    }
}

extension RuleContext {
    /// The previous report when it is of year Y − 1 (the cross-year rules' only input from history).
    var previousYear: PreviousReport? {
        guard let previous, previous.precedes(document.year) else { return nil }
        return previous
    }
}
