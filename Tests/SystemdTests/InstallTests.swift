import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// README.md's administrator section, run as written in a throwaway copy of this machine
/// (``OverlaySandbox``: a real systemd as PID 1 over an overlay of `/`): `scripts/install` as shipped,
/// `systemctl enable --now nianbao`, `usermod -aG nianbao alice`, then what the section promises —
/// status line, drops by a group member, verdicts in folders and journal, catalog text, reload,
/// a refused bad config, a clean stop, and a second install that keeps an edited config. After each
/// test the host must show none of it.
@Suite(
    .serialized, .offThePool,
    .disabled(
        if: OverlaySandbox.unavailableReason != nil,
        Comment(rawValue: "skipped: " + (OverlaySandbox.unavailableReason ?? ""))))
struct InstallTests {
    static let fixtures = "Tests/ReportValidationTests/Fixtures"
    static let accepted = ["000_e80fb3b6824ca3a9.txt", "004_e3c8bab7fbea5405.txt"]
    static let rejected = ["001_42627c3d927ac9aa.txt", "002_0843dfdf5e1a4b6d.txt", "003_c85c81ce81ca680c.txt"]
    /// The journal fields the README lists for every verdict entry.
    static let verdictFields = [
        "NIANBAO_REPORT", "NIANBAO_VERDICT", "NIANBAO_ERRORS", "NIANBAO_WARNINGS",
        "NIANBAO_RULES", "NIANBAO_FINDINGS", "NIANBAO_SHA256", "NIANBAO_SIZE", "NIANBAO_DURATION_USEC",
    ]

    /// The commands of the first `sh` block under "Running it as a systemd service (administrators)",
    /// comments stripped: the test runs exactly what the README tells administrators to type.
    static func administratorCommands() throws -> [String] {
        let readme = try String(contentsOfFile: Package.path("README.md"), encoding: .utf8)
        guard let heading = readme.range(of: "### Running it as a systemd service (administrators)") else {
            throw SandboxError("README.md has no administrator section")
        }
        let section = readme[heading.upperBound...]
        guard let open = section.range(of: "```sh\n"),
            let close = section[open.upperBound...].range(of: "```")
        else {
            throw SandboxError("the administrator section has no sh block")
        }
        return section[open.upperBound..<close.lowerBound].split(separator: "\n").map {
            $0.replacingOccurrences(of: #"\s+#.*$"#, with: "", options: .regularExpression)
                .trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// `scripts/install` with the binary this test run built (`NIANBAO_BIN` skips the release build).
    static var installEnvironment: [String: String] { ["NIANBAO_BIN": Package.binary() ?? ""] }

    /// A booted sandbox that has passed the safety checks, with `scripts/install` and
    /// `systemctl enable --now nianbao` done as the README says (every block command runs when `all`).
    func installed(all: Bool) throws -> (OverlaySandbox, install: Command.Result) {
        let sandbox = try OverlaySandbox()
        try expectIsolated(sandbox)
        let commands = try Self.administratorCommands()
        try #require(
            commands.first == "scripts/install" && commands.contains("systemctl enable --now nianbao"),
            "the administrator section changed: \(commands)")
        // A fresh machine has people's accounts: create each one the block adds to the group.
        for command in commands where command.hasPrefix("usermod ") {
            let user = String(command.split(separator: " ").last!)
            try #require(try sandbox.shell("id -u \(user) >/dev/null 2>&1 || useradd \(user)").status == 0)
        }
        var install: Command.Result?
        for command in all ? commands : Array(commands.prefix { !$0.hasPrefix("usermod ") }) {
            let result = try sandbox.shell(command, environment: Self.installEnvironment)
            try #require(result.status == 0, "`\(command)` failed: \(result)\n\(sandbox.diagnostics)")
            if command == "scripts/install" { install = result }
        }
        return (sandbox, try #require(install))
    }

    /// The namespace's root is the overlay, and the manager loaded nothing of the host's but journald:
    /// no sysctl, tmpfiles, timesyncd… (they would change the shared kernel or the real /tmp).
    func expectIsolated(_ sandbox: OverlaySandbox) throws {
        let root = try sandbox.shell("findmnt -n -o FSTYPE /").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(root == "overlay", "the namespace's / is \(root), not the overlay: refusing to install")
        for unit in [
            "systemd-sysctl.service", "systemd-tmpfiles-setup.service", "systemd-tmpfiles-clean.timer",
            "systemd-timesyncd.service", "systemd-remount-fs.service", "getty@tty1.service",
        ] {
            #expect(try sandbox.property("LoadState", of: unit) == "not-found", "\(unit) is visible to the sandbox's systemd")
        }
        let active = try sandbox.shell("systemctl list-units --state=active --plain --no-legend --no-pager")
            .stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        let allowed: Set = [
            "systemd-journald.service", "nianbao.service", "systemd-journald.socket",
            "systemd-journald-dev-log.socket",
        ]
        let unexpected = active.filter { name in
            [".service", ".socket", ".timer", ".path"].contains { name.hasSuffix($0) } && !allowed.contains(name)
        }
        try #require(unexpected.isEmpty, "the sandbox runs units it must not: \(unexpected)")
    }

    /// The host after teardown: nothing the install wrote, no user, no catalog rebuild, no cgroup, no init.
    func expectHostUnchanged(since before: HostFootprint, sandbox: OverlaySandbox) {
        let initPID = sandbox.initPID
        let cgroup = sandbox.cgroup
        sandbox.tearDown()
        #expect(kill(initPID, 0) != 0, "the sandbox's init \(initPID) still runs")
        let after = HostFootprint.now()
        for path in before.existing.sorted() {
            print("InstallTests: note: \(path) existed on the host before the test; its absence is not checked")
        }
        for account in before.accounts.sorted() {
            print("InstallTests: note: the host already had an account \(account); its absence is not checked")
        }
        #expect(
            after.existing.subtracting(before.existing).isEmpty,
            "the install leaked onto the host: \(after.existing.subtracting(before.existing).sorted())")
        #expect(
            after.accounts.subtracting(before.accounts).isEmpty,
            "accounts leaked into the host's /etc/passwd or /etc/group: \(after.accounts.subtracting(before.accounts).sorted())")
        #expect(after.catalogDatabase == before.catalogDatabase, "the host's catalog database was rewritten")
        for hierarchy in ["/sys/fs/cgroup", "/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"] {
            #expect(!FileManager.default.fileExists(atPath: hierarchy + "/" + cgroup), "cgroup \(hierarchy)/\(cgroup) left behind")
        }
        #expect(!FileManager.default.fileExists(atPath: sandbox.folder), "\(sandbox.folder) left behind")
    }

    /// Polls until the inbox is empty and the five samples are filed.
    func waitUntilFiled(_ sandbox: OverlaySandbox, _ names: [String]) -> Bool {
        Command.waitUntil(
            "\(names) filed, inbox empty",
            progress: {
                sandbox.names(in: "/srv/nianbao/accepted").count + sandbox.names(in: "/srv/nianbao/rejected").count
            }
        ) {
            let out = Set(sandbox.names(in: "/srv/nianbao/accepted") + sandbox.names(in: "/srv/nianbao/rejected"))
            return names.allSatisfy(out.contains) && sandbox.names(in: "/srv/nianbao/inbox").isEmpty
        }
    }

    /// `journalctl ARGS -o json` inside, one object per entry.
    func journal(_ sandbox: OverlaySandbox, _ arguments: String) throws -> [[String: Any]] {
        try sandbox.shell("journalctl \(arguments) -o json").stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func administratorSectionWorksAsWritten() throws {
        let before = HostFootprint.now()
        let (sandbox, install) = try installed(all: true)
        #expect(install.stdout.contains("config → /etc/nianbao/nianbao.conf"), "\(install)")
        #expect(!install.stdout.contains("systemd is not running as PID 1"), "install did not see systemd: \(install)")
        #expect(install.stderr.contains("Creating user 'nianbao'"), "\(install)")

        // Enabled, started, ready: the unit from /etc/systemd/system, with the live status line.
        #expect(try sandbox.property("ActiveState") == "active", "\(sandbox.diagnostics)")
        #expect(try sandbox.property("UnitFileState") == "enabled")
        #expect(try sandbox.property("FragmentPath") == "/etc/systemd/system/nianbao.service")
        #expect(try sandbox.property("StatusText").hasPrefix("watching /srv/nianbao/inbox"))
        let status = try sandbox.shell("systemctl status nianbao")
        #expect(status.status == 0, "\(status)")
        #expect(status.stdout.contains("Loaded: loaded (/etc/systemd/system/nianbao.service; enabled"), "\(status.stdout)")
        #expect(status.stdout.contains("Active: active (running)"), "\(status.stdout)")
        #expect(status.stdout.contains("Status: \"watching /srv/nianbao/inbox"), "\(status.stdout)")
        #expect(status.stdout.contains("/usr/local/bin/nianbao watch --config /etc/nianbao/nianbao.conf"), "\(status.stdout)")
        // The notifier came up with the daemon (Wants=), under its own hardening, with the outbox in the state directory.
        #expect(
            Command.waitUntil("nianbao-notify active") { (try? sandbox.shell("systemctl is-active nianbao-notify").stdout) == "active\n" },
            "\(sandbox.diagnostics)")
        let mainPID = try sandbox.property("MainPID")

        // alice, added to the group by the README's usermod, drops the samples the way README's demo does.
        // The checkout may sit in a folder only root can enter (a 0700 mktemp folder, /root): root first
        // puts the samples where any user can read them, as a Samba share would hold them.
        let staged = "/var/tmp/nianbao-samples"
        let stage = try sandbox.shell("install -d -m 0755 \(staged) && install -m 0644 \(Self.fixtures)/*.txt \(staged)/")
        try #require(stage.status == 0, "\(stage)")
        let drop = try sandbox.shell("runuser -u alice -- cp \(staged)/*.txt /srv/nianbao/inbox/")
        try #require(drop.status == 0, "alice cannot drop into the inbox: \(drop)")
        try #require(waitUntilFiled(sandbox, Self.accepted + Self.rejected), "not filed\n\(sandbox.diagnostics)")

        // Each report unchanged next to its three findings files, where the README says.
        for (folder, names, verdict) in [("accepted", Self.accepted, "结论：通过"), ("rejected", Self.rejected, "结论：不通过")] {
            let expected = names.flatMap { [$0, $0 + ".findings.html", $0 + ".findings.json", $0 + ".findings.txt"] }.sorted()
            #expect(sandbox.names(in: "/srv/nianbao/\(folder)") == expected)
            for name in names {
                let report = FileManager.default.contents(atPath: sandbox.path("/srv/nianbao/\(folder)/\(name)"))
                #expect(report == FileManager.default.contents(atPath: Package.path("\(Self.fixtures)/\(name)")), "\(name) changed")
                // The notes are readable by alice, a member of the group, and by no one else.
                let notes = try sandbox.shell("runuser -u alice -- cat /srv/nianbao/\(folder)/\(name).findings.txt")
                #expect(notes.status == 0 && notes.stdout.hasPrefix(verdict), "alice cannot read the notes of \(name): \(notes)")
                let other = try sandbox.shell("runuser -u nobody -- cat /srv/nianbao/\(folder)/\(name).findings.txt")
                #expect(other.status != 0, "a user outside the group reads the notes of \(name)")
            }
        }
        var summary = ""
        #expect(
            try Command.waitUntil {
                summary = try sandbox.property("StatusText")
                return summary.contains("accepted 2") && summary.contains("rejected 3")
            }, "StatusText: \(summary)")

        // The journal queries of the README.
        var rejections: [[String: Any]] = []
        #expect(
            try Command.waitUntil {
                rejections = try journal(sandbox, "-u nianbao NIANBAO_VERDICT=rejected")
                return rejections.count >= 3
            })
        #expect(rejections.count == 3, "\(rejections)")
        #expect(Set(rejections.compactMap { $0["NIANBAO_REPORT"] as? String }) == Set(Self.rejected))
        for entry in rejections {
            let report = entry["NIANBAO_REPORT"] as? String ?? "?"
            #expect(entry["NIANBAO_FINDINGS"] as? String == "/srv/nianbao/rejected/\(report).findings.txt")
        }
        let verdicts = try journal(sandbox, "-u nianbao").filter { $0["NIANBAO_VERDICT"] != nil }
        #expect(verdicts.count == 5)
        for entry in verdicts {
            #expect(Self.verdictFields.allSatisfy { entry[$0] != nil }, "fields missing: \(entry.keys.sorted())")
        }
        let explained = try sandbox.shell("journalctl -u nianbao -x").stdout
        #expect(explained.contains("Defined-By: nianbao"), "no catalog text:\n\(explained)")
        #expect(explained.contains("Subject: nianbao is watching the inbox"), "\(explained)")
        for name in Self.accepted { #expect(explained.contains("Subject: Annual report \(name) accepted")) }
        for name in Self.rejected { #expect(explained.contains("Subject: Annual report \(name) rejected")) }

        // Reload re-reads the config in place; stop is clean and quick.
        let reload = try sandbox.shell("systemctl reload nianbao")
        #expect(reload.status == 0, "\(reload)")
        #expect(
            Command.waitUntil {
                ((try? journal(sandbox, "-u nianbao MESSAGE_ID=\(MessageID.configReloaded)")) ?? []).count == 1
            }, "no config-reloaded entry\n\(sandbox.diagnostics)")
        #expect(try sandbox.property("ActiveState") == "active")
        #expect(try sandbox.property("MainPID") == mainPID)
        let started = Date()
        let stop = try sandbox.shell("systemctl stop nianbao")
        let seconds = Date().timeIntervalSince(started)
        #expect(stop.status == 0, "\(stop)")
        #expect(seconds < 5, "systemctl stop took \(seconds) s")
        #expect(try sandbox.property("ActiveState") == "inactive")
        #expect(try sandbox.property("Result") == "success")
        #expect(try sandbox.property("ExecMainStatus") == "0")
        #expect(try journal(sandbox, "-u nianbao MESSAGE_ID=\(MessageID.stopping)").count == 1)
        try expectIsolated(sandbox)
        expectHostUnchanged(since: before, sandbox: sandbox)
    }

    @Test func secondInstallKeepsTheEditedConfig() throws {
        let before = HostFootprint.now()
        let (sandbox, _) = try installed(all: false)
        try #require(try sandbox.property("ActiveState") == "active", "\(sandbox.diagnostics)")
        let mainPID = try sandbox.property("MainPID")
        let config = sandbox.path("/etc/nianbao/nianbao.conf")
        // The administrator edits the config (README: edit /etc/nianbao/nianbao.conf, then reload)…
        try #require(try sandbox.shell("sed -i 's/^#Language=zh$/Language=en/' /etc/nianbao/nianbao.conf").status == 0)
        let edited = try String(contentsOfFile: config, encoding: .utf8)
        try #require(edited.contains("\nLanguage=en\n"))

        // …and later installs again (an upgrade): the config stays, the new default goes next to it.
        let again = try sandbox.shell("scripts/install", environment: Self.installEnvironment)
        try #require(again.status == 0, "\(again)")
        #expect(again.stdout.contains("kept the existing /etc/nianbao/nianbao.conf"), "\(again)")
        #expect(again.stdout.contains("systemctl restart nianbao"), "no hint to restart the running service: \(again)")
        #expect(try String(contentsOfFile: config, encoding: .utf8) == edited)
        #expect(
            FileManager.default.contents(atPath: config + ".dist")
                == FileManager.default.contents(atPath: Package.path("etc/nianbao.conf")))
        #expect(
            FileManager.default.contents(atPath: sandbox.path("/usr/local/bin/nianbao"))
                == FileManager.default.contents(atPath: Package.binary() ?? ""))
        // credentials/: the notifier's and the digest's secrets (LoadCredential=), kept as they are.
        #expect(sandbox.names(in: "/etc/nianbao") == ["credentials", "nianbao.conf", "nianbao.conf.dist"])
        #expect(try sandbox.shell("grep -c '^nianbao:' /etc/passwd").stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        #expect(try sandbox.property("ActiveState") == "active", "\(sandbox.diagnostics)")
        #expect(try sandbox.property("MainPID") == mainPID, "installing again restarted the service")

        // The edit takes effect on reload: the next notes are in English.
        #expect(try sandbox.shell("systemctl reload nianbao").status == 0)
        #expect(
            Command.waitUntil {
                ((try? journal(sandbox, "-u nianbao MESSAGE_ID=\(MessageID.configReloaded)")) ?? []).count == 1
            }, "no config-reloaded entry\n\(sandbox.diagnostics)")
        let name = Self.rejected[0]
        #expect(try sandbox.shell("cp \(Self.fixtures)/\(name) /srv/nianbao/inbox/").status == 0)
        try #require(waitUntilFiled(sandbox, [name]), "not filed\n\(sandbox.diagnostics)")
        let notes = try String(contentsOfFile: sandbox.path("/srv/nianbao/rejected/\(name).findings.txt"), encoding: .utf8)
        #expect(notes.hasPrefix("Verdict: REJECTED"), "\(notes)")

        // A typo is refused on reload, the old settings stay, and `journalctl -u nianbao -p err` says where.
        try #require(try sandbox.shell("printf '[Inbox]\\nSettelPeriod=3s\\n' >> /etc/nianbao/nianbao.conf").status == 0)
        #expect(try sandbox.shell("systemctl reload nianbao").status == 0)
        var errors = ""
        #expect(
            try Command.waitUntil {
                errors = try sandbox.shell("journalctl -u nianbao -p err").stdout
                return errors.contains("/etc/nianbao/nianbao.conf:") && errors.contains("SettelPeriod")
            }, "journalctl -u nianbao -p err:\n\(errors)")
        #expect(try sandbox.property("ActiveState") == "active")

        // Once the typo is fixed, the restart the second install asked for starts the new binary.
        try #require(try sandbox.shell("sed -i '/^SettelPeriod=/d' /etc/nianbao/nianbao.conf").status == 0)
        let restart = try sandbox.shell("systemctl restart nianbao")
        #expect(restart.status == 0, "\(restart)\n\(sandbox.diagnostics)")
        #expect(try sandbox.property("ActiveState") == "active")
        #expect(try sandbox.property("MainPID") != mainPID)
        #expect(try sandbox.shell("systemctl stop nianbao").status == 0)
        #expect(try sandbox.property("Result") == "success")
        try expectIsolated(sandbox)
        expectHostUnchanged(since: before, sandbox: sandbox)
    }
}
