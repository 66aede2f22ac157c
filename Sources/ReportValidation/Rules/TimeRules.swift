extension RuleCatalogue {
    /// Date rules that the pure module can judge (spec §1.2, §2). TIME-001 needs publication dates and lives elsewhere.
    static let timeRules: [Rule] = [
        Rule(
            "TIME-002", .warning,
            summary: .zh(
                "报告自述的统计期限不是报告年度的1月1日至12月31日",
                en: "The statistics period the report states is not 1 January to 31 December of the report year"),
            hint: .zh(
                "统计期限应为报告年度全年，如“自2024年1月1日起至2024年12月31日止”",
                en: "The period must be the whole report year, e.g. 自2024年1月1日起至2024年12月31日止")
        ) { context in
            TimeChecks.statedPeriod(context.document)
        },
        Rule(
            "TIME-003", .warning,
            summary: .zh(
                "报告年度等于当前年份：该年度尚未结束，报告不可能是最终版本",
                en: "The report year is the current calendar year: the year has not ended, so the report cannot be final"),
            hint: .zh(
                "核对标题中的年份；年度报告应在报告年度结束后编制",
                en: "Check the year in the title; an annual report is written after its year has ended")
        ) { context in
            TimeChecks.currentYear(context.document, now: context.currentYear)
        },
    ]
}

/// The checks behind TIME-002 and TIME-003.
enum TimeChecks {
    /// Words that introduce the report's own statistics period.
    static let periodWords: [Needle] = ["统计期限", "统计周期", "统计时限", "统计期间", "统计区间", "统计时间", "统计范围"]

    /// TIME-002: every sentence naming the statistics period is checked against Y-01-01..Y-12-31.
    static func statedPeriod(_ document: ReportDocument) -> [Violation] {
        guard let year = document.year else { return [] }
        var violations: [Violation] = []
        for paragraph in document.paragraphs where paragraph.text.has("统计") {
            let st = ScalarText(paragraph.text)
            guard st.containsAny(periodWords, in: st.all) else { continue }
            for sentence in st.sentences() {
                guard let word = st.firstOf(periodWords, in: sentence) else { continue }
                let dates = NumberExtraction.dates(in: st, (word.index + word.length)..<sentence.upperBound)
                guard dates.count >= 2, let startYear = dates[0].year else { continue }
                let start = dates[0]
                let end = dates[1]
                let endYear = end.year ?? startYear
                let ok =
                    startYear == year && start.month == 1 && start.day == 1
                    && endYear == year && end.month == 12 && end.day == 31
                if ok { continue }
                let stated = "\(startYear)-\(pad(start.month))-\(pad(start.day))..\(endYear)-\(pad(end.month))-\(pad(end.day))"
                violations.append(
                    Violation(
                        zh: "报告自述的统计期限为\(stated)，应为\(year)年1月1日至\(year)年12月31日",
                        en: "The stated statistics period is \(stated); it must be \(year)-01-01..\(year)-12-31",
                        at: Location(line: paragraph.line, section: paragraph.section),
                        evidence: "正文“\(st.excerpt(word.index..<end.range.upperBound, limit: 80))”；报告年度 = \(year)"))
            }
        }
        return violations
    }

    /// TIME-003: the report year equals the calendar year now (skipped when the caller gives no year).
    static func currentYear(_ document: ReportDocument, now: Int?) -> [Violation] {
        guard let now, let year = document.year, year == now else { return [] }
        return [
            Violation(
                zh: "报告年度\(year)年即当前年份，该年度尚未结束",
                en: "The report year \(year) is the current year, which has not ended yet",
                at: Location(line: document.title?.line),
                evidence: "报告年度 = \(year)；当前年份 = \(now)")
        ]
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
