import Foundation
import NianbaoTestSupport
import Testing

/// The shipped unit passes scripts/check-unit (verify clean, exposure ≤ 1.0, catalog parses), and the
/// check really fails a unit that is not hardened.
@Suite(.offThePool, .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze"),
    "systemd-analyze is not installed (apt-get install systemd)"))
struct UnitFileTests {
    @Test func shippedUnitPassesCheckUnit() throws {
        let result = try Command.run([Package.path("scripts/check-unit")])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("check-unit: OK"), "\(result)")
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
}
