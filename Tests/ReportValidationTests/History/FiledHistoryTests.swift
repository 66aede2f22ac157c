import Testing

@testable import ReportValidation

/// History built from an agency's filed reports (``ReportHistory/init(_:filed:)``), as the register
/// gives them back: the previous year's current version feeds the cross-year rules, named by its final name.
@Suite struct FiledHistoryTests {
    static let subject = ReportHistory.Subject(agency: "轵城镇人民政府", year: 2022)

    static func filing(_ text: String, year: Int, version: Int, verdict: Verdict, name: String) throws -> FiledSubmission {
        let snapshot = try #require(ReportSnapshot(CrossYearPairs.document(text)))
        return FiledSubmission(
            year: year, version: version, filedOn: "\(year + 1)-01-1\(version)", verdict: verdict, finalName: name,
            snapshot: snapshot, findings: [])
    }

    static func judged(_ text: String, filed: [FiledSubmission]) -> ValidationResult {
        let check = ReportCheck(legacyDecoder: nil)
        return check.judge(
            check.read(bytes: Array(text.utf8), fileName: "now.txt"), currentYear: 2026,
            history: ReportHistory(subject, filed: filed)
        ).result
    }

    @Test func currentVersionIsTheLatestAcceptedElseTheLatest() throws {
        let text = try CrossYearPairs.text(year: 2021)
        let a = try Self.filing(text, year: 2021, version: 1, verdict: .accepted, name: "a.txt")
        let b = try Self.filing(text, year: 2021, version: 2, verdict: .rejected, name: "b.txt")
        let c = try Self.filing(text, year: 2021, version: 3, verdict: .rejected, name: "c.txt")
        #expect(FiledSubmission.current(of: [c, a, b])?.finalName == "a.txt")
        #expect(FiledSubmission.current(of: [b, c])?.finalName == "c.txt")
        #expect(FiledSubmission.current(of: []) == nil)
    }

    /// The three made-up pairs, each through the register's history: carry-over broken, stock broken,
    /// text copied. Last year's rejected version 2 is passed over for its accepted version 1.
    @Test(arguments: ["carry-over", "stock", "copied"])
    func crossYearRulesRunOnTheRegistersPreviousYear(broken: String) throws {
        let prose =
            "2021年，本镇坚持把政务公开作为转变政府职能的重要抓手，健全信息发布审核机制，"
            + "全年通过门户网站发布各类信息120条，办理群众来信来访30件，组织专题培训2次，"
            + "进一步规范了依申请公开的受理、登记、办理和答复流程，确保群众诉求件件有回音。"
        let last = try CrossYearPairs.text(year: 2021, carryOut: [2, 1, 0, 0, 0, 0], rules: (5, 0, 36), overview: prose)
        let now: String
        let code: String
        switch broken {
        case "carry-over":
            now = try CrossYearPairs.text(year: 2022, carryIn: [5, 0, 0, 0, 0, 0], rules: (2, 1, 37))
            code = "T3-XYR-001"
        case "stock":
            now = try CrossYearPairs.text(year: 2022, carryIn: [2, 1, 0, 0, 0, 0], rules: (2, 1, 40))
            code = "T2-009"
        default:
            now = try CrossYearPairs.text(
                year: 2022, carryIn: [2, 1, 0, 0, 0, 0], rules: (2, 1, 37),
                overview: prose.replacingOccurrences(of: "2021", with: "2022"))
            code = "DUP-001"
        }
        let filed = [
            try Self.filing(last, year: 2021, version: 1, verdict: .accepted, name: "2021年报.txt"),
            try Self.filing(try CrossYearPairs.text(year: 2021), year: 2021, version: 2, verdict: .rejected, name: "2021年报-2.txt"),
        ]
        let result = Self.judged(now, filed: filed)
        let fired = result.findings.filter { RuleCatalogue.crossYearCodes.contains($0.code) }
        #expect(Set(fired.map(\.code.rawValue)) == [code], "\(fired.map(\.message.zh))")
        #expect(fired.allSatisfy { $0.message.zh.contains("上年报告 2021年报.txt") }, "\(fired.map(\.message.zh))")
        #expect(result.notes.isEmpty, "a first submission with last year on record has no note: \(result.notes)")
        // Without last year on record, nothing fires and the note says why.
        let alone = Self.judged(now, filed: [])
        #expect(alone.findings.allSatisfy { !RuleCatalogue.crossYearCodes.contains($0.code) })
        #expect(alone.notes.map(\.zh) == ["登记簿中没有“轵城镇人民政府”2021年度的报告，未作跨年度核对"])
    }
}
