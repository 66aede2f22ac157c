import Testing

@testable import ReportValidation

/// The resubmission note and the other history notes: what changed between two submissions, by code
/// and place, and what is said when the register could not be asked.
@Suite struct ResubmissionNoteTests {
    static let fee = FindingKey(code: "FEE-001", section: 6)
    static let total = FindingKey(code: "T3-001", section: 3, table: "三", row: "（七）总计", column: "自然人")
    static let blank = FindingKey(code: "T3-003", section: 3, table: "三", row: "四、结转下年度继续办理", column: "法人或其他组织")
    static let date = FindingKey(code: "DATE-001")

    @Test(
        arguments: [
            ([fee, total], [total, date], [fee], [total], [date]),
            ([fee], [], [fee], [], []),
            ([], [fee], [], [], [fee]),
            // The same code at another cell is a new finding, and the old cell is fixed.
            (
                [total], [FindingKey(code: "T3-001", section: 3, table: "三", row: "（七）总计", column: "商业企业")],
                [total], [], [FindingKey(code: "T3-001", section: 3, table: "三", row: "（七）总计", column: "商业企业")]
            ),
        ] as [([FindingKey], [FindingKey], [FindingKey], [FindingKey], [FindingKey])])
    func diffIsByCodeAndPlace(
        previous: [FindingKey], current: [FindingKey], fixed: [FindingKey], remaining: [FindingKey], new: [FindingKey]
    ) {
        let diff = FindingsDiff.between(previous: previous, current: current)
        #expect(diff.fixed == fixed && diff.remaining == remaining && diff.new == new, "\(diff)")
    }

    @Test func findingKeyIgnoresTheLineThatMovesBetweenSubmissions() {
        let early = Finding(
            code: "T3-001", severity: .error, message: .zh("a", en: "a"),
            location: Location(line: 40, section: .applications, table: .applications, row: "（七）总计", column: "自然人"),
            evidence: "3 ≠ 4", hint: .zh("h", en: "h"))
        var late = early
        late.location.line = 52
        late.evidence = "5 ≠ 6"
        #expect(FindingKey(early) == FindingKey(late))
        #expect(FindingKey(early) == Self.total)
    }

    @Test func noteSaysWhichSubmissionAndWhatWasFixedKeptAndNew() {
        let last = PriorSubmission(version: 1, filedOn: "2026-01-12", verdict: .rejected, findings: [Self.fee, Self.total])
        let note = HistoryNotes.resubmission(version: 2, last: last, current: [Self.total, Self.date])
        #expect(note.zh == "第2次提交（上次 2026-01-12 退回）：已改正 FEE-001；仍存在 T3-001（表三「（七）总计」「自然人」）；新出现 DATE-001")
        #expect(note.en.hasPrefix("Submission 2 (the last one was rejected on 2026-01-12): fixed FEE-001; still there T3-001"))
        #expect(note.en.hasSuffix("new DATE-001"))
    }

    @Test func cleanResubmissionSaysNoneForWhatRemains() {
        let last = PriorSubmission(version: 2, filedOn: "2026-01-20", verdict: .rejected, findings: [Self.fee])
        let note = HistoryNotes.resubmission(version: 3, last: last, current: [])
        #expect(note.zh == "第3次提交（上次 2026-01-20 退回）：已改正 FEE-001；仍存在 无；新出现 无")
    }

    @Test func longListsAreCut() {
        let many = (1...12).map { FindingKey(code: "T2-00\($0 % 10)", section: 2, table: "二", row: "行\($0)") }
        let text = HistoryNotes.list(many.sorted(), zh: true)
        #expect(text.hasSuffix("等12项") && text.components(separatedBy: "、").count == HistoryNotes.listLimit)
    }

    /// Judged through both steps with history: notes come with the judgement, findings do not change.
    @Test func historyNotesComeWithTheJudgementNotWithTheVerdict() throws {
        let text = try CrossYearPairs.text(year: 2022)
        let check = ReportCheck(legacyDecoder: nil)
        let read = check.read(bytes: Array(text.utf8), fileName: "a.txt")
        #expect(read.titledAgency == "轵城镇人民政府" && read.year == 2022)
        let alone = check.judge(read, currentYear: 2026)
        #expect(alone.result.notes.isEmpty)
        let subject = ReportHistory.Subject(agency: "轵城镇人民政府", year: 2022)
        let last = PriorSubmission(version: 1, filedOn: "2023-01-12", verdict: .rejected, findings: [Self.fee])
        let again = check.judge(read, currentYear: 2026, history: ReportHistory(subject: subject, earlier: [last]))
        #expect(again.result.verdict == alone.result.verdict && again.result.findings == alone.result.findings)
        #expect(again.result.notes.count == 2, "\(again.result.notes)")
        #expect(again.result.notes[0].zh.hasPrefix("第2次提交（上次 2023-01-12 退回）：已改正 FEE-001"))
        #expect(again.result.notes[1].zh.contains("没有“轵城镇人民政府”2021年度的报告"))
        let down = check.judge(read, currentYear: 2026, history: .unavailable(subject, reason: "connection refused"))
        #expect(down.result.notes.count == 1 && down.result.notes[0].zh.contains("未与上年报告比较"))
        #expect(down.result.findings == alone.result.findings)
    }

    @Test func notesAreInBothFindingsFiles() throws {
        let text = try CrossYearPairs.text(year: 2022)
        let check = ReportCheck(legacyDecoder: nil)
        let subject = ReportHistory.Subject(agency: "轵城镇人民政府", year: 2022)
        let report = check.judge(
            check.read(bytes: Array(text.utf8), fileName: "a.txt"), currentYear: 2026,
            history: .unavailable(subject, reason: "timed out"))
        let file = CheckedFile(path: "a.txt", report: report)
        #expect(FindingsText(language: .zh).render(file).contains("说明：未能查询登记簿（timed out）"))
        let json = FindingsJSON(language: .en).render(file)
        #expect(json.contains("\"notes\"") && json.contains("The register could not be asked (timed out)"))
    }
}
