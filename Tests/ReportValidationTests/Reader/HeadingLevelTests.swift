import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// STRUCT-007 reads heading levels from every container: Markdown `#`, HTML `<hN>`, Word heading styles and
/// outline levels (issue 10, item 6).
@Suite struct HeadingLevelTests {
    static let headings = SectionKind.allCases.map(\.templateHeading)

    /// A page whose six headings are `<h2>` except 六 in `<h3>` (a made-up page standing for a CMS export).
    @Test func mixedHTMLHeadingLevelsWarn() throws {
        let body = Self.headings.enumerated().map { index, heading in
            let level = index == 5 ? 3 : 2
            return "<h\(level)>\(heading)</h\(level)><p>正文内容。</p>"
        }.joined()
        let document = ReportReader.read("<h1>某局2023年政府信息公开工作年度报告</h1>" + body, format: .html)
        #expect(document.headings.map(\.markdownLevel) == [2, 2, 2, 2, 2, 3])
        let found = try #require(ruleFindings("STRUCT-007", in: document).first)
        #expect(found.message.zh.contains("六、其他需要报告的事项"))
        #expect(found.evidence == "<h2> 一、二、三、四、五; <h3> 六")
    }

    @Test func sameHTMLHeadingLevelsAreSilent() {
        let body = Self.headings.map { "<h2>\($0)</h2><p>正文内容。</p>" }.joined()
        let document = ReportReader.read("<h1>某局2023年政府信息公开工作年度报告</h1>" + body, format: .html)
        #expect(ruleFindings("STRUCT-007", in: document).isEmpty)
    }

    /// Word: `Heading1` style ids, a Chinese style id `标题 2`, and `w:outlineLvl` (0 is level 1).
    @Test(arguments: [
        (#"<w:pStyle w:val="Heading1"/>"#, #"<w:pStyle w:val="标题 2"/>"#),
        (#"<w:outlineLvl w:val="0"/>"#, #"<w:outlineLvl w:val="1"/>"#),
    ])
    func mixedWordHeadingStylesWarn(_ usual: String, _ odd: String) throws {
        let body = Self.headings.enumerated().map { index, heading in
            "<w:p><w:pPr>\(index == 2 ? odd : usual)</w:pPr><w:r><w:t>\(heading)</w:t></w:r></w:p>"
                + "<w:p><w:r><w:t>正文内容。</w:t></w:r></w:p>"
        }.joined()
        let lines = DocxReader.lines(documentXML: Array(ZipWriter.documentXML(body: body).utf8))
        let document = ReportReader.read(lines: lines, container: .docx)
        #expect(document.headings.map(\.markdownLevel) == [1, 1, 2, 1, 1, 1])
        let found = try #require(ruleFindings("STRUCT-007", in: document).first)
        #expect(found.location.section == .applications)
    }

    @Test func wordBodyTextHasNoHeadingLevel() {
        let body = #"<w:p><w:pPr><w:pStyle w:val="Normal"/><w:outlineLvl w:val="9"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>"#
        let lines = DocxReader.lines(documentXML: Array(ZipWriter.documentXML(body: body).utf8))
        #expect(lines.map(\.headingLevel) == [0])
    }
}
