import Testing

@testable import ReportValidation

/// The office's daily digest and the deadline reminders, from a made-up register and directory.
@Suite struct OfficeDigestTests {
    typealias F = OfficeFixtures

    static let directory = try! AgencyDirectory.parse(
        text: """
            名称,类型,联系人,邮箱
            王村镇人民政府,乡镇/街道,张三,wangcun@example.org
            某某县发展和改革局,部门,,fgj@example.org
            某某县人民政府,县级以上政府,李四,xianfu@example.org
            某某县教育局,部门,,
            """
    ).get()

    /// 王村镇 accepted; 发改局 rejected twice; 县政府 and 教育局 nothing; an unknown agency accepted.
    static let submissions = [
        F.submission("王村镇人民政府", version: 1, .accepted, filed: "2027-01-10"),
        F.submission("某某县发展和改革局", version: 1, .rejected, filed: "2027-01-12"),
        F.submission("某某县发展和改革局", version: 2, .rejected, filed: "2027-01-20"),
        F.submission("某某乡人民政府", version: 1, .accepted, filed: "2027-01-15", inDirectory: false),
    ]

    static func digest(on day: String, remind: Int? = 7, language: Language = .zh) -> OfficeDigest {
        let status = CollectionStatus(
            year: 2026, today: CivilDate(parsing: day)!, directory: directory, submissions: submissions)
        return OfficeDigest(status: status, directory: directory, language: language, remindDaysBefore: remind, madeAt: F.at(day))
    }

    @Test func theDigestCountsEachStateAndListsTheAgenciesToChaseFirst() {
        let message = Self.digest(on: "2027-01-25").digest(reminded: [])
        #expect(message.subject == "[nianbao] 2026 年报收集情况（2027-01-25）：通过 2，退回 1，未报送 2")
        #expect(message.event == .digest)
        #expect(message.id == "digest.2026.2027-01-25")
        let lines = message.body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.contains("共 5 个机关：已通过 2 个，退回待重报 1 个，尚未报送 2 个。"))
        let rejected = lines.firstIndex(of: "退回待重报（1）：")
        let missing = lines.firstIndex(of: "尚未报送（2）：")
        let accepted = lines.firstIndex(of: "已通过（2）：")
        #expect(rejected != nil && missing != nil && accepted != nil)
        #expect(rejected! < missing! && missing! < accepted!)
        #expect(lines.contains("- 某某县发展和改革局：第 2 次报送于 2027-01-20 被退回（2 个错误：FEE-001），截止 2027-01-31，还剩 6 天"))
        #expect(lines.contains("- 某某县人民政府：截止 2027-03-31，还剩 65 天"))
        #expect(lines.contains("- 王村镇人民政府：第 1 次报送，2027-01-10 通过"))
        #expect(lines.contains("- 某某乡人民政府（名录外）：第 1 次报送，2027-01-15 通过"))
    }

    @Test func theDigestInEnglishSaysTheSame() {
        let message = Self.digest(on: "2027-01-25", language: .en).digest(reminded: [])
        #expect(message.subject == "[nianbao] 2026 annual reports: where collection stands (2027-01-25): 2 accepted, 1 rejected, 2 missing")
        #expect(message.body.contains("5 agencies: 2 accepted, 1 rejected awaiting a new version, 2 not yet submitted."))
        #expect(message.body.contains("Not yet submitted (2):"))
    }

    @Test(
        "reminders go daily from the configured days before a deadline to the deadline day, then weekly, to agencies not accepted",
        arguments: [
            ("2027-01-23", 7, [String]()),  // 8 days before 1 月 31 日
            ("2027-01-24", 7, ["某某县发展和改革局", "某某县教育局"]),
            ("2027-01-31", 7, ["某某县发展和改革局", "某某县教育局"]),
            ("2027-01-31", 0, ["某某县发展和改革局", "某某县教育局"]),
            ("2027-01-30", 0, []),
            ("2027-02-01", 7, []),  // overdue: the digest lists them; reminded weekly
            ("2027-02-07", 7, ["某某县发展和改革局", "某某县教育局"]),  // 7 days overdue
            ("2027-02-08", 7, []),
            ("2027-02-14", 0, ["某某县发展和改革局", "某某县教育局"]),  // 14 days overdue
            ("2027-03-25", 7, ["某某县人民政府"]),  // governments: 3 月 31 日
        ])
    func remindersAreDueInTheWindow(day: String, days: Int, expected: [String]) {
        #expect(Self.digest(on: day, remind: days).dueReminders.map(\.line.agency) == expected)
    }

    @Test func anOverdueReminderSaysHowLate() throws {
        let plan = Self.digest(on: "2027-02-07")
        let reminder = try #require(plan.dueReminders.first { $0.line.agency == "某某县教育局" })
        let message = plan.message(reminder)
        #expect(message.subject == "[nianbao] 催报：某某县教育局 2026 年报尚未报送（2027年1月31日截止，已逾期 7 天）")
        #expect(message.body.contains("截止日期：2027年1月31日（已逾期 7 天）。"))
    }

    @Test func noRemindersWhenTheyAreOff() {
        #expect(Self.digest(on: "2027-01-31", remind: nil).dueReminders.isEmpty)
    }

    @Test func aReminderForARejectedReportSaysWhatToFixAndWhereTheNoteIs() throws {
        let plan = Self.digest(on: "2027-01-25")
        let reminder = try #require(plan.dueReminders.first { $0.line.agency == "某某县发展和改革局" })
        let message = plan.message(reminder)
        #expect(message.recipients == ["fgj@example.org"])
        #expect(message.subject == "[nianbao] 催报：某某县发展和改革局 2026 年报已退回，请修改后重新报送（2027年1月31日截止）")
        #expect(message.body.hasPrefix("某某县发展和改革局：\n"))
        #expect(message.body.contains("第 2 次报送（2027-01-20）未通过检查，已退回（2 个错误：FEE-001）"))
        #expect(message.body.contains("rejected/某某县发展和改革局2026年报.txt.findings.txt"))
        #expect(message.body.contains("截止日期：2027年1月31日（还剩 6 天）。"))
        #expect(message.id.unicodeScalars.allSatisfy { $0.isASCII && $0 != " " })
        #expect(message.id.hasSuffix(".2027-01-31.2027-01-25"))
    }

    @Test func aReminderForAMissingReportGreetsTheContactAndHasNoAddressWhenTheDirectoryHasNone() throws {
        let plan = Self.digest(on: "2027-03-31")
        let government = try #require(plan.dueReminders.first { $0.line.agency == "某某县人民政府" })
        let message = plan.message(government)
        #expect(message.subject == "[nianbao] 催报：某某县人民政府 2026 年报尚未报送（2027年3月31日截止）")
        #expect(message.body.hasPrefix("李四：\n"))
        #expect(message.body.contains("今天截止"))
        let unreachable = try #require(Self.digest(on: "2027-01-31").dueReminders.first { $0.line.agency == "某某县教育局" })
        #expect(unreachable.address == nil)
        #expect(plan.message(unreachable).recipients.isEmpty)
    }

    @Test func theDigestNamesWhoWasRemindedAndWhoCouldNotBe() {
        let plan = Self.digest(on: "2027-01-25")
        let body = plan.digest(reminded: plan.dueReminders.filter { $0.address != nil }).body
        #expect(body.contains("今天已向 1 个机关发出催报提醒：某某县发展和改革局。"))
        #expect(body.contains("以下机关临近截止但名录中没有邮箱，未能提醒，请电话联系：某某县教育局。"))
    }

    @Test func theLedgerReadsBackWhatItWroteAndForgetsOldDays() {
        let today = CivilDate(parsing: "2027-01-25")!
        let recent = ReminderKey(agency: "王村镇人民政府", deadline: CivilDate(parsing: "2027-01-31")!, day: today)
        let old = ReminderKey(agency: "旧\t机关", deadline: CivilDate(parsing: "2025-01-31")!, day: CivilDate(parsing: "2025-01-25")!)
        let text = ReminderLedger(sent: [recent, old]).text(today: today)
        #expect(text == "2027-01-25\t2027-01-31\t王村镇人民政府\n")
        #expect(ReminderLedger(text: text + "damaged line\n").sent == [recent])
    }

    @Test func chatTextStaysWithinTheVendorsLimitAndCountsWhatIsLeftOut() {
        var message = Self.digest(on: "2027-01-25").digest(reminded: [])
        message.chatLines = (1...500).map { "- 机关 \($0)：尚未报送" }
        let text = message.chatText(limit: 4_000, heading: true)
        #expect(text.utf8.count <= 4_000)
        #expect(text.contains("行未列出"))
        #expect(Self.digest(on: "2027-01-25").digest(reminded: []).chatText(limit: 4_000, heading: true).contains("**尚未报送（2）**"))
    }

    @Test func aDigestAsMailHasTheSameHeadersAsAVerdict() {
        let message = Self.digest(on: "2027-01-25").digest(reminded: [])
        let mail = MailMessage(message, channel: "office", from: "nianbao@example.org", to: ["reviewer@example.org"])
        #expect(mail.messageID == "<nianbao.digest.2026.2027-01-25.office@example.org>")
        let text = String(decoding: mail.bytes, as: UTF8.self)
        #expect(text.contains("Auto-Submitted: auto-generated\r\n"))
        #expect(text.contains("Subject: =?UTF-8?B?"))
    }
}
