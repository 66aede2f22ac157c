import Inbox
import NianbaoTestSupport
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

/// The judge's history from a real embedded register (``RegisterHistory/init(store:timeLimit:)``):
/// last year's current version with its cells, and this year's earlier submissions with their findings.
@Suite(.offThePool) struct RegisterHistoryStoreTests {
    @Test func historyComesFromTheRegistersRecordsOfTheYearAndTheYearBefore() async throws {
        let path = try TemporaryRoot.makePath("register-history") + "/register.sqlite3"
        let store = try await SQLiteRegisterStore.open(path: path)
        let carryOut = CellKey(.applications, row: "四、结转下年度继续办理", column: "自然人")
        let findings = #"{"findings":[{"code":"FEE-001","location":{"line":80,"section":6,"table":null,"row":null,"column":null}}]}"#
        func record(_ name: String, year: Int, verdict: Verdict, day: Int64, cells: [CellKey: RecordedCell] = [:], json: String = "{}")
            -> RegisterRecord
        {
            RegisterRecord(
                office: "县政务公开办", filedAt: (1_768_147_200 + day * 86_400) * 1_000_000, finalName: Array(name.utf8),
                folder: verdict == .accepted ? "accepted" : "rejected", sha256: name, agencyTitled: "王村镇人民政府",
                agencyMatched: "王村镇人民政府", year: year, format: .format2021, verdict: verdict, findingsJSON: json,
                cells: RecordedCells(cells))
        }
        _ = try await store.record([
            record(
                "2024-v1.txt", year: 2024, verdict: .accepted, day: -365,
                cells: [carryOut: RecordedCell(value: .number(NumberLiteral(whole: 2)), raw: "2", line: 63)]),
            record("2024-v2.txt", year: 2024, verdict: .rejected, day: -360),
            record("2025-v1.txt", year: 2025, verdict: .rejected, day: 0, json: findings),
        ])
        try await store.close()
        let reopened = try await SQLiteRegisterStore.open(path: path)
        let history = await Task.detached {
            RegisterHistory(store: reopened, timeLimit: .seconds(600)).history(of: .init(agency: "王村镇人民政府", year: 2025))
        }.value
        try await reopened.close()
        #expect(history.unavailable == nil, "\(history.unavailable ?? "")")
        #expect(history.previousYear?.fileName == "2024-v1.txt", "the accepted version is last year's current one")
        #expect(history.previousYear?.snapshot.cells[carryOut]?.value.integer == 2)
        #expect(history.earlier.map(\.version) == [1] && history.nextVersion == 2)
        #expect(history.earlier.first?.filedOn == "2026-01-12" && history.earlier.first?.verdict == .rejected)
        #expect(history.earlier.first?.findings == [FindingKey(code: "FEE-001", section: 6)])
    }
}
