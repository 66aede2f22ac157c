import Foundation
import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// Opens the exported workbook with a real reader, openpyxl (Debian `python3-openpyxl`, installed by
/// `.ci/run` and `scripts/setup`, for Debian's own /usr/bin/python3), so the package is proven readable, not just well formed to our eyes.
@Suite struct WorkbookReaderTests {
    static let reader = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        sheet = book.worksheets[0]
        rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
        print(json.dumps({"sheets": book.sheetnames, "rows": rows, "frozen": sheet.freeze_panes}, ensure_ascii=False))
        """

    @Test func openpyxlReadsTheExportWithNumbersAsNumbers() async throws {
        let export = YearExportTests.export()
        let root = try TemporaryRoot.makePath("xlsx")
        defer { TemporaryRoot.remove(root) }
        let path = root + "/2026年度.xlsx"
        try Data(try export.workbook.bytes()).write(to: URL(fileURLWithPath: path))
        let outcome = try await ProcessRunner.run(["/usr/bin/python3", "-c", Self.reader, path])
        try #require(outcome.status == 0, "openpyxl could not read the workbook: \(outcome)")
        let document = try #require(try outcome.json() as? [String: Any])
        #expect(document["sheets"] as? [String] == ["2026年度"])
        #expect(document["frozen"] as? String == "A2")
        let rows = try #require(document["rows"] as? [[Any]])
        #expect(rows.count == 1 + 3 + 2)
        let headings = rows[0].map { "\($0)" }
        #expect(Array(headings.prefix(8)) == YearExport.leadingHeadings)
        let requests = try #require(headings.firstIndex(of: YearExport.heading(OfficeFixtures.newRequests)))
        let fee = try #require(headings.firstIndex(of: YearExport.heading(OfficeFixtures.fee)))
        #expect(rows[1][0] as? String == "王村镇人民政府")
        #expect((rows[1][requests] as? NSNumber)?.intValue == 3)
        #expect(rows[3][requests] is NSNull)  // blank stays blank, never 0
        #expect((rows[4][requests] as? NSNumber)?.intValue == 7)
        #expect((rows[4][fee] as? NSNumber)?.doubleValue == 1.75)
        #expect(rows[5][requests] as? String == "1 份空白")
    }
}
