import Foundation
import Inbox
import Notify
import ReportValidation
import Testing

/// The notifier's sections of `nianbao.conf`: read by the notifier, skipped by the daemon.
@Suite struct NotifyConfigurationTests {
    static let text = """
        [Inbox]
        Root=/srv/nianbao

        [Notify]
        MaximumAge=1d

        [Notify.office-mail]
        Type=mail
        Route=both
        Verdicts=all
        Reviewers=gongkai@example.gov.cn  shenhe@example.gov.cn
        From=nianbao@example.gov.cn

        [Notify.group]
        Type=dingtalk
        Route=office
        Verdicts=rejected
        URLCredential=dingtalk-url
        Secret=dingtalk-secret
        """

    @Test("Each [Notify.NAME] section is one channel with its keys; [Notify] holds the notifier's own")
    func parsesChannels() throws {
        let settings = try NotifyConfiguration.parse(text: Self.text, path: "nianbao.conf")
        #expect(settings.maximumAge == .seconds(86_400))
        #expect(settings.channels.map(\.name) == ["office-mail", "group"])
        let mail = try #require(settings.channel(named: "office-mail"))
        #expect(mail.kind == .mail && mail.route == .both && mail.wants(.accepted))
        #expect(mail.reviewers == ["gongkai@example.gov.cn", "shenhe@example.gov.cn"])
        let group = try #require(settings.channel(named: "group"))
        #expect(group.kind == .dingtalk && !group.wants(.accepted) && group.wants(.rejected))
        #expect(group.secretCredential == "dingtalk-secret" && group.urlCredential == "dingtalk-url")
    }

    @Test("The daemon's parser skips the notifier's sections")
    func daemonSkipsNotifySections() throws {
        let settings = try DaemonConfiguration.parse(text: Self.text, path: "nianbao.conf")
        #expect(settings.root == "/srv/nianbao")
    }

    @Test(
        "Mistakes are refused naming the line",
        arguments: [
            ("[Notify.x]\nType=fax\n", 2),
            ("[Notify.x]\nType=mail\nRoot=/srv\n", 3),
            ("[Notify.x]\nType=webhook\nSecret=/etc/secret\n", 3),
            ("[Notify.x y]\nType=mail\n", 1),
        ])
    func refusesMistakes(text: String, line: Int) {
        #expect(throws: ConfigurationError.self) { try NotifyConfiguration.parse(text: text, path: "c") }
        do {
            _ = try NotifyConfiguration.parse(text: text, path: "c")
        } catch {
            #expect(error.line == line)
        }
    }

    @Test("A channel without Type= is refused")
    func needsType() {
        #expect(throws: ConfigurationError.self) { try NotifyConfiguration.parse(text: "[Notify.x]\nRoute=office\n", path: "c") }
    }

    /// `etc/nianbao.conf` in the source tree.
    static let shippedPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("etc/nianbao.conf").path

    @Test("The shipped file configures no channel, and each of its examples parses once uncommented")
    func shippedExamples() throws {
        #expect(try NotifyConfiguration.load(path: Self.shippedPath).channels.isEmpty)
        let text = try String(contentsOfFile: Self.shippedPath, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "#[Notify]"))
        let uncommented =
            lines[..<start]
            + lines[start...].map { line in
                line.count > 1 && (line.dropFirst().first!.isUppercase || line.dropFirst().first == "[") ? String(line.dropFirst()) : line
            }
        let settings = try NotifyConfiguration.parse(text: uncommented.joined(separator: "\n"), path: "uncommented")
        #expect(Set(settings.channels.map(\.kind)) == Set(ChannelKind.allCases))
        #expect(try DaemonConfiguration.parse(text: uncommented.joined(separator: "\n"), path: "uncommented") == InboxSettings())
    }
}
