import Inbox
import ReportValidation
import Testing

/// A rule code a rendering may legitimately gain or lose against the text form, and why.
struct ContainerException: Sendable {
    var missing: Set<RuleCode> = []
    var extra: Set<RuleCode> = []
    var reason: String
}

/// The same report as a web page (UTF-8 and GBK) and as a Word file must get the verdict and rule codes of its
/// text form: the containers change how the tables are written down, not what the report says.
@Suite("Rendered report equivalence")
struct RenderingEquivalenceTests {
    static let year = 2025

    /// Codes each sample's web page differs in, by fixture. Every entry is a container difference, not a
    /// reading error, and is reported as a possible reader or rule issue. (003's mixed `#` levels are read
    /// from `<hN>` and Word heading styles too, so STRUCT-007 holds in every container.)
    static let htmlExceptions: [String: ContainerException] = [
        "004_e3c8bab7fbea5405.txt": bookmarkedHeading
    ]

    /// Codes each sample's Word file differs in, by fixture.
    static let docxExceptions: [String: ContainerException] = [
        "004_e3c8bab7fbea5405.txt": bookmarkedHeading
    ]

    /// 004 glues `[bookmark: _GoBack]` before `五、…`: the renderer writes that line as a paragraph and the other
    /// five headings as `<h2>` / `Heading2`, so the page really mixes heading levels and STRUCT-007 warns.
    static let bookmarkedHeading = ContainerException(
        extra: ["STRUCT-007"], reason: "the rendering puts 五 in a paragraph and the other headings in <h2>")

    static func text(_ fixture: String) throws -> String {
        String(decoding: try Fixtures.bytes(fixture), as: UTF8.self)
    }

    static func stem(_ fixture: String) -> String { String(fixture.prefix { $0 != "." }) }

    static func codes(_ checked: CheckedReport) -> Set<RuleCode> { Set(checked.result.findings.map(\.code)) }

    /// Expects `rendered` to match `baseline` up to `exception`.
    static func expectSameJudgement(
        _ rendered: CheckedReport, _ baseline: CheckedReport, exception: ContainerException?, _ what: String
    ) {
        let expected = codes(baseline).subtracting(exception?.missing ?? []).union(exception?.extra ?? [])
        let actual = codes(rendered)
        #expect(rendered.result.verdict == baseline.result.verdict, "\(what): \(rendered.result.errors.map(\.code))")
        #expect(
            actual == expected,
            "\(what): missing \(expected.subtracting(actual).sorted()), extra \(actual.subtracting(expected).sorted())")
        // An exception that no longer applies must be removed, not carried along.
        if let exception {
            #expect(exception.missing.isDisjoint(with: actual) && exception.extra.isSubset(of: actual), "\(what): stale exception")
        }
    }

    /// Reads `bytes` as `ReportCheck` does, to look at the document the rules saw.
    static func document(_ bytes: [UInt8], fileName: String) throws -> ReportDocument {
        guard case .success(let decoded) = TextDecoding.decode(bytes, legacy: try IconvDecoder()) else {
            Issue.record("\(fileName) did not decode")
            return ReportDocument(sourceLines: [], layout: .unknown)
        }
        #expect(SourceFormat.sniff(decoded.text, fileName: fileName) == .html, "\(fileName)")
        return ReportReader.read(decoded.text, format: SourceFormat.sniff(decoded.text, fileName: fileName))
    }

    /// The page was read through the HTML grid and found the tables the text form has, with the same cells.
    static func expectReadAsHTMLGrid(_ page: ReportDocument, like text: ReportDocument, _ what: String) {
        #expect(page.layout == .html, "\(what)")
        // Every sample has tables 二 and 四 in some form; the comparisons below then cannot pass on two nils.
        #expect(page.disclosureTable != nil && page.reviewTable != nil, "\(what)")
        #expect(page.headings.count == text.headings.count, "\(what)")
        #expect(page.disclosureTable?.blocks.count == text.disclosureTable?.blocks.count, "\(what): table 二")
        #expect(page.applicationTable?.rows.count == text.applicationTable?.rows.count, "\(what): table 三 rows")
        #expect(page.applicationTable?.headerFound == text.applicationTable?.headerFound, "\(what): table 三 header")
        let rows = ApplicationRow.allCases
        #expect(
            rows.map { page.applicationTable?.rows[$0]?.cells.map(\.raw) }
                == rows.map { text.applicationTable?.rows[$0]?.cells.map(\.raw) }, "\(what): table 三 cells")
        #expect(page.reviewTable?.cells.map(\.raw) == text.reviewTable?.cells.map(\.raw), "\(what): table 四 cells")
        #expect(page.reviewTable?.headerFound == text.reviewTable?.headerFound, "\(what): table 四 header")
    }

    @Test("the web page gets the text form's verdict and codes", arguments: Fixtures.names)
    func html(fixture: String) throws {
        let text = try Self.text(fixture)
        let check = ReportCheck(legacyDecoder: try IconvDecoder())
        let baseline = check.check(bytes: Array(text.utf8), fileName: fixture, currentYear: Self.year)
        let page = Array(HTMLRendering.page(SampleLayout.parse(text)).utf8)
        let name = Self.stem(fixture) + ".html"
        let rendered = check.check(bytes: page, fileName: name, currentYear: Self.year)
        #expect(rendered.encoding == .utf8)
        Self.expectSameJudgement(rendered, baseline, exception: Self.htmlExceptions[fixture], name)
        Self.expectReadAsHTMLGrid(
            try Self.document(page, fileName: name), like: ReportReader.read(text, format: .text), name)
    }

    @Test("the GBK web page gets the text form's verdict and codes", arguments: Fixtures.names)
    func gbkHTML(fixture: String) throws {
        let text = try Self.text(fixture)
        let check = ReportCheck(legacyDecoder: try IconvDecoder())
        let baseline = check.check(bytes: Array(text.utf8), fileName: fixture, currentYear: Self.year)
        let page = try HTMLRendering.gbkPage(SampleLayout.parse(text))
        // Really GBK: the Chinese text is not valid UTF-8, so the legacy decoder has to read it.
        #expect(String(validating: page, as: UTF8.self) == nil)
        let name = Self.stem(fixture) + ".gbk.html"
        let rendered = check.check(bytes: page, fileName: name, currentYear: Self.year)
        #expect(rendered.encoding == .gb18030)
        Self.expectSameJudgement(rendered, baseline, exception: Self.htmlExceptions[fixture], name)
        // Same findings as the UTF-8 page, down to the line each points at: only the bytes differ.
        let utf8Page = check.check(
            bytes: Array(HTMLRendering.page(SampleLayout.parse(text)).utf8), fileName: name, currentYear: Self.year)
        #expect(rendered.result.findings.map(\.code) == utf8Page.result.findings.map(\.code))
        #expect(rendered.result.findings.map(\.location) == utf8Page.result.findings.map(\.location))
        Self.expectReadAsHTMLGrid(
            try Self.document(page, fileName: name), like: ReportReader.read(text, format: .text), name)
    }

    /// Fails until `ReportCheck` reads Word files (the DOCX reader is being wired in).
    @Test("the Word file gets the text form's verdict and codes", arguments: Fixtures.names)
    func docx(fixture: String) throws {
        let text = try Self.text(fixture)
        let check = ReportCheck(legacyDecoder: try IconvDecoder())
        let baseline = check.check(bytes: Array(text.utf8), fileName: fixture, currentYear: Self.year)
        let package = DOCXRendering.package(SampleLayout.parse(text))
        let name = Self.stem(fixture) + ".docx"
        let rendered = check.check(bytes: package, fileName: name, currentYear: Self.year)
        Self.expectSameJudgement(rendered, baseline, exception: Self.docxExceptions[fixture], name)
    }
}

/// The renderings keep every cell of the sample: checked on the grid, before any rule runs.
@Suite("Rendered report faithfulness")
struct RenderingFaithfulnessTests {
    /// Cells compared as the readers see them: white space collapsed, ends trimmed.
    static func normalized(_ cells: [String]) -> [String] {
        var out = cells.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        while out.last?.isEmpty == true { out.removeLast() }
        return out
    }

    @Test("every table row of the sample comes back from the HTML grid", arguments: Fixtures.names)
    func htmlGridGivesBackTheSampleRows(fixture: String) throws {
        let layout = SampleLayout.parse(try RenderingEquivalenceTests.text(fixture))
        let tables = layout.tables.map(TableLayout.init)
        // The page's table rows as the HTML reader emits them.
        let page = HTMLRendering.page(layout)
        let pageRows = HTMLReader.lines(page).map {
            Self.normalized($0.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }.filter { $0.count > 1 }
        let laidOut = tables.flatMap(\.expandedRows).map(Self.normalized).filter { $0.count > 1 }
        #expect(pageRows == laidOut)
        for (table, sample) in zip(tables, layout.tables) {
            // Every sample row is laid out, or replaced by an official header row.
            let laidOutRows = table.sources.compactMap { $0 }
            let replaced = table.replacedRows.flatMap { Array($0) }
            #expect((laidOutRows + replaced).sorted() == Array(sample.rows.indices))
            // A laid-out row expands back to the sample's row, blanks and all.
            let expanded = table.expandedRows
            for (row, source) in table.sources.enumerated() {
                guard let source else { continue }
                #expect(Self.normalized(expanded[row]) == Self.normalized(sample.rows[source].map(\.text)), "row \(source)")
            }
            // An official header carries exactly the wording of the header rows it replaced.
            let replacedWords = replaced.flatMap { sample.rows[$0] }.filter { !$0.isBlank }.map(\.text).sorted()
            let headerWords = zip(table.rows, table.sources).filter { $0.1 == nil }.flatMap(\.0).map(\.text).sorted()
            #expect(replacedWords == headerWords)
        }
    }

    @Test("tables 三 and 四 get the official merged header", arguments: Fixtures.names)
    func officialHeaders(fixture: String) throws {
        let text = try RenderingEquivalenceTests.text(fixture)
        let tables = SampleLayout.parse(text).tables.map(TableLayout.init)
        let headers = tables.flatMap(\.officialHeaders)
        let document = ReportReader.read(text, format: .text)
        #expect(headers.contains(.reviewLitigation) == (document.reviewTable?.headerFound == true))
        #expect(headers.contains(.applications) == (document.applicationTable?.headerFound == true))
        // The merged cells are really there.
        let page = HTMLRendering.page(SampleLayout.parse(text))
        if headers.contains(.applications) {
            #expect(page.contains(#"<td rowspan="3" colspan="3">"#) && page.contains(#"<td colspan="7">"#))
        }
        if headers.contains(.reviewLitigation) {
            #expect(page.contains(#"<td colspan="10">"#))
        }
    }

    @Test("the Word package is a well-formed stored ZIP")
    func zipLayout() throws {
        let text = try RenderingEquivalenceTests.text(Fixtures.names[0])
        let zip = DOCXRendering.package(SampleLayout.parse(text))
        #expect(zip.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // End of central directory: 22 bytes at the end, five entries (with the styles and their relationship).
        let eocd = Array(zip.suffix(22))
        #expect(eocd.starts(with: [0x50, 0x4B, 0x05, 0x06]))
        #expect(eocd[10] == 5 && eocd[11] == 0)
        let document = DOCXRendering.documentXML(SampleLayout.parse(text))
        #expect(zip.count > document.utf8.count)
        #expect(document.contains(#"<w:vMerge w:val="restart"/>"#) && document.contains("<w:vMerge/>"))
        #expect(document.contains(#"<w:gridSpan w:val="7"/>"#))
    }
}
