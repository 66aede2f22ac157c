import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// Hostile and broken input: every case must finish quickly without crashing or exhausting memory.
@Suite struct HTMLHostileInputTests {
    /// A quadratic slip on these 10⁵-element inputs takes minutes; linear reading takes well under these.
    /// Measured in the thread's CPU time, not wall time: other processes on a busy machine do not count.
    /// Release reads each case in ≈ 20–60 ms; unoptimised debug code is 20–40 times slower.
    #if DEBUG
        static let limit = Duration.seconds(12)
    #else
        static let limit = Duration.seconds(1)
    #endif

    static func read(_ html: String) -> (lines: [SourceLine], duration: Duration) {
        var lines: [SourceLine] = []
        let duration = ThreadCPUClock().measure { lines = HTMLReader.lines(html) }
        return (lines, duration)
    }

    @Test(arguments: ["div", "span", "p", "li", "b", "td", "tr"])
    func deepNestingIsFlat(tag: String) {
        let html = String(repeating: "<\(tag)>", count: 100_000) + "深处" + String(repeating: "</\(tag)>", count: 100_000)
        let result = Self.read(html)
        #expect(result.duration < Self.limit)
        #expect(result.lines.map(\.text) == ["深处"])
    }

    @Test func manyRowsOfImpliedCells() {
        let html = "<table>" + String(repeating: "<tr><td>a<td>b", count: 100_000) + "</table>"
        let result = Self.read(html)
        #expect(result.duration < Self.limit)
        #expect(result.lines.count == 100_000)
        #expect(result.lines.allSatisfy { $0.text == "a\tb" })
    }

    @Test func deeplyNestedTablesKeepTheirText() {
        let html = String(repeating: "<table><tr><td>", count: 100_000) + "核心" + String(repeating: "</td></tr></table>", count: 100_000)
        let result = Self.read(html)
        #expect(result.duration < Self.limit)
        #expect(result.lines.map(\.text) == ["核心"])
    }

    @Test func oneHundredThousandCells() {
        let html = "<table><tr>" + String(repeating: "<td>1</td>", count: 100_000) + "</tr></table>"
        let result = Self.read(html)
        #expect(result.duration < Self.limit)
        #expect(result.lines.count == 1)
        #expect(result.lines.first?.text.split(separator: "\t").count == 100_000)
    }

    @Test func hugeSpansAreClamped() {
        let html = """
            <table><tr><td rowspan=1000000000 colspan=1000000000>x</td><td colspan=99999999999999999999>y</td></tr>
            <tr><td>z</td></tr></table>
            """
        let rows = HTMLTestSupport.rows(html)
        #expect(rows.count == 2)
        #expect(rows.first?.count == 2 * HTMLTableGrid.maximumColumnSpan)
        #expect(rows.first?[HTMLTableGrid.maximumColumnSpan] == "y")
        #expect(rows.last?.count == HTMLTableGrid.maximumColumnSpan + 1)
        #expect(rows.last?.last == "z")
    }

    @Test func gridBudgetTruncatesInsteadOfGrowing() {
        // 10 000 rows under a 1000-wide span would be 10⁷ positions.
        let html =
            "<table><tr><td rowspan=10000 colspan=1000>x</td></tr>"
            + String(repeating: "<tr><td>v</td></tr>", count: 10_000) + "</table><p>之后</p>"
        let result = Self.read(html)
        #expect(result.duration < Self.limit)
        let gridRows = result.lines.filter { $0.text.contains("\t") }
        let positions = gridRows.reduce(0) { $0 + $1.text.utf8.filter { $0 == 9 }.count + 1 }
        #expect(positions <= GridBudget.maximumCells)
        #expect(gridRows.count > 1000)
        // Past the budget the table is read as plain blocks: no text is lost, nothing grows without bound.
        #expect(result.lines.count == 10_001 + 1)
        #expect(result.lines.last?.text == "之后")
    }

    @Test(arguments: [
        ("<p>前</p><td class=\"未闭合", ["前"]),
        ("<p>前</p><div", ["前"]),
        ("<p>前</p></div", ["前"]),
        ("<p>前</p><!-- 未闭合", ["前"]),
        ("<p>前</p><![CDATA[未闭合", ["前", "未闭合"]),
        ("<p>前</p><style>未闭合", ["前"]),
        ("<p>前</p><!DOCTYPE", ["前"]),
        ("<p>前&#x</p>", ["前&#x"]),
        ("<p>前\u{0}中\u{FFFD}后</p>", ["前\u{0}中\u{FFFD}后"]),
        ("<table><tr><td>a</td></tr></table></table></table></td><td>b", ["a", "b"]),
    ])
    func brokenInputNeverCrashes(html: String, expected: [String]) {
        #expect(HTMLTestSupport.texts(html) == expected)
    }

    @Test func aMegabyteReadsInLinearTime() {
        let unit =
            "<p class=MsoNormal style=\"mso-line-height:150%\">一、总体情况 &nbsp;&ldquo;x&rdquo;<span lang=EN-US>12</span><o:p></o:p></p>\n"
            + "<table border=1><tr><td rowspan=2 colspan=3>三、本年度办理结果<td>1<td>2\n<tr><td>3<td>4</table>\n"
        let html = String(repeating: unit, count: 1_000_000 / unit.utf8.count + 1)
        let result = Self.read(html)
        #expect(result.duration < Self.limit)
        #expect(result.lines.count == 3 * (1_000_000 / unit.utf8.count + 1))
    }
}
