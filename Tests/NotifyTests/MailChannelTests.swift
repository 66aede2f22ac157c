import Foundation
import NianbaoTestSupport
import Notify
import ReportValidation
import Testing

/// The mail channel through a real MTA: msmtp-mta as `sendmail`, relaying to an aiosmtpd receiver on
/// 127.0.0.1; each received message is read back header by header.
@Suite("mail through msmtp to a local SMTP receiver", .offThePool, .serialized)
struct MailChannelTests {
    /// A rejection with one error, as in the example subject.
    static func rejection(language: Language) -> ReportValidation.Notification {
        ReportValidation.Notification(
            id: "nb-2021-7", verdict: .rejected, agencyTitled: "温县人民政府办公室", agencyMatched: "温县人民政府办公室",
            year: 2021, reportName: "温县_2021年报.docx", notePath: "rejected/温县_2021年报.docx.findings.txt",
            note: "结论：不通过（1 个错误，0 个警告）\n错误 FEE-001：未说明信息处理费的收取情况\n",
            findings: [SampleNotices.finding("FEE-001", .error, "未说明信息处理费的收取情况")],
            language: language, filedAt: 1_764_667_800_000_000)
    }

    static func channel(_ receiver: SMTPReceiver, sendmail: [String]? = nil, language: Language = .zh) -> SendmailChannel {
        var configuration = ChannelConfiguration(name: "office", kind: .mail)
        configuration.from = "nianbao@example.org"
        configuration.language = language
        return SendmailChannel(configuration: configuration, sendmail: sendmail ?? receiver.sendmail)
    }

    @Test(
        "the received message is auto-generated, has the stable Message-ID, the UTF-8 subject and the note as body",
        arguments: [Language.zh, .en])
    func receivedHeaderByHeader(language: Language) async throws {
        let receiver = try SMTPReceiver()
        let notice = Self.rejection(language: language)
        let receipt = try await Self.channel(receiver, language: language).deliver([
            Delivery(notification: notice, recipients: ["wenxian@example.org"])
        ])
        #expect(receipt.answer.contains("<nianbao.nb-2021-7.office@example.org>"))
        let messages = try receiver.messages()
        try #require(messages.count == 1)
        let mail = messages[0]
        #expect(mail.sender == "nianbao@example.org")
        #expect(mail.recipients == ["wenxian@example.org"])
        #expect(mail.header("Auto-Submitted") == "auto-generated")
        #expect(mail.header("Message-ID") == "<nianbao.nb-2021-7.office@example.org>")
        #expect(mail.header("From") == "nianbao@example.org")
        #expect(mail.header("To") == "wenxian@example.org")
        #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
        let text = NotificationText(language: language)
        // The raw header is ASCII (RFC 2047 words); decoded it is the subject the text gives.
        #expect(mail.header("Subject")?.unicodeScalars.allSatisfy(\.isASCII) == true)
        #expect(mail.subject == text.subject(notice))
        if language == .zh {
            #expect(mail.subject == "[nianbao] 退回：温县人民政府办公室 2021 年报（FEE-001）")
        } else {
            #expect(mail.subject == "[nianbao] Rejected: 温县人民政府办公室 2021 annual report (FEE-001)")
        }
        #expect(mail.body == text.body(notice))
        #expect(mail.body.contains(notice.note))
    }

    @Test("a relay that wants a login gets the password from the channel's credential file, and sendmail sees only its path")
    func relayLoginWithTheCredentialFile() async throws {
        let password = "relay-\(UInt32.random(in: 0 ... .max))"
        let receiver = try SMTPReceiver(password: password)
        let file = receiver.folder + "/smtp-password"
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: file))
        var configuration = ChannelConfiguration(name: "office", kind: .mail)
        configuration.from = "nianbao@example.org"
        let notice = Self.rejection(language: .zh)
        let delivery = Delivery(notification: notice, recipients: ["wenxian@example.org"])

        let receipt = try await SendmailChannel(configuration: configuration, sendmail: receiver.sendmail, passwordFile: file)
            .deliver([delivery])
        #expect(!receipt.answer.contains(password))
        #expect(try receiver.messages().map(\.recipients) == [["wenxian@example.org"]])

        // Without the credential the relay refuses to take the mail; retrying cannot help.
        let refused = await #expect(throws: DeliveryError.self) {
            try await SendmailChannel(configuration: configuration, sendmail: receiver.sendmail).deliver([delivery])
        }
        #expect(refused?.isTransient == false, "\(String(describing: refused))")
        #expect(try receiver.messages().count == 1)
    }

    @Test("the same notification sent again is the same message: its Message-ID does not change")
    func resentMessageKeepsItsID() async throws {
        let receiver = try SMTPReceiver()
        let delivery = Delivery(notification: Self.rejection(language: .zh), recipients: ["wenxian@example.org"])
        _ = try await Self.channel(receiver).deliver([delivery])
        _ = try await Self.channel(receiver).deliver([delivery])
        let ids = try receiver.messages().map { $0.header("Message-ID") }
        #expect(ids.count == 2)
        #expect(Set(ids).count == 1)
    }

    @Test("a receiver that is down is a transient error: the outbox tries again")
    func receiverDownIsTransient() async throws {
        let receiver = try SMTPReceiver()
        let channel = Self.channel(receiver, sendmail: try receiver.downConfiguration())
        let error = await #expect(throws: DeliveryError.self) {
            _ = try await channel.deliver([Delivery(notification: Self.rejection(language: .zh), recipients: ["wenxian@example.org"])])
        }
        #expect(error?.isTransient == true, "\(String(describing: error))")
        #expect(receiver.count == 0)
    }

    @Test("an address the server refuses is a permanent error: retrying cannot help")
    func refusedAddressIsPermanent() async throws {
        let receiver = try SMTPReceiver()
        let error = await #expect(throws: DeliveryError.self) {
            _ = try await Self.channel(receiver).deliver([
                Delivery(notification: Self.rejection(language: .zh), recipients: ["nobody@\(SMTPReceiver.refusedDomain)"])
            ])
        }
        #expect(error?.isTransient == false, "\(String(describing: error))")
        #expect(error?.reason.contains("550") == true || error?.reason.contains("exited 65") == true, "\(String(describing: error))")
        #expect(receiver.count == 0)
    }
}
