import Testing

@testable import ReportValidation

@Suite struct CollectionStatusTests {
    typealias F = OfficeFixtures

    @Test(arguments: ["1970-01-01", "2000-02-29", "2026-12-31", "2027-01-31", "1969-12-31", "2100-03-01"])
    func civilDatesRoundTripThroughDayNumbers(_ text: String) throws {
        let date = try #require(CivilDate(parsing: text))
        #expect(CivilDate(dayNumber: date.dayNumber) == date && date.description == text)
    }

    @Test(arguments: ["2027-02-29", "2027-13-01", "2027-1-1x", "27-01-01", ""])
    func impossibleDatesAreRefused(_ text: String) {
        #expect(CivilDate(parsing: text) == nil)
    }

    @Test func registerTimesBecomeChinaStandardTimeDates() {
        // 2027-01-30 17:00 UTC is 2027-01-31 01:00 in Beijing.
        let micros = Int64(CivilDate(year: 2027, month: 1, day: 30).dayNumber * 86_400 + 17 * 3600) * 1_000_000
        #expect(CivilDate(epochMicroseconds: micros) == CivilDate(year: 2027, month: 1, day: 31))
    }

    @Test(arguments: [
        (AgencyKind?.some(.township), "2027-01-31"), (.department, "2027-01-31"), (.government, "2027-03-31"), (nil, "2027-01-31"),
    ])
    func deadlinesFollowTheRegulationsByKind(kind: AgencyKind?, expected: String) {
        #expect(CollectionDeadlines.statutory.deadline(year: 2026, kind: kind).description == expected)
    }

    @Test(arguments: [("01-20", true), ("1-5", true), ("02-29", false), ("13-01", false), ("0131", false)])
    func deadlineSettingsAreReadAsMonthAndDay(text: String, valid: Bool) {
        #expect((CollectionDeadlines.MonthDay(parsing: text) != nil) == valid)
    }

    @Test func theCurrentVersionIsTheLatestAcceptedElseTheLatest() {
        let v1 = F.submission("王村镇人民政府", version: 1, .accepted, filed: "2027-01-05")
        let v2 = F.submission("王村镇人民政府", version: 2, .rejected, filed: "2027-01-10")
        #expect(OfficeSubmission.current(of: [v1, v2]) == v1)
        let v3 = F.submission("王村镇人民政府", version: 3, .rejected, filed: "2027-01-12")
        #expect(OfficeSubmission.current(of: [v2, v3]) == v3)
        #expect(OfficeSubmission.current(of: []) == nil)
    }

    static func status(today: String = "2027-01-20") -> CollectionStatus {
        CollectionStatus(
            year: 2026, today: CivilDate(parsing: today)!, directory: F.directory,
            submissions: [
                F.submission("王村镇人民政府", version: 1, .rejected, filed: "2027-01-05"),
                F.submission("王村镇人民政府", version: 2, .accepted, filed: "2027-01-12"),
                F.submission("某某县发展和改革局", version: 1, .rejected, filed: "2027-01-08"),
                F.submission("李庄乡", version: 1, .accepted, filed: "2027-01-09", inDirectory: false),
                F.submission("某某县教育局", year: 2025, version: 1, .accepted, filed: "2026-01-09"),
            ])
    }

    @Test func everyDirectoryAgencyAndEveryUnknownOneGetsALine() {
        let status = Self.status()
        #expect(status.lines.map(\.agency) == ["王村镇人民政府", "某某县发展和改革局", "某某县人民政府", "某某县教育局", "李庄乡"])
        #expect(status.lines.map(\.state) == [.accepted, .rejected, .missing, .missing, .accepted])
        #expect(status.lines.map(\.versions) == [2, 1, 0, 0, 1])
        #expect(status.lines[0].current?.version == 2 && status.lines[0].lastFiled?.description == "2027-01-12")
        #expect(status.lines[4].inDirectory == false && status.lines[4].kind == nil)
        #expect(status.lines.map(\.daysLeft) == [11, 11, 70, 11, 11])
        #expect(!status.allAccepted)
    }

    @Test(arguments: [("2027-01-31", 0, "今天截止"), ("2027-02-03", -3, "已逾期 3 天"), ("2027-01-30", 1, "还剩 1 天")])
    func daysLeftCountToTheDeadlineAndPastIt(today: String, days: Int, text: String) {
        let line = Self.status(today: today).lines[1]
        #expect(line.daysLeft == days && CollectionStatus.daysText(line) == text)
    }

    @Test func allAcceptedNeedsAtLeastOneAgencyAndNoneMissingOrRejected() {
        let today = CivilDate(year: 2027, month: 1, day: 1)
        #expect(!CollectionStatus(year: 2026, today: today, directory: nil, submissions: []).allAccepted)
        let one = [F.submission("王村镇人民政府", version: 1, .accepted, filed: "2027-01-05")]
        #expect(CollectionStatus(year: 2026, today: today, directory: nil, submissions: one).allAccepted)
        #expect(!CollectionStatus(year: 2026, today: today, directory: F.directory, submissions: one).allAccepted)
    }

    @Test func theTextNamesTheAgenciesToChase() {
        let text = Self.status().text
        #expect(text.hasPrefix("2026 年度报告收集情况（2027-01-20）：共 5 个机关，通过 2，退回 1，未报送 2\n"))
        #expect(text.contains("李庄乡（名录外）"))
        #expect(text.contains("- 某某县发展和改革局：被退回（2 个错误），需重新报送，还剩 11 天"))
        #expect(text.contains("- 某某县人民政府：尚未报送，还剩 70 天"))
        #expect(!text.contains("- 王村镇人民政府"))
    }

    @Test func csvHasABOMAndOneRowPerAgency() {
        let csv = Self.status().csv
        #expect(csv.hasPrefix("\u{FEFF}year,agency,in_directory,kind,state,"))
        let rows = csv.dropFirst().split(separator: "\r\n")
        #expect(rows.count == 6)
        #expect(rows[1] == "2026,王村镇人民政府,true,乡镇/街道,accepted,2,2,accepted,王村镇人民政府2026年报.txt,0,1,2027-01-12,2027-01-31,11")
    }

    @Test func jsonCountsAndListsEveryAgency() {
        let json = Self.status().json
        #expect(json.contains("\"schema\": \"nianbao.status/1\""))
        #expect(json.contains("\"missing\": 2") && json.contains("\"allAccepted\": false"))
        #expect(json.contains("\"agency\": \"李庄乡\""))
    }

    @Test(arguments: [("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("=SUM(A1)", "'=SUM(A1)"), ("-3", "-3"), ("-x", "'-x")])
    func csvFieldsAreQuotedAndFormulasDisarmed(text: String, field: String) {
        #expect(OfficeText.csvField(text) == field)
    }

    @Test func historyListsEveryYearAndMarksEachYearsCurrentVersion() {
        let history = SubmissionHistory(
            agency: "王村镇人民政府",
            submissions: [
                F.submission("王村镇人民政府", version: 2, .accepted, filed: "2027-01-12"),
                F.submission("王村镇人民政府", year: 2025, version: 1, .accepted, filed: "2026-01-10"),
                F.submission("王村镇人民政府", version: 1, .rejected, filed: "2027-01-05"),
                F.submission("王村镇人民政府", version: 3, .rejected, filed: "2027-01-15"),
            ])
        #expect(history.submissions.map { "\($0.year!)-\($0.version)" } == ["2025-1", "2026-1", "2026-2", "2026-3"])
        #expect(history.submissions.map(history.isCurrent) == [true, false, true, false])
        #expect(history.text.contains("← 当前版本"))
        #expect(history.csv.split(separator: "\r\n").count == 5)
    }
}
