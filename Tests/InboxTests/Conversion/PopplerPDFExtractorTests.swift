import Glibc
import NianbaoTestSupport
import ReportValidation
import Testing

@testable import Inbox

/// True when poppler's `pdftotext` is not where the extractor looks: the tests that run it are skipped.
let pdftotextMissing = PopplerPDFExtractor.locate() == nil

extension Trait where Self == ConditionTrait {
    /// Skips a test that runs the real `pdftotext`, saying so, when it is not installed.
    static var needsPDFToText: Self {
        .disabled(if: pdftotextMissing, "pdftotext is not installed (apt-get install poppler-utils)")
    }
}

@Suite("PDF text extraction with pdftotext")
struct PopplerPDFExtractorTests {
    /// The non-blank lines of extracted text, without the layout's leading spaces and page breaks.
    static func lines(_ extraction: PDFExtraction) -> [String]? {
        guard case .text(let bytes) = extraction else { return nil }
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\u{0C}" })
            .map { String($0.trimmingPrefix(while: \.isWhitespace)) }.filter { !$0.isEmpty }
    }

    /// Checks `pdf` with the real extractor and returns the findings' codes and evidence.
    static func judge(_ pdf: [UInt8], extractor: (any PDFTextExtractor)? = PopplerPDFExtractor()) -> CheckedReport {
        ReportCheck(legacyDecoder: nil, pdfExtractor: extractor).check(bytes: pdf, fileName: "report.pdf", currentYear: 2025)
    }

    @Test("an ASCII page comes back as its lines", .needsPDFToText)
    func asciiPage() {
        let pdf = TestPDF.lines(["Hello PDF", "Annual report 2024: 12 requests"])
        #expect(Self.lines(PopplerPDFExtractor().text(ofPDF: pdf)) == ["Hello PDF", "Annual report 2024: 12 requests"])
    }

    @Test("a Chinese page comes back through the ToUnicode map", .needsPDFToText)
    func chinesePage() {
        let lines = ["平潭综合实验区2024年政府信息公开工作年度报告", "一、总体情况", "（一）主动公开：本年新收 64 件，全年办结。"]
        #expect(Self.lines(PopplerPDFExtractor().text(ofPDF: TestPDF.lines(lines))) == lines)
    }

    @Test("a page without text (a scan) has no text layer: FILE-004 says so", .needsPDFToText)
    func scannedPage() {
        let pdf = TestPDF.document([TestPDF.Page(paintsImage: true), TestPDF.Page(paintsImage: true)], width: 595, height: 842)
        #expect(PopplerPDFExtractor().text(ofPDF: pdf) == .noTextLayer)
        let checked = Self.judge(pdf)
        #expect(checked.result.verdict == .rejected)
        #expect(checked.result.findings.map(\.code) == ["FILE-004"])
        #expect(checked.result.findings.first?.evidence == "PDF without a text layer (scanned image)")
        #expect(checked.result.findings.first?.message.zh.contains("扫描图像") == true)
        #expect(checked.convertedBy == nil)
    }

    @Test("damaged PDF bytes fail with pdftotext's reason, which FILE-004 shows", .needsPDFToText)
    func damagedPDF() throws {
        let pdf = Array("%PDF-1.4\n".utf8) + Array(repeating: 0x41, count: 300) + [0x00, 0xFF, 0x0A]
        let extraction = PopplerPDFExtractor().text(ofPDF: pdf)
        guard case .failed(let reason) = extraction else {
            Issue.record("expected a failure, got \(extraction)")
            return
        }
        #expect(reason.hasPrefix("pdftotext could not open it: "))
        #expect(reason.contains("Error"))
        let finding = try #require(Self.judge(pdf).result.findings.first)
        #expect(finding.code == "FILE-004")
        #expect(finding.evidence == "PDF (\(reason))")
        #expect(finding.message.en.contains(reason))
        // pdftotext's reason is English: the Chinese note points to the evidence instead of quoting it.
        #expect(!finding.message.zh.contains(reason) && finding.message.zh.contains("依据"))
    }

    @Test("a missing tool, or none given, is toolMissing: FILE-004 tells what to submit and about poppler-utils")
    func missingTool() throws {
        let missing = PopplerPDFExtractor(toolPath: "/nonexistent/nianbao/pdftotext", timeLimit: .seconds(5), outputLimit: 1 << 20)
        let pdf = TestPDF.lines(["Hello"])
        #expect(missing.text(ofPDF: pdf) == .toolMissing)
        #expect(PopplerPDFExtractor(toolPath: nil, timeLimit: .seconds(5), outputLimit: 1 << 20).text(ofPDF: pdf) == .toolMissing)
        for extractor in [missing as (any PDFTextExtractor)?, nil] {
            let finding = try #require(Self.judge(pdf, extractor: extractor).result.findings.first)
            #expect(finding.code == "FILE-004")
            #expect(finding.evidence == "PDF")
            #expect(finding.message.zh.contains("poppler-utils") && finding.message.zh.contains(".docx"))
            #expect(finding.message.en.contains("poppler-utils") && finding.message.en.contains("Word (.docx)"))
        }
    }

    @Test("the start-up line names the tool, or says PDFs are rejected")
    func availability() {
        let found = PopplerPDFExtractor(toolPath: "/usr/bin/pdftotext", timeLimit: .seconds(1), outputLimit: 1)
        #expect(found.availability == "PDF conversion: /usr/bin/pdftotext -layout")
        let none = PopplerPDFExtractor(toolPath: nil, timeLimit: .seconds(1), outputLimit: 1)
        #expect(none.availability.hasPrefix("pdftotext not found (looked for /usr/bin/pdftotext, /usr/local/bin/pdftotext)"))
        #expect(none.availability.contains("PDFs are rejected with a note"))
    }

    @Test(
        "exit statuses become reasons with pdftotext's first error line",
        arguments: [
            (
                1, "Syntax Warning: junk\nSyntax Error: Couldn't find trailer dictionary\n",
                "pdftotext could not open it: Syntax Error: Couldn't find trailer dictionary"
            ),
            (1, "Command Line Error: Incorrect password\n", "pdftotext could not open it: Command Line Error: Incorrect password"),
            (
                3, "Permission Error: Copying of text from this document is not allowed.\n",
                "its permissions forbid copying the text: Permission Error: Copying of text from this document is not allowed."
            ),
            (3, "", "its permissions forbid copying the text"),
            (99, "  something odd\n", "pdftotext failed with exit status 99: something odd"),
        ] as [(CInt, String, String)])
    func reasons(status: CInt, error: String, reason: String) {
        #expect(PopplerPDFExtractor.reason(status: status, error: Array(error.utf8)) == reason)
    }

    @Test("only space, tabs, line ends and form feeds are blank")
    func blankBytes() {
        #expect(Array(" \t\n\r\u{0B}\u{0C}".utf8).allSatisfy(PopplerPDFExtractor.isBlank))
        #expect(!PopplerPDFExtractor.isBlank(UInt8(ascii: "a")))
        #expect(!PopplerPDFExtractor.isBlank(0xE3))
    }
}
