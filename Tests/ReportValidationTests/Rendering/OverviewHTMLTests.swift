import Testing

@testable import ReportValidation

/// The overview page as a pure rendering: rows per agency and per report, links, escaping, totals.
@Suite struct OverviewHTMLTests {
    typealias F = OfficeFixtures
    static let markup = "<script>alert(\"x\")</script>&<b onclick='y'>"

    static let requestsTotal = CellKey(.applications, row: "一、本年新收政府信息公开申请数量", column: "总计")

    /// Table 三 row 一's 自然人 and 总计 cells both holding `cell`.
    static func requests(_ cell: RecordedCell) -> [CellKey: RecordedCell] { [F.newRequests: cell, requestsTotal: cell] }

    /// 王村镇 rejected then accepted, 发改局 rejected, 县政府 and 教育局 missing, one unknown agency.
    static func overview(language: Language = .zh, today: String = "2027-01-20") -> Overview {
        let submissions = [
            F.submission("王村镇人民政府", version: 1, .rejected, filed: "2027-01-05", cells: requests(F.number(9))),
            F.submission("王村镇人民政府", version: 2, .accepted, filed: "2027-01-12", cells: requests(F.number(3))),
            F.submission("某某县发展和改革局", version: 1, .rejected, filed: "2027-01-08", cells: requests(F.blank)),
            F.submission("外县某局", version: 1, .accepted, filed: "2027-01-09", inDirectory: false, cells: requests(F.number(4))),
            F.submission("王村镇人民政府", year: 2025, version: 1, .accepted, filed: "2026-01-09"),
        ]
        return Overview(
            year: 2026, today: CivilDate(parsing: today)!, directory: F.directory, submissions: submissions,
            generated: "2027-01-20 10:15 (UTC+8)")
    }

    /// The `data-*` attributes of each `<tr …>` start tag that has `data-agency`, in order.
    static func rows(_ page: String, _ section: String) -> [String] {
        let start = page.range(of: "<section class=\"\(section)\">")!.upperBound
        let end = page[start...].range(of: "</section>")!.lowerBound
        return page[start..<end].split(separator: "<tr ").dropFirst().compactMap { row in
            row.hasPrefix("data-agency") ? String(row.prefix { $0 != ">" }) : nil
        }
    }

    @Test func everyAgencyOfTheDirectoryHasARowWithItsStateAndDaysLeft() {
        let page = OverviewHTML().render(Self.overview())
        #expect(
            Self.rows(page, "agencies") == [
                "data-agency=\"王村镇人民政府\" data-state=\"accepted\" data-days-left=\"11\"",
                "data-agency=\"某某县发展和改革局\" data-state=\"rejected\" data-days-left=\"11\"",
                "data-agency=\"某某县人民政府\" data-state=\"missing\" data-days-left=\"70\"",
                "data-agency=\"某某县教育局\" data-state=\"missing\" data-days-left=\"11\"",
                "data-agency=\"外县某局\" data-state=\"accepted\" data-days-left=\"11\"",
            ])
        #expect(page.contains("data-state=\"missing\" data-count=\"2\""))
        #expect(page.contains("还剩 70 天") && page.contains("（名录外）"))
    }

    @Test func everyReportOfTheYearIsListedNewestFirstWithTheCurrentVersionMarked() {
        let page = OverviewHTML().render(Self.overview())
        #expect(
            Self.rows(page, "reports") == [
                "data-agency=\"王村镇人民政府\" data-version=\"2\" data-verdict=\"accepted\" data-current=\"true\"",
                "data-agency=\"外县某局\" data-version=\"1\" data-verdict=\"accepted\" data-current=\"true\"",
                "data-agency=\"某某县发展和改革局\" data-version=\"1\" data-verdict=\"rejected\" data-current=\"true\"",
                "data-agency=\"王村镇人民政府\" data-version=\"1\" data-verdict=\"rejected\"",
            ])
        #expect(!page.contains("2026-01-09"), "the 2025 report is not on the 2026 page")
    }

    @Test func anOverdueMissingReportSaysHowManyDaysLate() {
        let page = OverviewHTML().render(Self.overview(today: "2027-02-03"))
        #expect(page.contains("<td class=\"days overdue\">已逾期 3 天</td>"))
        #expect(page.contains("<td class=\"days\">已逾期 3 天</td>"), "an accepted agency's line is not flagged")
    }

    @Test func linksAreRelativeAndPercentEncodedByteByByte() {
        var s = F.submission("王村镇人民政府", version: 1, .rejected, filed: "2027-01-05")
        s.finalNameBytes = Array("a b#%?\"<&'.txt".utf8) + [0xCD, 0xF5]
        #expect(OverviewHTML.href(s, suffix: ".findings.html") == "rejected/a%20b%23%25%3F%22%3C%26%27.txt%CD%F5.findings.html")
        let page = OverviewHTML().render(Self.overview())
        #expect(
            page.contains(
                "href=\"accepted/%E7%8E%8B%E6%9D%91%E9%95%87%E4%BA%BA%E6%B0%91%E6%94%BF%E5%BA%9C2026%E5%B9%B4%E6%8A%A5.txt.findings.html\"")
        )
        #expect(!page.contains("href=\"/") && !page.contains("://"))
    }

    @Test(arguments: Language.allCases)
    func markupInAnAgencyOrFileNameIsEscaped(_ language: Language) {
        var overview = Self.overview(language: language)
        let s = F.submission(Self.markup, version: 1, .rejected, filed: "2027-01-05")
        overview = Overview(
            year: 2026, today: CivilDate(parsing: "2027-01-20")!, directory: nil, submissions: [s], generated: Self.markup)
        let page = OverviewHTML(language: language).render(overview)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b "))
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&lt;b onclick=&#39;y&#39;&gt;"))
    }

    @Test func totalsSumTheCurrentReportsAndSayWhatWasBlank() {
        let page = OverviewHTML().render(Self.overview())
        // Current versions: 王村镇 v2 (3), 发改局 (blank), 外县某局 (4): 7, one blank; the largest bar is full.
        #expect(page.contains("按各机关当前版本合计（3 个机关）"))
        #expect(
            page.contains(
                "<tr data-row=\"一、本年新收政府信息公开申请数量\" data-sum=\"7\"><th class=\"row\">一、本年新收政府信息公开申请数量</th>"
                    + "<td class=\"bar\"><span style=\"width:100.0%\"></span></td><td class=\"sum\">7<span class=\"left-out\">1 份空白</span></td></tr>"
            ))
        let en = OverviewHTML(language: .en).render(Self.overview(language: .en))
        #expect(en.contains("<html lang=\"en\">") && en.contains("Reports received this year"))
    }

    @Test func thePageIsSelfContained() {
        let page = OverviewHTML().render(Self.overview())
        #expect(page.contains("default-src 'none'"))
        #expect(!page.contains("<script") && !page.contains("<link") && !page.contains("<img") && !page.contains("url("))
        #expect(page.hasSuffix("</html>\n"))
    }

    @Test func anEmptyRegisterWithoutDirectorySaysSo() {
        let overview = Overview(year: 2026, today: CivilDate(parsing: "2027-01-20")!, directory: nil, submissions: [], generated: "")
        let page = OverviewHTML().render(overview)
        #expect(page.contains("未配置机关名录") && page.contains("本年度尚无报告") && page.contains("尚无可合计的报告"))
    }
}
