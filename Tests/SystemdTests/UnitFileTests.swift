import Foundation
import NianbaoTestSupport
import Testing

/// The shipped unit passes scripts/check-unit (verify clean, exposure ≤ 1.0, catalog parses), and the
/// check really fails a unit that is not hardened.
@Suite(
    .offThePool,
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"),
        "systemd-analyze is not installed (apt-get install systemd)"))
struct UnitFileTests {
    @Test func shippedUnitPassesCheckUnit() throws {
        let result = try Command.run([Package.path("scripts/check-unit")])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("check-unit: OK"), "\(result)")
    }

    @Test(
        "the digest's units pass check-unit: verify clean, the service's exposure ≤ 1.0",
        arguments: ["systemd/nianbao-digest.service", "systemd/nianbao-digest.timer"])
    func digestUnitsPassCheckUnit(unit: String) throws {
        let result = try Command.run([Package.path("scripts/check-unit"), Package.path(unit)])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("check-unit: OK"), "\(result)")
    }

    @Test func checkUnitFailsATimerWithABadCalendar() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let timer = try String(contentsOfFile: Package.path("systemd/nianbao-digest.timer"), encoding: .utf8)
            .replacingOccurrences(of: "OnCalendar=*-*-* 08:30:00 Asia/Shanghai", with: "OnCalendar=every morning")
        try timer.write(toFile: folder.appendingPathComponent("nianbao-digest.timer").path, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: Package.path("systemd/nianbao-digest.service"), toPath: folder.appendingPathComponent("nianbao-digest.service").path)
        let result = try Command.run([Package.path("scripts/check-unit"), folder.appendingPathComponent("nianbao-digest.timer").path])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("calendar"), "\(result)")
    }

    @Test func digestUnitsKeepTheContract() throws {
        let timer = try String(contentsOfFile: Package.path("systemd/nianbao-digest.timer"), encoding: .utf8)
        for line in ["OnCalendar=*-*-* 08:30:00 Asia/Shanghai", "Persistent=true", "Unit=nianbao-digest.service", "WantedBy=timers.target"]
        {
            #expect(timer.contains("\n" + line + "\n"), "timer: missing \(line)")
        }
        let service = try String(contentsOfFile: Package.path("systemd/nianbao-digest.service"), encoding: .utf8)
        for line in [
            "Type=oneshot", "ExecStart=/usr/local/bin/nianbao digest --config /etc/nianbao/nianbao.conf", "User=nianbao",
            "StateDirectory=nianbao", "LoadCredential=nianbao:/etc/nianbao/credentials", "NoNewPrivileges=yes",
            "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6", "InaccessiblePaths=-/srv/nianbao",
        ] {
            #expect(service.contains("\n" + line + "\n"), "service: missing \(line)")
        }
        // It needs the network; the daemon that parses reports never has it.
        #expect(!service.contains("\nPrivateNetwork=yes"))
        #expect(!service.contains("\n[Install]"), "the timer starts the service; the service itself is not enabled")
    }

    @Test func checkUnitFailsAWeakUnit() throws {
        let shipped = try String(contentsOfFile: Package.path("systemd/nianbao.service"), encoding: .utf8)
        let hardening = ["Protect", "Private", "Restrict", "SystemCall", "Capability", "NoNewPrivileges"]
        let weak = shipped.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !hardening.contains { line.hasPrefix($0) } }
            .joined(separator: "\n")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nianbao.service").path
        try weak.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Command.run([Package.path("scripts/check-unit"), path])
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("exposure"), "\(result)")
    }

    @Test func unitKeepsTheContract() throws {
        let unit = try String(contentsOfFile: Package.path("systemd/nianbao.service"), encoding: .utf8)
        for line in [
            "Type=notify", "ExecStart=/usr/local/bin/nianbao watch --config /etc/nianbao/nianbao.conf",
            "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "ReadWritePaths=/srv/nianbao",
        ] {
            #expect(unit.contains("\n" + line + "\n"), "missing \(line)")
        }
        #expect(unit.contains("\nWatchdogSec="))
        #expect(unit.contains("\nLogRateLimitBurst="))
    }

    @Test func notifyUnitPassesCheckUnit() throws {
        let result = try Command.run([Package.path("scripts/check-unit"), Package.path("systemd/nianbao-notify.service")])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("check-unit: OK"), "\(result)")
    }

    /// The daemon that parses reports has no network and starts the notifier; the notifier has the
    /// network and the credentials, shares the outbox, and cannot see the reports.
    @Test func notifyUnitKeepsTheSplit() throws {
        let daemon = try String(contentsOfFile: Package.path("systemd/nianbao.service"), encoding: .utf8)
        let notify = try String(contentsOfFile: Package.path("systemd/nianbao-notify.service"), encoding: .utf8)
        for line in ["PrivateNetwork=yes", "Wants=nianbao-notify.service", "StateDirectory=nianbao"] {
            #expect(daemon.contains("\n" + line + "\n"), "nianbao.service lacks \(line)")
        }
        for line in [
            "ExecStart=/usr/local/bin/nianbao notify --config /etc/nianbao/nianbao.conf", "PartOf=nianbao.service",
            "StateDirectory=nianbao", "LoadCredential=nianbao:/etc/nianbao/credentials", "InaccessiblePaths=-/srv/nianbao",
            "User=nianbao", "NoNewPrivileges=yes",
        ] {
            #expect(notify.contains("\n" + line + "\n"), "nianbao-notify.service lacks \(line)")
        }
        #expect(!notify.contains("\nPrivateNetwork=yes"))
    }
}
