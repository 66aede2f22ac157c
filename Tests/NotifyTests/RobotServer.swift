import Foundation
import Glibc
import NianbaoTestSupport
import Notify
import ReportValidation

/// `scripts/robot-test-server` (``RobotTestServer``, shared with the tests that drive the built program)
/// with the robots' addresses as ``Secret``s for the channels under test.
final class RobotServer: Sendable {
    static let key = RobotTestServer.key
    static let secret = RobotTestServer.secret

    let server: RobotTestServer
    var port: Int { server.port }

    /// Starts the server and waits for it to listen (blocking: call it off the cooperative pool).
    init() throws {
        server = try RobotTestServer()
    }

    /// The robot's address on this server, answering as `scenario` says (`ok`, `errcode-N`, `status-N`, `redirect`).
    func address(_ kind: RobotKind, _ scenario: String = "ok", key: String = RobotServer.key) -> Secret {
        let base = "http://127.0.0.1:\(port)/\(scenario)"
        let url =
            switch kind {
            case .weCom: "\(base)/cgi-bin/webhook/send?key=\(key)"
            case .dingTalk: "\(base)/robot/send?access_token=\(key)"
            case .feishu: "\(base)/open-apis/bot/v2/hook/\(key)"
            case .webhook: "\(base)/webhook"
            }
        return Secret(Array(url.utf8))
    }

    /// Every request received so far, oldest first, as the server logged it.
    func requests() throws -> [[String: Any]] { try server.requests() }
}

struct ServerDidNotStart: Error, CustomStringConvertible {
    var output: String
    var description: String { "robot-test-server did not start: \(output)" }
}

/// Verdicts as the notifier would hand them over (`ReportValidation.` because Foundation has a `Notification` too).
enum SampleNotices {
    static func finding(_ code: RuleCode, _ severity: Severity = .error, _ zh: String) -> Finding {
        Finding(
            code: code, severity: severity, message: LocalizedText(zh: zh, en: zh), location: .document, evidence: nil,
            hint: LocalizedText(zh: "", en: ""))
    }

    static func rejected(_ index: Int = 1, agency: String = "温县人民政府办公室") -> ReportValidation.Notification {
        ReportValidation.Notification(
            id: "nb-2021-\(index)", verdict: .rejected, agencyTitled: agency, agencyMatched: agency, year: 2021,
            reportName: "温县_2021年报（第\(index)版）.docx", notePath: "rejected/温县_2021年报.docx.findings.txt",
            note: "结论：不通过（2 个错误，1 个警告）\n",
            findings: [
                finding("FEE-001", .error, "未说明信息处理费的收取情况"),
                finding("T3-SUM-001", .error, "表三 自然人 一+二 与 总计 不符"),
                finding("TEXT-006", .warning, "中文中夹有英文单词"),
            ],
            language: .zh, filedAt: 1_764_667_800_000_000)
    }

    static func accepted(_ index: Int = 1) -> ReportValidation.Notification {
        ReportValidation.Notification(
            id: "nb-acc-\(index)", verdict: .accepted, agencyTitled: "孟州市教育局", agencyMatched: "孟州市教育局", year: 2022,
            reportName: "孟州市教育局2022年报.pdf", notePath: "accepted/孟州市教育局2022年报.pdf.findings.txt",
            note: "结论：通过（0 个错误，0 个警告）\n", findings: [], language: .zh, filedAt: 1_764_667_860_000_000)
    }

    /// The Unix time in milliseconds: the robots refuse signatures more than an hour old.
    static var now: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// Each as routing hands it to a chat channel: no recipients, the group is the target.
    static func deliveries(_ notifications: [ReportValidation.Notification]) -> [Delivery] {
        notifications.map { Delivery(notification: $0) }
    }
}
