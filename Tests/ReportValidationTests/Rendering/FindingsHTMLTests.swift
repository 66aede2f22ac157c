import Testing

@testable import ReportValidation

/// The findings page as a pure rendering: escaping, the verdict, the marks of a broken identity.
@Suite struct FindingsHTMLTests {
    static let markup = "<script>alert(\"x\")</script>&<b onclick='y'>"

    /// A rejected file whose title, evidence, a row label and a cell carry markup.
    static func markedUp() -> CheckedFile {
        var file = RenderingSamples.rejected(path: "in/\(markup).txt")
        file.report.result.title = "标题" + markup
        var finding = RenderingSamples.sumError
        finding.evidence = markup
        finding.cells = [IdentityCell(table: .applications, row: markup, column: "自然人", value: 4, expected: nil)]
        file.report.result.findings.insert(finding, at: 0)
        let cells: [CellKey: RecordedCell] = [
            CellKey(.applications, row: "（七）总计", column: "自然人"): RecordedCell(value: .text, raw: markup, line: 3)
        ]
        file.report.result.snapshot = ReportSnapshot(
            year: 2023, format: .format2021, agency: nil, cells: cells, narrative: [:])
        return file
    }

    @Test(arguments: Language.allCases)
    func everyValueAndNameFromTheReportIsEscaped(_ language: Language) {
        let page = FindingsHTML(language: language).render(Self.markedUp())
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b "))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;b onclick=&#39;y&#39;&gt;"))
    }

    @Test func theCellOfABrokenIdentityCarriesItsRuleAndExpectedValue() {
        var file = RenderingSamples.rejected()
        var finding = RenderingSamples.sumError
        finding.cells = [IdentityCell(table: .applications, row: "（七）总计", column: "自然人", value: 3, expected: 4)]
        file.report.result.findings = [finding]
        file.report.result.snapshot = ReportSnapshot(
            year: 2023, format: .format2021, agency: nil,
            cells: [
                CellKey(.applications, row: "（七）总计", column: "自然人"): RecordedCell(
                    value: .number(NumberLiteral(whole: 3)), raw: "3", line: 9),
                CellKey(.applications, row: "（七）总计", column: "商业企业"): RecordedCell(value: .blank, raw: "", line: 9),
                CellKey(.applications, row: "（七）总计", column: "科研机构"): RecordedCell(value: .notAssessable, raw: "", line: 9),
            ], narrative: [:])
        let page = FindingsHTML(language: .zh).render(file)
        #expect(
            page.contains(
                "<td class=\"number broken\" data-row=\"（七）总计\" data-column=\"自然人\" data-rule=\"T3-SUM-001\" data-expected=\"4\">"))
        #expect(page.contains("<td class=\"blank\" data-row=\"（七）总计\" data-column=\"商业企业\">空白</td>"))
        #expect(page.contains("<td class=\"unread\" data-row=\"（七）总计\" data-column=\"科研机构\">无法核对</td>"))
        #expect(page.components(separatedBy: "data-rule=").count == 2, "one marked cell")
    }

    @Test(arguments: [(Language.zh, "不通过"), (.en, "Rejected")])
    func thePageIsSelfContainedAndSaysTheVerdict(_ language: Language, _ verdict: String) {
        let page = FindingsHTML(language: language).render(RenderingSamples.rejected())
        #expect(page.contains("<strong>\(verdict)</strong>"))
        #expect(page.contains("default-src 'none'"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("http://") && !page.contains("https://"))
        #expect(page.contains("@page{size:A4"))
    }
}
