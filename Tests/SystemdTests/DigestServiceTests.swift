import Foundation
import NianbaoTestSupport
import Testing

/// The shipped nianbao-digest.service under a real systemd (``OverlaySandbox``: PID 1 over an overlay of
/// `/`), installed by `scripts/install`: it runs under its own hardening, reaches msmtp and through it an
/// SMTP receiver on 127.0.0.1, keeps its state in `StateDirectory=`, and its timer is scheduled.
@Suite(
    .serialized, .offThePool,
    .disabled(
        if: OverlaySandbox.unavailableReason != nil,
        Comment(rawValue: "skipped: " + (OverlaySandbox.unavailableReason ?? ""))))
struct DigestServiceTests {
    @Test func theHardenedDigestUnitSendsTheDigestAndRemindersThroughMsmtp() throws {
        let before = HostFootprint.now()
        let receiver = try SMTPReceiver()
        let sandbox = try OverlaySandbox()
        defer { sandbox.tearDown() }
        let root = try sandbox.shell("findmnt -n -o FSTYPE /").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(root == "overlay", "the namespace's / is \(root), not the overlay: refusing to install")
        let install = try sandbox.shell("scripts/install", environment: ["NIANBAO_BIN": Package.binary() ?? ""])
        try #require(install.status == 0, "\(install)")

        // What an administrator writes: the directory, a relay for msmtp, two mail channels.
        let files = [
            "/etc/nianbao/agencies.csv": "名称,类型,邮箱\n王村镇人民政府,乡镇,wangcun@example.org\n某某县人民政府,县级以上政府,xianfu@example.org\n",
            "/etc/nianbao/msmtprc": "defaults\nauth off\ntls off\nsyslog off\naccount default\nhost 127.0.0.1\nport \(receiver.port)\n",
            "/etc/nianbao/nianbao.conf": """
            [Register]
            Agencies=/etc/nianbao/agencies.csv
            [Notify]
            Sendmail=/usr/bin/msmtp -C /etc/nianbao/msmtprc
            [Notify.office-mail]
            Type=mail
            Route=office
            Reviewers=gongkai@example.org
            From=nianbao@example.org
            [Notify.agency-mail]
            Type=mail
            Route=agency
            From=nianbao@example.org

            """,
            // The day is fixed so that a reminder is due (1 月 31 日 for 乡镇, 6 days away).
            "/etc/systemd/system/nianbao-digest.service.d/test.conf": """
            [Service]
            ExecStart=
            ExecStart=/usr/local/bin/nianbao digest --config /etc/nianbao/nianbao.conf --year 2026 --today 2027-01-25

            """,
        ]
        for (path, text) in files {
            let encoded = Data(text.utf8).base64EncodedString()
            let written = try sandbox.shell(
                "mkdir -p \"$(dirname \(path))\" && echo \(encoded) | base64 -d > \(path) && chmod 0644 \(path)")
            try #require(written.status == 0, "\(written)")
        }
        try #require(try sandbox.shell("systemctl daemon-reload").status == 0)

        let run = try sandbox.shell("systemctl start nianbao-digest")
        let log = try sandbox.shell("journalctl -u nianbao-digest --no-pager -o cat").stdout
        #expect(run.status == 0, "\(run)\n\(log)\n\(sandbox.diagnostics)")
        #expect(try sandbox.property("Result", of: "nianbao-digest.service") == "success", "\(log)")
        let messages = try receiver.messages()
        #expect(
            messages.map(\.recipients).sorted { $0.first ?? "" < $1.first ?? "" } == [["gongkai@example.org"], ["wangcun@example.org"]],
            "\(log)")
        #expect(
            messages.first { $0.recipients == ["gongkai@example.org"] }?.subject
                == "[nianbao] 2026 年报收集情况（2027-01-25）：通过 0，退回 0，未报送 2")
        let state = try sandbox.shell("cat /var/lib/nianbao/digest-reminders.tsv")
        #expect(state.stdout == "2027-01-25\t2027-01-31\t王村镇人民政府\n", "\(state)")

        // Started again the same day: the office's digest again, the reminder not.
        #expect(try sandbox.shell("systemctl start nianbao-digest").status == 0)
        #expect(try receiver.messages().filter { $0.recipients == ["wangcun@example.org"] }.count == 1)

        // The timer is installed, loads, and is scheduled once enabled.
        #expect(try sandbox.shell("systemctl enable --now nianbao-digest.timer").status == 0)
        #expect(try sandbox.property("ActiveState", of: "nianbao-digest.timer") == "active")
        #expect(try sandbox.property("Persistent", of: "nianbao-digest.timer") == "yes")
        #expect(!(try sandbox.property("NextElapseUSecRealtime", of: "nianbao-digest.timer")).isEmpty)

        sandbox.tearDown()
        let leaked = HostFootprint.now().existing.subtracting(before.existing)
        #expect(leaked.isEmpty, "the install leaked onto the host: \(leaked.sorted())")
    }
}
