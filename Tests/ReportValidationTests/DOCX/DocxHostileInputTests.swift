import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// Hostile or foreign containers end in exactly one FILE finding, in both languages; huge documents finish.
@Suite struct DocxHostileInputTests {
    func findings(_ problem: InputProblem) -> [Finding] {
        Validator().validate(ReportDocument(problem: problem), currentYear: 2025).findings
    }

    @Test(arguments: HostileArchive.all)
    func damagedOrUnsafeArchivesAreFILE006(_ hostile: HostileArchive) throws {
        let clock = ThreadCPUClock()  // CPU time: a busy machine does not count against the case
        let start = clock.now()
        let result = DocxReader.lines(hostile.bytes, limits: hostile.limits)
        #expect(clock.now() - start < .seconds(2))
        guard case .failure(let problem) = result else {
            Issue.record("\(hostile.label) was read")
            return
        }
        #expect(problem == .damagedContainer(kind: "Word (.docx)", reason: hostile.error.reason))
        let found = findings(problem)
        #expect(found.map(\.code) == ["FILE-006"])
        let message = try #require(found.first?.message)
        #expect(message.zh.contains(hostile.error.reason.zh) && message.zh.contains("无法读取"))
        #expect(message.en.contains(hostile.error.reason.en) && message.en.contains("cannot be read"))
        #expect(found.first?.severity == .error)
    }

    @Test(arguments: [
        (["xl/workbook.xml"], ContainerKind.excelWorkbook, ".xlsx"),
        (["ppt/presentation.xml"], .powerPointPresentation, ".pptx"),
        (["mimetype"], .openDocumentText, ".odt"),
        (["readme.txt"], .zipArchive, "ZIP"),
    ])
    func zipsThatAreNotWordDocumentsAreFILE004(_ names: [String], _ kind: ContainerKind, _ named: String) throws {
        var writer = ZipWriter()
        for name in names { writer.add(name, name == "mimetype" ? "application/vnd.oasis.opendocument.text" : "<x/>") }
        let result = DocxReader.lines(writer.archive())
        #expect(result == .failure(.unsupportedContainer(kind)))
        let found = findings(.unsupportedContainer(kind))
        #expect(found.map(\.code) == ["FILE-004"])
        #expect(found.first?.message.zh.contains(named) == true && found.first?.message.en.contains(named) == true)
        #expect(found.first?.evidence == kind.rawValue)
    }

    func read(_ body: String) -> (lines: [SourceLine], elapsed: Duration) {
        let xml = Array(ZipWriter.documentXML(body: body).utf8)
        let clock = ThreadCPUClock()  // CPU time, not wall time
        let start = clock.now()
        let lines = DocxReader.lines(documentXML: xml)
        return (lines, clock.now() - start)
    }

    @Test func tablesNested100000DeepFlattenIntoOneCell() {
        let depth = 100_000
        let open = "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>"
        let (lines, elapsed) = read(
            String(repeating: open, count: depth) + String(repeating: "</w:tc></w:tr></w:tbl>", count: depth))
        #expect(lines.count == 1)
        #expect(lines.first?.text.count == 2 * depth - 1)
        #expect(elapsed < .seconds(10))
    }

    @Test func paragraphsNested100000DeepEachBecomeALine() {
        let depth = 100_000
        let (lines, elapsed) = read(
            String(repeating: "<w:p><w:r><w:t>x</w:t></w:r>", count: depth) + String(repeating: "</w:p>", count: depth))
        #expect(lines.count == depth)
        #expect(Set(lines.map(\.number)) == [1])
        #expect(elapsed < .seconds(10))
    }

    @Test func aRowOf100000CellsIsCappedAtTheColumnLimit() {
        let cell = "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        let (lines, elapsed) = read("<w:tbl><w:tr>" + String(repeating: cell, count: 100_000) + "</w:tr></w:tbl>")
        #expect(lines.count == 1)
        #expect(lines.first?.text.split(separator: "\t").count == WordLineCollector.maximumColumns)
        #expect(elapsed < .seconds(10))
    }

    @Test func a100000RowTableIsCappedAtTheRowLimit() {
        let row = "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
        let (lines, elapsed) = read(
            "<w:tbl>" + String(repeating: row, count: 100_000) + "</w:tbl><w:p><w:r><w:t>after</w:t></w:r></w:p>")
        #expect(lines.count == WordLineCollector.maximumRowsPerTable + 1)
        #expect(lines.last == SourceLine(number: WordLineCollector.maximumRowsPerTable + 1, text: "after"))
        #expect(elapsed < .seconds(10))
    }
}
