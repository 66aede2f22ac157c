import ReportValidation
import Testing

@testable import Register

/// A stored record read back for the judge's history: findings keys from its findings JSON, its China date.
@Suite struct FiledSubmissionMappingTests {
    @Test func findingsJSONGivesTheKeysTheResubmissionNoteCompares() throws {
        let check = ReportCheck(legacyDecoder: nil)
        let text = "某某县人民政府 2022 年政府信息公开工作年度报告\n一、总体情况\n很短。\n"
        let report = check.check(bytes: Array(text.utf8), fileName: "a.txt", currentYear: 2026)
        let json = FindingsJSON(language: .zh).render(CheckedFile(path: "a.txt", report: report))
        let keys = FiledSubmission.keys(fromFindingsJSON: json)
        #expect(!keys.isEmpty && keys == report.result.findings.map(FindingKey.init))
        #expect(FiledSubmission.keys(fromFindingsJSON: "not json").isEmpty)
    }

    @Test(arguments: [
        (Int64(1_768_147_200_000_000), "2026-01-12"),  // 2026-01-11T16:00:00Z is already the 12th in China
        (Int64(1_768_147_199_000_000), "2026-01-11"),
    ])
    func filingDateIsTheDateInChina(micros: Int64, date: String) {
        #expect(FiledSubmission.chinaDate(epochMicroseconds: micros) == date)
    }
}
