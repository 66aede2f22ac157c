import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// WordprocessingML to lines: paragraphs, runs, merged cells, nesting, namespaces, encodings.
@Suite struct DocxReaderTests {
    static let expectedReportLines: [SourceLine] = [
        SourceLine(number: 1, text: "某县人民政府办公室2024年政府信息公开工作年度报告"),
        SourceLine(number: 3, text: "一、总体情况"),
        SourceLine(number: 4, text: "2024年，我县 坚持以公开为常态&不公开为例外"),
        SourceLine(number: 4, text: "（一）主动公开"),
        SourceLine(number: 5, text: "详见第1页"),
        SourceLine(number: 6, text: "图示："),
        SourceLine(number: 6, text: "文本框内容"),
        SourceLine(number: 6, text: "后文"),
        SourceLine(number: 7, text: "二、主动公开政府信息情况"),
        SourceLine(number: 8, text: "第二十条第（一）项\t\t\t"),
        SourceLine(number: 9, text: "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"),
        SourceLine(number: 10, text: "规章\t0\t0\t5"),
        SourceLine(number: 11, text: "\t1\t0\t6"),
        SourceLine(number: 12, text: "行政规范性文件\t12 （含修订）\t3\t40"),
        SourceLine(number: 13, text: "其他 甲 乙 丙\t1\t2\t3"),
        SourceLine(number: 14, text: "\t7\t—\t"),
        SourceLine(number: 15, text: "三、 收到和处理政府信息公开申请情况 一二<完>"),
    ]

    @Test(arguments: ["report.docx", "report-streamed.docx"])
    func theFixtureReadsExactlyAsExpected(_ name: String) throws {
        let lines = try DocxReader.lines(try DocxFixtures.bytes(name)).get()
        #expect(lines == Self.expectedReportLines)
    }

    func lines(_ body: String) -> [String] {
        DocxReader.lines(documentXML: Array(ZipWriter.documentXML(body: body).utf8)).map(\.text)
    }

    @Test func aStoredPackageFromTheTestWriterReads() throws {
        let bytes = ZipWriter.docx(documentXML: ZipWriter.documentXML(body: "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>"))
        #expect(try DocxReader.lines(bytes).get() == [SourceLine(number: 1, text: "一、总体情况")])
    }

    @Test func anyPrefixBoundToTheMainNamespaceIsRead() {
        let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        let prefixed =
            "<ns0:document xmlns:ns0=\"\(main)\"><ns0:body><ns0:p><ns0:r><ns0:t>甲</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>"
        #expect(DocxReader.lines(documentXML: Array(prefixed.utf8)).map(\.text) == ["甲"])
        let unprefixed =
            "<document xmlns=\"\(main)\"><body><p><r><t>乙</t></r></p><w:p><w:r><w:t>not Word</w:t></w:r></w:p></body></document>"
        #expect(DocxReader.lines(documentXML: Array(unprefixed.utf8)).map(\.text) == ["乙"])
        let strict =
            "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:p><w:r><w:t>丙</w:t></w:r></w:p></w:document>"
        #expect(DocxReader.lines(documentXML: Array(strict.utf8)).map(\.text) == ["丙"])
    }

    @Test func utf16DocumentsAreTranscoded() {
        let xml = ZipWriter.documentXML(body: "<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p>")
        let little: [UInt8] = [0xFF, 0xFE] + xml.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + xml.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(DocxReader.lines(documentXML: little).map(\.text) == ["一、总体情况"])
        #expect(DocxReader.lines(documentXML: big).map(\.text) == ["一、总体情况"])
    }

    @Test func entitiesCDataAndSpecialRunsBecomeText() {
        let body = """
            <w:p><w:r><w:t>&lt;a&gt; &amp;amp; &quot;&apos; &#x4E00;&#20108; &bogus; &#xD800;</w:t></w:r></w:p>\
            <w:p><w:r><w:t><![CDATA[x &amp; <y>]]></w:t><w:noBreakHyphen/><w:t>z</w:t><w:ptab/><w:t>q</w:t><w:cr/><w:t>r</w:t></w:r></w:p>
            """
        #expect(lines(body) == ["<a> &amp; \"' 一二 &bogus; &#xD800;", "x &amp; <y>-z q", "r"])
    }

    @Test func trackedMovesAndCommentsAreNotReadTwice() {
        let body = """
            <w:p><w:moveFrom><w:r><w:t>旧位置</w:t></w:r></w:moveFrom><!-- <w:t>注释</w:t> --><w:r><w:t>正文</w:t></w:r></w:p>\
            <w:p><w:moveTo><w:r><w:t>旧位置</w:t></w:r></w:moveTo></w:p>
            """
        #expect(lines(body) == ["正文", "旧位置"])
    }

    @Test func horizontalMergesAndClampedSpansKeepTheGrid() {
        let body = """
            <w:tbl><w:tr><w:tc><w:tcPr><w:hMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc>\
            <w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p><w:r><w:t>隐藏</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr>\
            <w:tr><w:tc><w:tcPr><w:gridSpan w:val="999999"/></w:tcPr><w:p><w:r><w:t>宽</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>丢弃</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            """
        let found = lines(body)
        #expect(found.first == "合并\t\t3")
        // The span is clamped to 1,000 positions, which fill the row: the next cell is dropped.
        #expect(found.last == "宽" + String(repeating: "\t", count: 999))
    }

    @Test func emptyRowsAndParagraphsMakeNoLineButStillCount() {
        let body =
            "<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>y</w:t></w:r></w:p>"
        let read = DocxReader.lines(documentXML: Array(ZipWriter.documentXML(body: body).utf8))
        #expect(read == [SourceLine(number: 3, text: "x"), SourceLine(number: 4, text: "y")])
    }

    @Test func malformedMarkupNeverTraps() {
        for xml in [
            "", "<", "<w:p", "</w:tbl></w:tr></w:tc></w:p>", "<w:t>x", "<w:tc><w:t>x</w:t></w:tc>",
            "<!DOCTYPE x [<!ENTITY a \"b\">]><w:p>&a;</w:p>", "<![CDATA[", "<w:p a=\"></w:p>",
        ] {
            _ = DocxReader.lines(documentXML: Array(xml.utf8))
        }
    }

    @Test func sliverGridColumnsMakeNoPosition() {
        // LibreOffice's rounding: the first row's edge at 2764, the second row's at 2765 — a 1-twip column.
        let grid =
            "<w:tblGrid><w:gridCol w:w=\"1382\"/><w:gridCol w:w=\"1382\"/><w:gridCol w:w=\"1\"/><w:gridCol w:w=\"1382\"/></w:tblGrid>"
        func cell(_ text: String, span: Int = 1) -> String {
            (span > 1 ? "<w:tc><w:tcPr><w:gridSpan w:val=\"\(span)\"/></w:tcPr>" : "<w:tc>")
                + "<w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:tc>"
        }
        let body =
            "<w:tbl>\(grid)<w:tr>\(cell("甲", span: 2))\(cell("乙", span: 2))</w:tr>"
            + "<w:tr>\(cell("1"))\(cell("2", span: 2))\(cell("3"))</w:tr></w:tbl>"
        #expect(lines(body) == ["甲\t\t乙", "1\t2\t3"])
        // Without widths, or with zero widths everywhere, every grid column is a position.
        let unsized = body.replacingOccurrences(of: grid, with: "<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>")
        #expect(lines(unsized) == ["甲\t\t乙\t", "1\t2\t\t3"])
        let zero = body.replacingOccurrences(of: grid, with: String(repeating: "<w:gridCol w:w=\"0\"/>", count: 4))
        #expect(lines(zero) == ["甲\t\t乙\t", "1\t2\t\t3"])
    }
}
