import Foundation
import ReportValidation
import Testing

/// The subject and body every channel leads with, in both languages.
@Suite struct NotificationTextTests {
    static let fee = Finding(
        code: "FEE-001", severity: .error,
        message: LocalizedText(zh: "未说明信息处理费的收取情况", en: "No statement on information processing fees"),
        location: Location(line: 40), evidence: nil, hint: LocalizedText(zh: "补充说明", en: "Add the statement"))
    static let warning = Finding(
        code: "TEXT-006", severity: .warning,
        message: LocalizedText(zh: "有错别字", en: "A typo"), location: .document, evidence: nil,
        hint: LocalizedText(zh: "改正", en: "Fix it"))

    static func notification(_ verdict: Verdict, findings: [Finding], version: Int? = nil) -> ReportValidation.Notification {
        ReportValidation.Notification(
            id: "0001", verdict: verdict, agencyTitled: "温县人民政府办公室", agencyMatched: "温县人民政府办公室",
            year: 2021, version: version, reportName: "温县2021.txt", notePath: "rejected/温县2021.txt.findings.txt",
            note: "检查意见全文\n", findings: findings, language: .zh, filedAt: 0)
    }

    @Test(
        "A rejected report's subject names the verdict, agency, year and the error's code",
        arguments: [
            (Language.zh, "[nianbao] 退回：温县人民政府办公室 2021 年报（FEE-001）"),
            (Language.en, "[nianbao] Rejected: 温县人民政府办公室 2021 annual report (FEE-001)"),
        ])
    func rejectedSubject(language: Language, expected: String) {
        #expect(NotificationText(language: language).subject(Self.notification(.rejected, findings: [Self.fee, Self.warning])) == expected)
    }

    @Test("An accepted report's subject carries no code; a later version says which")
    func acceptedSubject() {
        let text = NotificationText(language: .zh)
        #expect(text.subject(Self.notification(.accepted, findings: [Self.warning])) == "[nianbao] 通过：温县人民政府办公室 2021 年报")
        #expect(
            text.subject(Self.notification(.accepted, findings: [], version: 2))
                == "[nianbao] 通过：温县人民政府办公室 2021 年报（第 2 版）")
    }

    @Test("Many errors: two codes are named and the count of the rest")
    func manyErrors() {
        var second = Self.fee
        second.code = "T3-SUM-001"
        var third = Self.fee
        third.code = "T2-003"
        let subject = NotificationText(language: .zh).subject(Self.notification(.rejected, findings: [Self.fee, second, third]))
        #expect(subject == "[nianbao] 退回：温县人民政府办公室 2021 年报（FEE-001、T3-SUM-001 等 3 项）")
    }

    @Test("The body lists errors before warnings, where the note is, and the note itself")
    func body() {
        let body = NotificationText(language: .zh).body(Self.notification(.rejected, findings: [Self.warning, Self.fee]))
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let error = lines.firstIndex { $0.hasPrefix("- [错误] FEE-001 未说明信息处理费的收取情况（第40行）") }
        let warning = lines.firstIndex { $0.hasPrefix("- [警告] TEXT-006") }
        #expect(error != nil && warning != nil && error! < warning!)
        #expect(lines.contains("检查意见：共享目录中的 rejected/温县2021.txt.findings.txt"))
        #expect(lines.contains("检查意见全文"))
    }

    @Test(
        "The agency is taken from the title before the year",
        arguments: [
            ("温县人民政府办公室2021年政府信息公开工作年度报告", "温县人民政府办公室"),
            ("《北京市朝阳区财政局 2020 年政府信息公开工作年度报告》", "北京市朝阳区财政局"),
            ("某某镇政府信息公开工作年度报告", "某某镇"),
        ])
    func agencyFromTitle(title: String, agency: String) {
        #expect(ReportValidation.Notification.agency(fromTitle: title) == agency)
    }

    @Test("A notification survives the outbox's JSON round trip")
    func codable() throws {
        let original = Self.notification(.rejected, findings: [Self.fee])
        let decoded = try JSONDecoder().decode(ReportValidation.Notification.self, from: JSONEncoder().encode(original))
        #expect(decoded == original)
    }
}
