import Foundation
import NianbaoTestSupport
import Testing

/// The findings page (`nianbao check --format html`) rendered by a real browser: headless Chromium.
/// These tests need Debian's `chromium` (CI installs it) and skip, saying so, without it.
@Suite(.offThePool, .enabled(if: HeadlessChromium.isInstalled, "needs Debian's chromium (apt-get install chromium)"))
struct FindingsPageBrowserTests {
    /// A marked cell: its template row and column and the rule codes on it.
    struct Mark: Hashable, CustomStringConvertible {
        var row: String
        var column: String
        var rules: Set<String>
        var description: String { "\(row) / \(column) \(rules.sorted())" }
    }

    /// The cells of the rendered DOM that carry `data-rule`.
    static func marks(_ dom: String) -> Set<Mark> {
        Set(
            DOMTags.attributes(of: "td", in: dom).compactMap { attributes in
                guard let rules = attributes["data-rule"], let row = attributes["data-row"], let column = attributes["data-column"]
                else { return nil }
                return Mark(row: row, column: column, rules: Set(rules.split(separator: " ").map(String.init)))
            })
    }

    /// The cells the findings JSON says take part in a broken identity, with their codes.
    static func marks(fromJSON object: [String: Any]) -> Set<Mark> {
        var codes: [[String]: Set<String>] = [:]
        for finding in object["findings"] as? [[String: Any]] ?? [] {
            for cell in finding["cells"] as? [[String: Any]] ?? [] {
                let key = [cell["row"] as? String ?? "", cell["column"] as? String ?? ""]
                codes[key, default: []].insert(finding["code"] as? String ?? "")
            }
        }
        return Set(codes.map { Mark(row: $0.key[0], column: $0.key[1], rules: $0.value) })
    }

    @Test(arguments: CheckCommandTests.expected.map(\.fixture))
    func samplePageRendersWithItsVerdictItsMarksAndNoConsoleErrors(_ fixture: String) throws {
        let path = try NianbaoBinary.fixture(fixture)
        let page = try NianbaoBinary.run(["check", "--format", "html", path])
        let json = try #require(try NianbaoBinary.run(["check", "--format", "json", path]).json() as? [String: Any])
        let rendering = try HeadlessChromium.render(page.stdout, label: fixture)
        #expect(rendering.console.isEmpty, "console: \(rendering.console)")
        let verdict = DOMTags.attributes(of: "p", in: rendering.dom).compactMap { $0["data-verdict"] }
        #expect(verdict == [json["verdict"] as? String ?? "?"])
        #expect(Self.marks(rendering.dom) == Self.marks(fromJSON: json))
        // Tables 三 and 四 are drawn for every sample that has them: one cell per template cell.
        let cells = DOMTags.attributes(of: "td", in: rendering.dom)
        #expect(cells.filter { $0["data-row"] == "四、结转下年度继续办理" }.count == 7, "\(fixture): table 三's last row")
        #expect(cells.filter { $0["data-row"] == "行政复议" }.count == 5, "\(fixture): table 四's 行政复议 group")
    }

    /// Sample 000 with one cell of table 三 changed (（一）予以公开 / 自然人: 2 → 3): the row total and the
    /// column sum break, and exactly their cells are marked; each total expects the sum of its parts.
    @Test func oneChangedCellMarksExactlyTheCellsOfTheIdentitiesItBreaks() throws {
        let text = try String(
            contentsOf: NianbaoBinary.packageRoot.appendingPathComponent(try NianbaoBinary.fixture("000")), encoding: .utf8)
        let original = "(一) 予以公开\t2\t0\t0\t0\t0\t0\t2"
        try #require(text.contains(original), "sample 000 no longer has the row this test changes")
        let mutated = text.replacingOccurrences(of: original, with: "(一) 予以公开\t3\t0\t0\t0\t0\t0\t2")
        let folder = try TemporaryRoot.make("browser-mutated")
        defer { TemporaryRoot.remove(folder.path) }
        let file = folder.appendingPathComponent("mutated.txt")
        try Data(mutated.utf8).write(to: file)
        let page = try NianbaoBinary.run(["check", "--format", "html", file.path])
        #expect(page.status == 1, "the mutated report is rejected")
        let rendering = try HeadlessChromium.render(page.stdout, label: "mutated")
        #expect(rendering.console.isEmpty, "console: \(rendering.console)")

        // Independent of the renderer: the row's seven cells (T3-SUM-003) and the 自然人 column's
        // （七）总计 and result rows (T3-SUM-002); the changed cell is in both.
        let row = "（一）予以公开"
        let columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
        let resultRows = [
            "（一）予以公开", "（二）部分公开", "（三）1.属于国家秘密", "（三）2.其他法律行政法规禁止公开", "（三）3.危及“三安全一稳定”",
            "（三）4.保护第三方合法权益", "（三）5.属于三类内部事务信息", "（三）6.属于四类过程性信息", "（三）7.属于行政执法案卷",
            "（三）8.属于行政查询事项", "（四）1.本机关不掌握相关政府信息", "（四）2.没有现成信息需要另行制作", "（四）3.补正后申请内容仍不明确",
            "（五）1.信访举报投诉类申请", "（五）2.重复申请", "（五）3.要求提供公开出版物", "（五）4.无正当理由大量反复申请",
            "（五）5.要求行政机关确认或重新出具已获取信息", "（六）1.申请人无正当理由逾期不补正", "（六）2.申请人逾期未按收费通知要求缴纳费用",
            "（六）3.其他", "（七）总计",
        ]
        var expected: [[String]: Set<String>] = [:]
        for column in columns { expected[[row, column], default: []].insert("T3-SUM-003") }
        for resultRow in resultRows { expected[[resultRow, "自然人"], default: []].insert("T3-SUM-002") }
        let expectedMarks = Set(expected.map { Mark(row: $0.key[0], column: $0.key[1], rules: $0.value) })
        #expect(Self.marks(rendering.dom) == expectedMarks)
        let cells = DOMTags.attributes(of: "td", in: rendering.dom)
        let expectations = Dictionary(
            cells.compactMap { cell in cell["data-expected"].map { ([cell["data-row"] ?? "", cell["data-column"] ?? ""], $0) } },
            uniquingKeysWith: { first, _ in first })
        #expect(expectations == [[row, "总计"]: "3", ["（七）总计", "自然人"]: "5"])
    }

    /// Markup in what a sender controls, the file's name on the share, stays text: no element of it
    /// reaches the DOM (the pure renderer's escaping of titles, cells and evidence is unit-tested).
    @Test func markupInAFileNameIsShownAsTextNotRendered() throws {
        let folder = try TemporaryRoot.make("browser-markup")
        defer { TemporaryRoot.remove(folder.path) }
        let name = "<img src=x onerror=alert(1)><b class=\"injected\">&amp;报告.txt"
        let file = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(
            at: NianbaoBinary.packageRoot.appendingPathComponent(try NianbaoBinary.fixture("000")), to: file)
        let page = try NianbaoBinary.run(["check", "--format", "html", file.path])
        let rendering = try HeadlessChromium.render(page.stdout, label: "markup")
        #expect(rendering.console.isEmpty, "console: \(rendering.console)")
        #expect(DOMTags.attributes(of: "img", in: rendering.dom).isEmpty)
        #expect(DOMTags.attributes(of: "b", in: rendering.dom).isEmpty)
        #expect(rendering.dom.contains("&lt;img src=x onerror=alert(1)&gt;&lt;b class=\"injected\"&gt;&amp;amp;报告.txt"))
    }

    /// The harness can fail: a page with a script error and an external image logs console lines.
    @Test func consoleErrorsOfAPageAreSeen() throws {
        let page = """
            <!DOCTYPE html><html><head><meta charset="utf-8"></head><body><p>x</p>
            <script>console.error("deliberate")</script></body></html>
            """
        let rendering = try HeadlessChromium.render(page, label: "control")
        #expect(rendering.console.contains { $0.contains("deliberate") }, "console: \(rendering.console)")
    }
}
