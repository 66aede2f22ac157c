import Foundation
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// Drives the built `nianbao digest` on a register filled through the store API and a directory, with
/// mail through msmtp to a local SMTP receiver and a 企业微信 robot on scripts/robot-test-server.
@Suite("nianbao digest through msmtp and a robot", .offThePool, .serialized)
struct DigestCommandTests {
    static func record(_ agency: String, _ verdict: Verdict, filed: String) -> RegisterRecord {
        RegisterRecord(
            office: "", filedAt: OfficeCommandTests.micros(filed), finalName: Array("\(agency)-\(filed).txt".utf8),
            folder: verdict.rawValue, sha256: agency + filed, agencyTitled: agency, agencyMatched: agency, year: 2026,
            format: .format2021, verdict: verdict, errors: verdict == .accepted ? 0 : 2,
            codes: verdict == .accepted ? [] : ["FEE-001", "T3-SUM-001"])
    }

    /// Five agencies: 王村镇 accepted, 发改局 rejected, 教育局 and 县政府 nothing yet, 财政局 nothing and no 邮箱.
    struct Setup {
        let root: String
        let smtp: SMTPReceiver
        let robots: RobotTestServer
        var config: String { root + "/nianbao.conf" }

        init() async throws {
            root = try TemporaryRoot.makePath("digest")
            smtp = try SMTPReceiver()
            robots = try RobotTestServer()
            // Where `nianbao watch --root ROOT` keeps its register, and where the digest looks by default.
            try FileManager.default.createDirectory(
                atPath: root + "/" + RegisterLocation.embeddedFolder, withIntermediateDirectories: false)
            let store = try await SQLiteRegisterStore.open(
                path: root + "/" + RegisterLocation.embeddedFolder + "/" + RegisterLocation.embeddedFileName)
            _ = try await store.record([
                DigestCommandTests.record("王村镇人民政府", .accepted, filed: "2027-01-12"),
                DigestCommandTests.record("某某县发展和改革局", .rejected, filed: "2027-01-20"),
            ])
            try await store.close()
            try """
            名称,类型,联系人,邮箱
            王村镇人民政府,乡镇,张三,wangcun@example.org
            某某县发展和改革局,部门,,fgj@example.org
            某某县教育局,部门,王五,jyj@example.org
            某某县人民政府,县级以上政府,李四,xianfu@example.org
            某某县财政局,部门,,

            """.write(toFile: root + "/agencies.csv", atomically: true, encoding: .utf8)
            try """
            [Inbox]
            Root=\(root)
            [Register]
            Agencies=\(root)/agencies.csv
            [Notify]
            Sendmail=\(smtp.sendmail.joined(separator: " "))
            RemindDaysBefore=7
            [Notify.office-mail]
            Type=mail
            Route=office
            Reviewers=gongkai@example.org
            From=nianbao@example.org
            [Notify.agency-mail]
            Type=mail
            Route=agency
            From=nianbao@example.org
            [Notify.office-wecom]
            Type=wecom
            Route=office
            URL=\(robots.weComURL())

            """.write(toFile: config, atomically: true, encoding: .utf8)
        }

        /// `nianbao digest` for report year 2026 as if run on `today`, in a clean environment (no service variables).
        func digest(today: String) async throws -> ProcessRunner.Outcome {
            let binary = try #require(BuiltNianbao.locate())
            var environment = ProcessRunner.childEnvironment
            environment["STATE_DIRECTORY"] = nil
            environment["CREDENTIALS_DIRECTORY"] = nil
            return try await ProcessRunner.run(
                [binary.path, "digest", "--config", config, "--year", "2026", "--today", today, "--log-target", "stderr"],
                environment: environment)
        }

        func mail(to address: String) throws -> [SMTPReceiver.Received] {
            try smtp.messages().filter { $0.recipients == [address] }
        }
    }

    @Test func theOfficeGetsOneDigestWithTheCountsAndEachAgencyNotAcceptedOneReminderADay() async throws {
        let setup = try await Setup()
        defer { TemporaryRoot.remove(setup.root) }
        let first = try await setup.digest(today: "2027-01-25")
        #expect(first.status == 0, "\(first)")

        let digests = try setup.mail(to: "gongkai@example.org")
        let everyone = try setup.smtp.messages().map(\.recipients)
        try #require(digests.count == 1, "\(everyone)")
        let digest = digests[0]
        #expect(digest.subject == "[nianbao] 2026 年报收集情况（2027-01-25）：通过 1，退回 1，未报送 3")
        #expect(digest.header("Auto-Submitted") == "auto-generated")
        #expect(digest.header("Message-ID") == "<nianbao.digest.2026.2027-01-25.office-mail@example.org>")
        #expect(digest.body.contains("共 5 个机关：已通过 1 个，退回待重报 1 个，尚未报送 3 个。"))
        #expect(digest.body.contains("- 某某县发展和改革局：第 1 次报送于 2027-01-20 被退回（2 个错误：FEE-001、T3-SUM-001）"))
        #expect(digest.body.contains("今天已向 2 个机关发出催报提醒：某某县发展和改革局、某某县教育局。"))
        #expect(digest.body.contains("请电话联系：某某县财政局。"))

        // Reminders: the rejected and the missing department (due 1 月 31 日, 6 days left); not the
        // government (3 月 31 日), not the accepted township, not the agency without an address.
        let rejected = try setup.mail(to: "fgj@example.org")
        let missing = try setup.mail(to: "jyj@example.org")
        #expect(rejected.count == 1 && missing.count == 1)
        #expect(rejected.first?.subject == "[nianbao] 催报：某某县发展和改革局 2026 年报已退回，请修改后重新报送（2027年1月31日截止）")
        #expect(missing.first?.subject == "[nianbao] 催报：某某县教育局 2026 年报尚未报送（2027年1月31日截止）")
        #expect(missing.first?.body.hasPrefix("王五：\n") == true)
        #expect(missing.first?.header("Auto-Submitted") == "auto-generated")
        #expect(try setup.mail(to: "xianfu@example.org").isEmpty && setup.mail(to: "wangcun@example.org").isEmpty)
        #expect(try setup.smtp.messages().count == 3)

        // The robot: one verified 企业微信 markdown message with the counts.
        let posts = try setup.robots.requests()
        try #require(posts.count == 1)
        #expect(posts[0]["kind"] as? String == "wecom" && posts[0]["verified"] as? Bool == true, "\(posts[0])")
        let markdown = ((posts[0]["body"] as? [String: Any])?["markdown"] as? [String: Any])?["content"] as? String ?? ""
        #expect(markdown.hasPrefix("### 2026 年报收集情况（2027-01-25）：通过 1，退回 1，未报送 3\n"), "\(markdown)")
        #expect(markdown.contains("**尚未报送（3）**"))

        // The same day again (a manual run, a catch-up after a reboot): no reminder twice.
        let again = try await setup.digest(today: "2027-01-25")
        #expect(again.status == 0, "\(again)")
        #expect(try setup.mail(to: "fgj@example.org").count == 1 && setup.mail(to: "jyj@example.org").count == 1)
        let state = try String(contentsOfFile: setup.root + "/.register/digest-reminders.tsv", encoding: .utf8)
        #expect(state == "2027-01-25\t2027-01-31\t某某县发展和改革局\n2027-01-25\t2027-01-31\t某某县教育局\n")

        // The next day: reminded again, once.
        let next = try await setup.digest(today: "2027-01-26")
        #expect(next.status == 0, "\(next)")
        #expect(try setup.mail(to: "fgj@example.org").count == 2 && setup.mail(to: "jyj@example.org").count == 2)
    }

    @Test func theRegisterIsWhereDatabaseSaysWhenSet() async throws {
        let setup = try await Setup()
        defer { TemporaryRoot.remove(setup.root) }
        let elsewhere = setup.root + "/elsewhere.sqlite3"
        try FileManager.default.moveItem(
            atPath: setup.root + "/" + RegisterLocation.embeddedFolder + "/" + RegisterLocation.embeddedFileName, toPath: elsewhere)
        let config = try String(contentsOfFile: setup.config, encoding: .utf8)
        try config.replacingOccurrences(of: "[Register]\n", with: "[Register]\nDatabase=\(elsewhere)\n")
            .write(toFile: setup.config, atomically: true, encoding: .utf8)
        let binary = try #require(BuiltNianbao.locate())
        let outcome = try await ProcessRunner.run([
            binary.path, "digest", "--config", setup.config, "--year", "2026", "--today", "2027-01-25", "--dry-run",
        ])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.contains("共 5 个机关：已通过 1 个，退回待重报 1 个，尚未报送 3 个。"), "\(outcome)")
    }

    @Test func aDryRunPrintsWhatWouldBeSentAndSendsNothing() async throws {
        let setup = try await Setup()
        defer { TemporaryRoot.remove(setup.root) }
        let binary = try #require(BuiltNianbao.locate())
        let outcome = try await ProcessRunner.run([
            binary.path, "digest", "--config", setup.config, "--year", "2026", "--today", "2027-01-25", "--dry-run",
        ])
        #expect(outcome.status == 0, "\(outcome)")
        #expect(outcome.stdout.hasPrefix("2026 年报收集情况（2027-01-25）\n"))
        #expect(outcome.stdout.contains("--- To: jyj@example.org\nSubject: [nianbao] 催报：某某县教育局 2026 年报尚未报送（2027年1月31日截止）\n"))
        #expect(outcome.stdout.contains("--- 某某县财政局：名录中没有邮箱，不发提醒"))
        let posts = try setup.robots.requests()
        #expect(setup.smtp.count == 0 && posts.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: setup.root + "/.register/digest-reminders.tsv"))
    }

    @Test func aReceiverThatIsDownFailsTheRunAndTheReminderIsSentOnTheNextRun() async throws {
        let setup = try await Setup()
        defer { TemporaryRoot.remove(setup.root) }
        let working = try String(contentsOfFile: setup.config, encoding: .utf8)
        try working.replacingOccurrences(
            of: setup.smtp.sendmail.joined(separator: " "), with: try setup.smtp.downConfiguration().joined(separator: " ")
        )
        .write(toFile: setup.config, atomically: true, encoding: .utf8)
        let down = try await setup.digest(today: "2027-01-25")
        #expect(down.status == 1, "\(down)")
        #expect(down.stderr.contains("will retry"), "\(down)")
        #expect(setup.smtp.count == 0)
        try working.write(toFile: setup.config, atomically: true, encoding: .utf8)
        let back = try await setup.digest(today: "2027-01-25")
        #expect(back.status == 0, "\(back)")
        #expect(try setup.mail(to: "fgj@example.org").count == 1 && setup.mail(to: "gongkai@example.org").count == 1)
    }
}
