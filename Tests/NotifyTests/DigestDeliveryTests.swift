import Foundation
import Inbox
import NianbaoTestSupport
import Notify
import ReportValidation
import Testing

/// The digest through every kind of channel: signed robots and webhook on scripts/robot-test-server, a
/// command hook given the digest document, mail through msmtp to a local receiver.
@Suite("digest through every channel kind", .offThePool, .serialized)
struct DigestDeliveryTests {
    static let directory = try! AgencyDirectory.parse(text: "名称,类型,邮箱\n王村镇人民政府,乡镇,wangcun@example.org\n某某县教育局,部门,\n").get()

    static var digest: DigestMessage {
        let status = CollectionStatus(
            year: 2026, today: CivilDate(year: 2027, month: 1, day: 25), directory: directory,
            submissions: [
                OfficeSubmission(
                    agency: "王村镇人民政府", agencyTitled: "王村镇人民政府", inDirectory: true, year: 2026, version: 1,
                    verdict: .rejected, filedAt: 1_800_000_000_000_000, finalName: "王村镇2026年报.docx", folder: "rejected",
                    errors: 1, warnings: 0, codes: ["FEE-001"])
            ])
        return OfficeDigest(status: status, directory: directory, language: .zh, remindDaysBefore: 7, madeAt: 1_800_000_000_000_000)
            .digest(reminded: [])
    }

    /// A credentials folder holding `secret` under `name` (and under the `nianbao_` prefix a directory
    /// LoadCredential= gives), the way systemd hands it over.
    static func credentials(_ name: String, _ secret: String) throws -> (CredentialStore, String) {
        let folder = try TemporaryRoot.makePath("credentials")
        for file in [name, "nianbao_" + name] {
            try secret.write(toFile: folder + "/" + file, atomically: true, encoding: .utf8)
        }
        return (CredentialStore(directory: folder), folder)
    }

    @Test(
        "each robot and the webhook get one signed message that passes the vendor's check",
        arguments: [ChannelKind.wecom, .dingtalk, .feishu, .webhook])
    func signedRobotsAndWebhook(kind: ChannelKind) async throws {
        let server = try RobotTestServer()
        let (store, folder) = try Self.credentials("signing", RobotTestServer.secret)
        defer { TemporaryRoot.remove(folder) }
        var channel = ChannelConfiguration(name: "office", kind: kind)
        let base = "http://127.0.0.1:\(server.port)/ok"
        channel.url =
            switch kind {
            case .wecom: server.weComURL()
            case .dingtalk: "\(base)/robot/send?access_token=\(RobotTestServer.key)"
            case .feishu: "\(base)/open-apis/bot/v2/hook/\(RobotTestServer.key)"
            default: "\(base)/webhook"
            }
        if kind != .wecom { channel.secretCredential = "signing" }
        let message = Self.digest
        let configured = channel
        let receipt = try await DigestDelivery.with(settings: NotifySettings(), credentials: store, logger: CapturedLog().logger) {
            try await $0.send(message, on: configured, to: [])
        }
        #expect(!receipt.answer.isEmpty)
        let requests = try server.requests()
        try #require(requests.count == 1)
        #expect(requests[0]["verified"] as? Bool == true, "\(requests[0])")
        let body = String(decoding: try JSONSerialization.data(withJSONObject: requests[0]["body"] ?? [:]), as: UTF8.self)
        #expect(body.contains("2026 年报收集情况"), "\(body)")
        if kind == .webhook {
            let document = requests[0]["body"] as? [String: Any]
            #expect(document?["schema"] as? String == "nianbao.digest" && document?["event"] as? String == "digest")
            #expect((document?["counts"] as? [String: Any])?["rejected"] as? Int == 1)
            #expect((requests[0]["headers"] as? [String: Any])?["x-nianbao-delivery"] as? String == message.id)
        }
    }

    @Test func theCommandHookGetsTheDigestDocumentOnStandardInput() async throws {
        let folder = try TemporaryRoot.makePath("digest-hook")
        defer { TemporaryRoot.remove(folder) }
        try ScriptFile.write(folder + "/hook", "#!/bin/sh\ncat > \(folder)/stdin\necho \"$NIANBAO_HOOK\"\n")
        var channel = ChannelConfiguration(name: "archive", kind: .exec)
        channel.exec = [folder + "/hook"]
        let configured = channel
        let receipt = try await DigestDelivery.with(
            settings: NotifySettings(), credentials: CredentialStore(directory: nil),
            logger: CapturedLog().logger
        ) { try await $0.send(Self.digest, on: configured, to: []) }
        #expect(receipt.answer == "exit 0: archive")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/stdin"))) as? [String: Any]
        #expect(document?["schema"] as? String == "nianbao.digest")
        #expect((document?["agencies"] as? [[String: Any]])?.map { $0["agency"] as? String } == ["王村镇人民政府", "某某县教育局"])
    }

    @Test func mailGoesToTheRecipientsGivenWithTheDaysMessageID() async throws {
        let receiver = try SMTPReceiver()
        var settings = NotifySettings()
        settings.sendmail = receiver.sendmail
        var channel = ChannelConfiguration(name: "office-mail", kind: .mail)
        channel.from = "nianbao@example.org"
        let (configured, relay) = (channel, settings)
        _ = try await DigestDelivery.with(settings: relay, credentials: CredentialStore(directory: nil), logger: CapturedLog().logger) {
            try await $0.send(Self.digest, on: configured, to: ["gongkai@example.org", "zhang@example.org"])
        }
        let messages = try receiver.messages()
        try #require(messages.count == 1)
        #expect(messages[0].recipients == ["gongkai@example.org", "zhang@example.org"])
        #expect(messages[0].header("Message-ID") == "<nianbao.digest.2026.2027-01-25.office-mail@example.org>")
        #expect(messages[0].subject == Self.digest.subject)
        #expect(messages[0].body == Self.digest.body)
    }
}
