import Testing

@testable import ReportValidation

/// Builds small `ReportDocument`s in code for the narrative, text-quality, fee and time rule tests.
struct NarrativeFixture {
    var document: ReportDocument
    private var nextLine = 10

    /// A report of `unit` for `year`, with the six template headings and no prose yet.
    init(unit: String = "轵城镇人民政府", year: Int? = 2021) {
        document = ReportDocument(sourceLines: [], layout: .tabRows)
        document.title = Title(text: "\(unit)\(year.map(String.init) ?? "")年政府信息公开工作年度报告", line: 1, year: year, unit: unit)
        document.year = year
        for kind in SectionKind.allCases {
            document.headings.append(
                SectionHeading(
                    kind: kind, ordinal: kind.rawValue, text: kind.templateHeading, line: kind.rawValue * 100,
                    markdownLevel: 0, isTemplateWording: true))
        }
    }

    /// Adds one paragraph of prose to `section`.
    @discardableResult
    mutating func add(_ text: String, in section: SectionKind?) -> Self {
        nextLine += 1
        let base = section.map { $0.rawValue * 100 } ?? 0
        document.paragraphs.append(Paragraph(text: text, line: base + nextLine, section: section))
        return self
    }

    /// Removes the heading of `section` (as if the reader had not found it).
    mutating func dropHeading(_ section: SectionKind) {
        document.headings.removeAll { $0.kind == section }
    }

    /// Sets table 三's 总计 column for the given rows (other columns 0, so rows stay well formed).
    mutating func setApplicationTotals(_ totals: [ApplicationRow: Int]) {
        var rows: [ApplicationRow: ApplicationTableRow] = document.applicationTable?.rows ?? [:]
        for (key, total) in totals {
            let line = 300 + (ApplicationRow.allCases.firstIndex(of: key) ?? 0)
            let values = [total, 0, 0, 0, 0, 0, total]
            rows[key] = ApplicationTableRow(
                key: key, label: key.templateLabel, line: line, cells: values.map { Cell(raw: String($0), line: line) })
        }
        document.applicationTable = ApplicationTable(line: 300, headerFound: true, hasSubtotalColumn: false, rows: rows)
    }

    /// Adds a table-三 row with a label as printed (for the label duplicate check).
    mutating func setApplicationRowLabel(_ key: ApplicationRow, _ label: String) {
        if document.applicationTable == nil { setApplicationTotals([:]) }
        let line = 350
        document.applicationTable?.rows[key] = ApplicationTableRow(
            key: key, label: label, line: line, cells: (0..<7).map { _ in Cell(raw: "0", line: line) })
    }

    /// Sets table 四's three 总计 positions (all other positions 0 except 尚未审结, which balances them).
    mutating func setReviewTotals(review: Int, direct: Int, afterReview: Int) {
        var cells: [Cell] = []
        for total in [review, direct, afterReview] {
            for value in [0, 0, 0, total, total] { cells.append(Cell(raw: String(value), line: 400)) }
        }
        document.reviewTable = ReviewTable(line: 400, headerFound: true, cells: cells)
    }

    /// Runs the rule `code` alone and returns its violations.
    func run(_ code: RuleCode, currentYear: Int? = nil) -> [Violation] {
        guard let rule = RuleCatalogue.rule(code) else {
            Issue.record("rule \(code) is not in the catalogue")
            return []
        }
        return rule.check(RuleContext(document: document, currentYear: currentYear))
    }
}
