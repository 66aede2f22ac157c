// Compiled twice: into the test target (regression fixtures) and, with the pure module's sources, into
// the libFuzzer binary that `scripts/fuzz` builds (`-D NIANBAO_FUZZ`, one module, so no import).
#if !NIANBAO_FUZZ
    @testable import ReportValidation
#endif

/// One fuzz target: what a fuzzer's input is fed to. Every target must return for any bytes, within
/// a second and 256 MB; a crash, hang or blow-up found is kept under `Fixtures/Fuzz/<target>/`.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// The whole path from a file's bytes to its verdict and both renderings of its findings.
    case check
    /// Web pages: charset sniffing, embedded-HTML extraction, tokenizer, line collector, table grid.
    case html
    /// Word files: the ZIP directory, inflate and `word/document.xml`; and the bytes as a raw deflate stream.
    case docx
    /// Table rows: the row tokenizer, the three table readers and the glued-digit splitter.
    case glued

    /// Runs the target on `bytes`; `legacy` is the GB18030 decoder the daemon would use (iconv).
    func run(_ bytes: [UInt8], legacy: (any LegacyTextDecoder)?) {
        switch self {
        case .check: FuzzHarness.check(bytes, legacy: legacy)
        case .html: FuzzHarness.html(bytes)
        case .docx: FuzzHarness.docx(bytes)
        case .glued: FuzzHarness.glued(bytes)
        }
    }
}

enum FuzzHarness {
    /// Fixed, so the date rules judge every input alike.
    static let currentYear = 2026

    static func check(_ bytes: [UInt8], legacy: (any LegacyTextDecoder)?) {
        // The sender's file name steers sniffing (.md, .html, .docx); the input's length picks one, so
        // every seed is tried under each name as it is mutated.
        let names: [String?] = [nil, "报告.txt", "report.md", "report.html", "report.docx"]
        let name = names[bytes.count % names.count]
        let checker = ReportCheck(legacyDecoder: legacy, pdfExtractor: EchoPDFExtractor())
        let report = checker.check(bytes: bytes, fileName: name, currentYear: currentYear)
        let file = CheckedFile(path: name ?? "report", report: report)
        for language in [Language.zh, .en] {
            _ = FindingsText(language: language).render(file)
            _ = FindingsJSON(language: language).render(file)
        }
    }

    static func html(_ bytes: [UInt8]) {
        _ = HTMLReader.declaredCharset(bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = HTMLReader.lines(HTMLReader.extractEmbeddedHTML(text) ?? text)
        _ = ReportReader.read(lines: lines, container: .html)
    }

    static func docx(_ bytes: [UInt8]) {
        _ = DocxReader.lines(bytes)
        _ = try? Inflate.decompress(bytes, limit: 1 << 22)
    }

    static func glued(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
            SourceLine(number: $0.offset + 1, text: String($0.element))
        }
        let (rows, _) = RowTokenizer.rows(lines)
        _ = DisclosureTableReader.read(rows)
        _ = ApplicationTableReader.read(rows)
        _ = ReviewTableReader.read(rows)
        // The splitter on its own: the first line's runs of digits, read as one row at the widths and with
        // the checks the readers use (table 二's rows 1-3 values, table 三's 7 adding up, table 四's 15 in groups).
        let runs = (lines.first?.text ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        for width in 1...3 { _ = RunResolver.candidates(runs, width: width, accept: { _ in true }) }
        _ = RunResolver.candidates(runs, width: 7, accept: RunResolver.rowSumHolds)
        _ = RunResolver.candidates(runs, width: 15, accept: ReviewTableReader.groupsHold)
    }
}

/// Stands in for `pdftotext`: a "PDF"'s text is what follows its `%PDF-` header, so the fuzzer reaches
/// the PDF branch (text layer decoded, read and judged like a text report) without a converter.
struct EchoPDFExtractor: PDFTextExtractor {
    var conversion: String { "fuzz echo" }

    func text(ofPDF bytes: [UInt8]) -> PDFExtraction {
        let rest = Array(bytes.dropFirst(5))
        if rest.first == UInt8(ascii: "!") { return .failed(reason: "fuzzed failure") }
        return rest.allSatisfy { $0 == 0x20 || $0 == 0x0A } ? .noTextLayer : .text(rest)
    }
}
