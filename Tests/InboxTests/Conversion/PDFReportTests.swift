import Inbox
import NianbaoTestSupport
import ReportValidation
import Testing

/// The five sample reports printed to PDF and converted back by `pdftotext -layout` must be judged
/// like their text.
@Suite("Sample reports as PDFs")
struct PDFReportTests {
    static let verdicts: [String: Verdict] = [
        "000_e80fb3b6824ca3a9.txt": .accepted, "001_42627c3d927ac9aa.txt": .rejected,
        "002_0843dfdf5e1a4b6d.txt": .rejected, "003_c85c81ce81ca680c.txt": .rejected,
        "004_e3c8bab7fbea5405.txt": .accepted,
    ]

    /// Differences the layout makes, none left: in 001 and 002 the table-四 data row starts with five
    /// blank cells (an empty 行政复议 group). Tabs keep them; in the PDF they are only white space, so the
    /// row has 10 values for 15 cells — and since every placement of the five blanks leaves the group
    /// sums holding, it is blank cells (T4-VAL-002) in both forms (spec §12.3 refinement), not the
    /// T4-STRUCT-002 error it was before.
    static let layoutDifferences: [String: (text: RuleCode, pdf: RuleCode)] = [:]

    @Test(
        "same verdict, title, year and rule codes as the text form",
        .needsPDFToText,
        arguments: Fixtures.names)
    func sameJudgement(fixture: String) throws {
        let text = try Fixtures.bytes(fixture)
        // 004 is a one-cell-per-line export: its PDF shows the tables as rows.
        let pdf = TestPDF.report(String(decoding: text, as: UTF8.self), cellPerLine: fixture.hasPrefix("004"))
        let check = ReportCheck(legacyDecoder: nil, pdfExtractor: PopplerPDFExtractor())
        let fromText = check.check(bytes: text, fileName: fixture, currentYear: 2025)
        let fromPDF = check.check(bytes: pdf, fileName: fixture.dropLast(4) + ".pdf", currentYear: 2025)

        let expected = try #require(Self.verdicts[fixture])
        #expect(fromText.result.verdict == expected)
        #expect(fromPDF.result.verdict == expected)
        #expect(fromPDF.convertedBy == "pdftotext -layout")
        #expect(fromText.convertedBy == nil)
        #expect(fromPDF.encoding == .utf8)
        #expect(fromPDF.result.layout == .plainColumns)
        #expect(fromPDF.result.title == fromText.result.title)
        #expect(fromPDF.result.year == fromText.result.year)
        #expect(fromPDF.result.formatVersion == fromText.result.formatVersion)

        var textCodes = fromText.result.findings.map(\.code)
        if let difference = Self.layoutDifferences[fixture] {
            let index = try #require(textCodes.firstIndex(of: difference.text))
            textCodes[index] = difference.pdf
        }
        #expect(fromPDF.result.findings.map(\.code).sorted() == textCodes.sorted())
    }
}
