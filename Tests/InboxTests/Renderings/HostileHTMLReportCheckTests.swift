import Foundation
import Inbox
import NianbaoTestSupport
import ReportValidation
import Testing

/// Hostile web pages through the whole judgement — decode, sniff, read, validate — where
/// HTMLHostileInputTests drives the HTML reader alone. Each must finish without crashing, inside a
/// generous hang guard (not a speed target: a quadratic slip on 10⁵ elements takes minutes).
@Suite("Hostile web pages through ReportCheck")
struct HostileHTMLReportCheckTests {
    static let limit = Duration.seconds(10)
    static let count = 100_000

    /// The judgement of `bytes` and how long it took.
    static func judge(_ bytes: [UInt8], name: String = "page.html") throws -> (checked: CheckedReport, duration: Duration) {
        let check = ReportCheck(legacyDecoder: try IconvDecoder())
        var checked: CheckedReport?
        // The thread's CPU time, not wall time: other processes on a busy machine do not count against the page.
        let duration = ThreadCPUClock().measure {
            checked = check.check(bytes: bytes, fileName: name, currentYear: RenderingEquivalenceTests.year)
        }
        return (checked!, duration)
    }

    /// Sample 000 as a UTF-8 web page (accepted, two warnings).
    static func page() throws -> String {
        HTMLRendering.page(SampleLayout.parse(try RenderingEquivalenceTests.text(Fixtures.names[0])))
    }

    static func codes(_ checked: CheckedReport) -> [RuleCode] { checked.result.findings.map(\.code) }

    /// `page` with `opening` inserted after `<body>` and `closing` before `</body>`.
    static func wrapped(_ page: String, _ opening: String, _ closing: String) -> String {
        page.replacing("<body>\n", with: "<body>\n" + opening, maxReplacements: 1)
            .replacing("</body>", with: closing + "</body>", maxReplacements: 1)
    }

    @Test("a report inside 10⁵ nested elements is judged as without them", arguments: ["div", "span", "font", "blockquote"])
    func deeplyNestedReport(tag: String) throws {
        let page = try Self.page()
        let plain = try Self.judge(Array(page.utf8))
        let nested = Self.wrapped(
            page, String(repeating: "<\(tag)>", count: Self.count), String(repeating: "</\(tag)>", count: Self.count))
        let result = try Self.judge(Array(nested.utf8))
        #expect(result.duration < Self.limit)
        #expect(result.checked.result.verdict == plain.checked.result.verdict)
        #expect(Self.codes(result.checked) == Self.codes(plain.checked))
    }

    @Test("a report inside 10⁵ nested layout tables finishes")
    func reportInsideDeeplyNestedTables() throws {
        let page = Self.wrapped(
            try Self.page(), String(repeating: "<table><tr><td>", count: Self.count),
            String(repeating: "</td></tr></table>", count: Self.count))
        let result = try Self.judge(Array(page.utf8))
        #expect(result.duration < Self.limit)
        // Its own tables sit deeper than the reader lays out as grids: judged, not crashed or undecodable.
        #expect(result.checked.encoding == .utf8)
        #expect(!Self.codes(result.checked).contains { $0.rawValue.hasPrefix("FILE-") })
    }

    /// `page` with `insertion` placed just before the end of the table 三 row labelled `label`.
    static func insertingIntoRow(_ page: String, _ label: String, _ insertion: String) throws -> String {
        let anchor = try #require(page.range(of: label))
        let rowEnd = try #require(page[anchor.upperBound...].range(of: "</tr>"))
        return page.replacingCharacters(in: rowEnd.lowerBound..<rowEnd.lowerBound, with: insertion)
    }

    @Test("10⁵ cells in one row of table 三 finish and break the row")
    func oneHundredThousandCellsInARow() throws {
        let hostile = try Self.insertingIntoRow(
            try Self.page(), "四、结转下年度继续办理", String(repeating: "<td>1</td>", count: Self.count))
        let result = try Self.judge(Array(hostile.utf8))
        #expect(result.duration < Self.limit)
        #expect(result.checked.result.verdict == .rejected)
        #expect(Self.codes(result.checked).contains("T3-STRUCT-003"))
    }

    @Test("10⁵ cells in 25 000 extra rows of table 三 finish")
    func oneHundredThousandCellsInRows() throws {
        let rows = String(repeating: "\n<tr><td>附注</td><td>1</td><td>2</td><td>3</td></tr>", count: Self.count / 4)
        let hostile = try Self.insertingIntoRow(try Self.page(), "四、结转下年度继续办理", "</tr>" + rows + "\n<tr>")
        let result = try Self.judge(Array(hostile.utf8))
        #expect(result.duration < Self.limit)
        #expect(result.checked.encoding == .utf8)
        #expect(!Self.codes(result.checked).contains { $0.rawValue.hasPrefix("FILE-") })
    }

    /// Markup left open for good: the tokenizer must swallow the rest of the page, not loop or crash.
    static let unterminated = [
        #"<td class="未闭合"#, "<!-- 未闭合的注释", "<script>var x = '", "<![CDATA[未闭合", #"<p title=""#, "<",
    ]

    @Test("markup left open after the report changes nothing", arguments: unterminated)
    func unterminatedAtTheEnd(markup: String) throws {
        let page = try Self.page()
        let plain = try Self.judge(Array(page.utf8))
        let hostile = page.replacing("</div>\n</body>", with: markup, maxReplacements: 1)
        let result = try Self.judge(Array(hostile.utf8))
        #expect(result.duration < Self.limit)
        #expect(result.checked.result.verdict == plain.checked.result.verdict)
        #expect(Self.codes(result.checked) == Self.codes(plain.checked))
    }

    /// Openings whose content runs to the end of the page (an open CDATA section is text, so it is not here).
    /// (A `"` left open ends at the next `"` of the page, as in a browser: the single quote is never closed.)
    static let swallowing = ["<td class='未闭合", "<!-- 未闭合的注释", "<script>var x = '", "<style>td{", "<title>"]

    @Test("markup left open inside table 三 hides the rest of the report", arguments: swallowing)
    func unterminatedInTheMiddle(markup: String) throws {
        let page = try Self.page()
        let anchor = try #require(page.range(of: "（四）无法提供") ?? page.range(of: "(四) 无法提供"))
        let hostile = String(page[..<anchor.lowerBound]) + markup + String(page[anchor.lowerBound...])
        let result = try Self.judge(Array(hostile.utf8))
        #expect(result.duration < Self.limit)
        #expect(result.checked.result.verdict == .rejected)
        // Sections 四 to 六 are gone with the rest of the page.
        #expect(Self.codes(result.checked).contains("STRUCT-003"))
    }

    @Test("10⁵ unterminated comments and tags finish")
    func manyUnterminatedOpenings() throws {
        let hostile = try Self.page().replacing(
            "</div>\n</body>", with: String(repeating: "<p><!-", count: Self.count) + String(repeating: "<td x=", count: Self.count),
            maxReplacements: 1)
        let result = try Self.judge(Array(hostile.utf8))
        #expect(result.duration < Self.limit)
        #expect(result.checked.encoding == .utf8)
    }

    /// The GBK page of sample 000 with `bad` written at a character boundary in the middle.
    static func damagedGBKPage(_ bad: [UInt8]) throws -> (bytes: [UInt8], offset: Int) {
        var bytes = try HTMLRendering.gbkPage(SampleLayout.parse(try RenderingEquivalenceTests.text(Fixtures.names[0])))
        // Just after an ASCII byte that follows a two-byte character: a boundary inside Chinese text.
        let offset = try #require(bytes[(bytes.count / 2)...].indices.first { bytes[$0] < 0x80 && bytes[$0 - 1] >= 0x80 }) + 1
        bytes.replaceSubrange(offset..<(offset + 1), with: bad)
        return (bytes, offset)
    }

    @Test("invalid bytes in the middle of a GBK page are FILE-002 at that byte", arguments: [[0xFF], [0x81, 0x20], [0x80]])
    func invalidBytesInAGBKPage(bad: [UInt8]) throws {
        let (bytes, offset) = try Self.damagedGBKPage(bad)
        let result = try Self.judge(bytes, name: "page.gbk.html")
        #expect(result.duration < Self.limit)
        #expect(result.checked.encoding == nil)
        #expect(result.checked.result.verdict == .rejected)
        #expect(Self.codes(result.checked) == ["FILE-002"])
        #expect(result.checked.result.findings.first?.evidence == "GB18030 @ \(offset)")
    }

    @Test("a GBK page cut inside a character is FILE-002")
    func gbkPageCutInsideACharacter() throws {
        // GBK is stateless: the bytes of a prefix are a prefix of the bytes. Cut the last `。` in half.
        let layout = SampleLayout.parse(try RenderingEquivalenceTests.text(Fixtures.names[0]))
        let page = HTMLRendering.page(layout, charsetDeclaration: HTMLRendering.gbkDeclaration)
        let end = try #require(page.range(of: "。", options: .backwards))
        var bytes = try IconvDecoder.encode(String(page[..<end.upperBound]), to: "GBK")
        #expect(bytes.suffix(2) == [0xA1, 0xA3])
        bytes.removeLast()
        let result = try Self.judge(bytes, name: "page.gbk.html")
        #expect(Self.codes(result.checked) == ["FILE-002"])
        #expect(result.checked.result.findings.first?.evidence == "GB18030 @ \(bytes.count - 1)")
    }
}
