/// What `nianbao digest` sends on one day: the office's digest of the year's collection (accepted,
/// rejected and awaiting a new version, not yet submitted, per agency) and a reminder to each agency
/// of the directory whose report is not accepted yet: daily from ``remindDaysBefore`` days before its
/// deadline to the deadline itself, then once a week (``overdueInterval``) while it is overdue.
///
/// Values in, values out: the status comes from the register and the directory, "today" is passed in,
/// and which reminders already went out is the caller's state.
public struct OfficeDigest: Sendable, Hashable {
    public var status: CollectionStatus
    public var directory: AgencyDirectory?
    public var language: Language
    /// Reminders start this many days before a deadline (0: on the day only); nil sends none.
    public var remindDaysBefore: Int?
    /// When the digest is made, microseconds since the epoch (mail's `Date:`).
    public var madeAt: Int64

    public init(status: CollectionStatus, directory: AgencyDirectory?, language: Language, remindDaysBefore: Int?, madeAt: Int64) {
        self.status = status
        self.directory = directory
        self.language = language
        self.remindDaysBefore = remindDaysBefore
        self.madeAt = madeAt
    }

    /// One reminder due today: the agency's line, its contact, and the key that says it was sent.
    public struct Reminder: Sendable, Hashable {
        public var line: CollectionStatus.Line
        /// The directory's contact address (邮箱), nil when it has none: then only the office hears of it.
        public var address: String?
        public var contact: String?
        /// `agency`, `deadline` and `today`: a reminder with the same key is never sent twice.
        public var key: ReminderKey
    }

    /// After the deadline an agency still without an accepted report is reminded every this many days
    /// (7, 14, … days overdue): often enough to chase, not a mail a day for the rest of the year.
    public static let overdueInterval = 7

    /// Whether an agency `daysLeft` days before its deadline (negative: overdue) is reminded today.
    func isReminderDay(_ daysLeft: Int, before: Int) -> Bool {
        (0...before).contains(daysLeft) || (daysLeft < 0 && -daysLeft % Self.overdueInterval == 0)
    }

    /// Every reminder due today (state ignored: the caller drops those already sent).
    public var dueReminders: [Reminder] {
        guard let remindDaysBefore else { return [] }
        return status.lines.compactMap { line in
            guard line.inDirectory, line.state != .accepted, isReminderDay(line.daysLeft, before: remindDaysBefore) else { return nil }
            let agency = directory?.agencies.first { $0.name == line.agency }
            return Reminder(
                line: line, address: agency?.email, contact: agency?.contact,
                key: ReminderKey(agency: line.agency, deadline: line.deadline, day: status.today))
        }
    }

    var zh: Bool { language == .zh }

    /// `还剩 5 天` / `今天截止` / `已逾期 3 天`, or in English.
    func daysText(_ line: CollectionStatus.Line) -> String {
        if zh { return CollectionStatus.daysText(line) }
        if line.daysLeft > 0 { return "\(line.daysLeft) days left" }
        if line.daysLeft == 0 { return "due today" }
        return "\(-line.daysLeft) days overdue"
    }

    /// `2 个错误：FEE-001、T3-SUM-001`.
    func errorsText(_ submission: OfficeSubmission) -> String {
        let codes = submission.codes.prefix(3).joined(separator: zh ? "、" : ", ")
        if zh { return "\(submission.errors) 个错误" + (codes.isEmpty ? "" : "：\(codes)") }
        return "\(submission.errors) errors" + (codes.isEmpty ? "" : ": \(codes)")
    }

    /// The one line an agency gets in the digest, in plain text.
    func digestLine(_ line: CollectionStatus.Line) -> String {
        let name = TerminalText.safe(line.agency) + (line.inDirectory ? "" : (zh ? "（名录外）" : " (not in the directory)"))
        switch (line.state, line.current) {
        case (.accepted, let current?):
            return zh
                ? "- \(name)：第 \(current.version) 次报送，\(current.filedDate) 通过"
                : "- \(name): version \(current.version), accepted on \(current.filedDate)"
        case (.rejected, let current?):
            return zh
                ? "- \(name)：第 \(current.version) 次报送于 \(current.filedDate) 被退回（\(errorsText(current))），截止 \(line.deadline)，\(daysText(line))"
                : "- \(name): version \(current.version) rejected on \(current.filedDate) (\(errorsText(current))), due \(line.deadline), \(daysText(line))"
        default:
            return zh ? "- \(name)：截止 \(line.deadline)，\(daysText(line))" : "- \(name): due \(line.deadline), \(daysText(line))"
        }
    }

    /// The counts line: `共 6 个机关：已通过 3 个，退回待重报 1 个，尚未报送 2 个。`
    var countsText: String {
        let (all, accepted, rejected, missing) = (
            status.lines.count, status.count(.accepted), status.count(.rejected), status.count(.missing)
        )
        return zh
            ? "共 \(all) 个机关：已通过 \(accepted) 个，退回待重报 \(rejected) 个，尚未报送 \(missing) 个。"
            : "\(all) agencies: \(accepted) accepted, \(rejected) rejected awaiting a new version, \(missing) not yet submitted."
    }

    /// The sections of the digest, those needing action first: (heading, lines).
    var sections: [(String, [CollectionStatus.Line])] {
        [
            (zh ? "退回待重报" : "Rejected, awaiting a new version", status.lines.filter { $0.state == .rejected }),
            (zh ? "尚未报送" : "Not yet submitted", status.lines.filter { $0.state == .missing }),
            (zh ? "已通过" : "Accepted", status.lines.filter { $0.state == .accepted }),
        ]
    }

    /// The office's digest; `reminded` are the reminders sent with it (listed so the office knows who was chased).
    public func digest(reminded: [Reminder]) -> DigestMessage {
        let title =
            zh ? "\(status.year) 年报收集情况（\(status.today)）" : "\(status.year) annual reports: where collection stands (\(status.today))"
        let tally =
            zh
            ? "通过 \(status.count(.accepted))，退回 \(status.count(.rejected))，未报送 \(status.count(.missing))"
            : "\(status.count(.accepted)) accepted, \(status.count(.rejected)) rejected, \(status.count(.missing)) missing"
        let headline = title + (zh ? "：" : ": ") + tally
        var body = [title, "", countsText]
        var chat = [ChatMarkdown.plain(countsText)]
        if status.lines.isEmpty {
            body.append(zh ? "没有机关名录，登记簿中也没有 \(status.year) 年度的报告。" : "No directory, and no report of \(status.year) in the register.")
        }
        for (heading, lines) in sections where !lines.isEmpty {
            body += ["", zh ? "\(heading)（\(lines.count)）：" : "\(heading) (\(lines.count)):"] + lines.map(digestLine)
            chat +=
                ["", zh ? "**\(heading)（\(lines.count)）**" : "**\(heading) (\(lines.count))**"]
                + lines.map { ChatMarkdown.plain(String(digestLine($0).dropFirst(2))) }.map { "- " + $0 }
        }
        let withAddress = reminded.filter { $0.address != nil }
        let without = dueReminders.filter { $0.address == nil }
        if !withAddress.isEmpty {
            let names = withAddress.map { TerminalText.safe($0.line.agency) }.joined(separator: zh ? "、" : ", ")
            let sentence =
                zh ? "今天已向 \(withAddress.count) 个机关发出催报提醒：\(names)。" : "Reminders sent today to \(withAddress.count) agencies: \(names)."
            body += ["", sentence]
            chat += ["", ChatMarkdown.plain(sentence)]
        }
        if !without.isEmpty {
            let names = without.map { TerminalText.safe($0.line.agency) }.joined(separator: zh ? "、" : ", ")
            let sentence =
                zh
                ? "以下机关临近截止但名录中没有邮箱，未能提醒，请电话联系：\(names)。"
                : "Near their deadline but without a mail address in the directory (not reminded; call them): \(names)."
            body += ["", sentence]
            chat += ["", ChatMarkdown.plain(sentence)]
        }
        body += [
            "",
            zh
                ? "此消息由 nianbao 自动发送，请勿回复。详情：nianbao status --year \(status.year)"
                : "Sent automatically by nianbao; please do not reply. Details: nianbao status --year \(status.year)",
        ]
        let counts: [JSONMember] = CollectionStatus.State.allCases.map { JSONMember($0.rawValue, .int(status.count($0))) }
        return DigestMessage(
            id: "digest.\(status.year).\(status.today)", event: .digest, language: language,
            subject: "[nianbao] " + headline, body: body.joined(separator: "\n") + "\n", chatTitle: headline, chatLines: chat,
            recipients: [], madeAt: madeAt,
            fields: [
                JSONMember("year", .int(status.year)), JSONMember("today", .string(status.today.description)),
                JSONMember("counts", .object(counts + [JSONMember("agencies", .int(status.lines.count))])),
                JSONMember(
                    "agencies",
                    .array(
                        status.lines.map { line in
                            .object([
                                JSONMember("agency", .string(line.agency)), JSONMember("inDirectory", .bool(line.inDirectory)),
                                JSONMember("state", .string(line.state.rawValue)),
                                JSONMember("deadline", .string(line.deadline.description)),
                                JSONMember("daysLeft", .int(line.daysLeft)),
                            ])
                        })),
            ])
    }

    /// The reminder to one agency, addressed to its contact.
    public func message(_ reminder: Reminder) -> DigestMessage {
        let line = reminder.line
        let name = TerminalText.safe(line.agency)
        // `2027年1月31日截止` / `due 2027-01-31`, and how late once overdue.
        let due =
            (zh ? line.deadline.chinese + "截止" : "due \(line.deadline)")
            + (line.daysLeft < 0 ? (zh ? "，已逾期 \(-line.daysLeft) 天" : ", \(-line.daysLeft) days overdue") : "")
        let what: String
        let subject: String
        switch line.current {
        case let current? where line.state == .rejected:
            subject =
                zh
                ? "[nianbao] 催报：\(name) \(status.year) 年报已退回，请修改后重新报送（\(due)）"
                : "[nianbao] Reminder: \(name) \(status.year) annual report was rejected; please submit a new version (\(due))"
            what =
                zh
                ? "贵单位 \(status.year) 年政府信息公开工作年度报告第 \(current.version) 次报送（\(current.filedDate)）未通过检查，已退回（\(errorsText(current))）。请按检查意见修改后重新报送。检查意见：共享目录中的 \(current.folder)/\(TerminalText.safe(current.finalName)).findings.txt"
                : "Version \(current.version) of your \(status.year) annual report (filed \(current.filedDate)) was rejected (\(errorsText(current))). Please fix what the findings note lists and submit it again. The note: \(current.folder)/\(TerminalText.safe(current.finalName)).findings.txt on the share."
        default:
            subject =
                zh
                ? "[nianbao] 催报：\(name) \(status.year) 年报尚未报送（\(due)）"
                : "[nianbao] Reminder: \(name) \(status.year) annual report not yet submitted (\(due))"
            what =
                zh
                ? "贵单位 \(status.year) 年政府信息公开工作年度报告尚未报送。请将报告放入共享目录的 inbox 文件夹。"
                : "Your \(status.year) annual report on government information disclosure has not been submitted yet. Please drop it into the inbox folder of the share."
        }
        let greeting =
            zh ? "\(reminder.contact.map(TerminalText.safe) ?? name)：" : "Dear \(reminder.contact.map(TerminalText.safe) ?? name),"
        let deadline = zh ? "截止日期：\(line.deadline.chinese)（\(daysText(line))）。" : "Due: \(line.deadline) (\(daysText(line)))."
        let closing =
            zh
            ? "此消息由 nianbao 自动发送，请勿回复。如已报送，请忽略本提醒。"
            : "Sent automatically by nianbao; please do not reply. If you have just submitted it, ignore this reminder."
        let body = [greeting, "", what, deadline, "", closing].joined(separator: "\n") + "\n"
        return DigestMessage(
            id: "reminder.\(status.year).\(DigestMessage.token(line.agency)).\(line.deadline).\(status.today)", event: .reminder,
            language: language, subject: subject, body: body, chatTitle: String(subject.dropFirst("[nianbao] ".count)),
            chatLines: [ChatMarkdown.plain(what), ChatMarkdown.plain(deadline)], recipients: reminder.address.map { [$0] } ?? [],
            madeAt: madeAt,
            fields: [
                JSONMember("year", .int(status.year)), JSONMember("today", .string(status.today.description)),
                JSONMember("agency", .string(line.agency)), JSONMember("state", .string(line.state.rawValue)),
                JSONMember("deadline", .string(line.deadline.description)), JSONMember("daysLeft", .int(line.daysLeft)),
                JSONMember("recipients", .array((reminder.address.map { [$0] } ?? []).map { .string($0) })),
            ])
    }
}

/// Which reminder went out: to whom (the agency), for which deadline, on which day.
public struct ReminderKey: Sendable, Hashable, Comparable {
    public var agency: String
    public var deadline: CivilDate
    public var day: CivilDate

    public init(agency: String, deadline: CivilDate, day: CivilDate) {
        self.agency = agency
        self.deadline = deadline
        self.day = day
    }

    /// One line of the state file: `DAY<TAB>DEADLINE<TAB>AGENCY` (tabs and line breaks in a name become spaces).
    public var line: String {
        let name = String(agency.map { $0 == "\t" || $0.isNewline ? " " : $0 })
        return "\(day)\t\(deadline)\t\(name)"
    }

    /// Reads a ``line``; nil for anything else.
    public init?(line: Substring) {
        let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let day = CivilDate(parsing: String(parts[0])), let deadline = CivilDate(parsing: String(parts[1])),
            !parts[2].isEmpty
        else { return nil }
        self.init(agency: String(parts[2]), deadline: deadline, day: day)
    }

    public static func < (a: ReminderKey, b: ReminderKey) -> Bool { (a.day, a.deadline, a.agency) < (b.day, b.deadline, b.agency) }
}

/// The reminders already sent, as the state file keeps them: one ``ReminderKey/line`` a line.
public struct ReminderLedger: Sendable, Hashable {
    public var sent: Set<ReminderKey>

    public init(sent: Set<ReminderKey> = []) {
        self.sent = sent
    }

    /// Reads the file's text, skipping lines it cannot read (a damaged line only risks one repeat).
    public init(text: String) {
        self.init(sent: Set(text.split(whereSeparator: \.isNewline).compactMap(ReminderKey.init(line:))))
    }

    /// The file's text, oldest first, keeping only the last `keepDays` days before `today` (the rest can never match again).
    public func text(today: CivilDate, keepDays: Int = 400) -> String {
        sent.filter { today.dayNumber - $0.day.dayNumber <= keepDays }.sorted().map { $0.line + "\n" }.joined()
    }
}
