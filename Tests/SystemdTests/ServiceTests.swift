import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// `nianbao watch` under the shipped unit in a real systemd + journald (docs/systemd-sandbox.md):
/// readiness, the status line, verdicts in folders and journal, the catalog, reload, the watchdog and stop.
/// Each test boots its own sandbox; they run one at a time (a boot takes about a second).
@Suite(
    .serialized, .offThePool,
    .enabled(
        if: SystemdSandbox.unavailableReason == nil,
        Comment(rawValue: "skipped: " + (SystemdSandbox.unavailableReason ?? ""))))
struct ServiceTests {
    static let fixtures = Package.path("Tests/ReportValidationTests/Fixtures")
    static let accepted = ["000_e80fb3b6824ca3a9.txt", "004_e3c8bab7fbea5405.txt"]
    static let rejected = ["001_42627c3d927ac9aa.txt", "002_0843dfdf5e1a4b6d.txt", "003_c85c81ce81ca680c.txt"]

    /// A booted sandbox whose nianbao.service is active, or a failed requirement with the diagnostics.
    func activeSandbox() throws -> SystemdSandbox {
        let sandbox = try SystemdSandbox()
        let state = try sandbox.waitForUnit()
        try #require(state == "active", "nianbao.service is \(state), not active\n\(sandbox.diagnostics)")
        return sandbox
    }

    /// Drops the five fixtures and waits until the inbox is empty and all five are out; returns whether they are.
    func dropFixtures(into sandbox: SystemdSandbox) throws -> Bool {
        for name in Self.accepted + Self.rejected {
            try sandbox.drop(Self.fixtures + "/" + name, as: name)
        }
        return Command.waitUntil {
            let out = Set(sandbox.names(in: "accepted") + sandbox.names(in: "rejected"))
            return (Self.accepted + Self.rejected).allSatisfy(out.contains) && sandbox.names(in: "inbox").isEmpty
        }
    }

    /// Entries whose field `name` has `value`.
    func entries(_ journal: [[String: Any]], _ name: String, _ value: String) -> [[String: Any]] {
        journal.filter { $0[name] as? String == value }
    }

    @Test func activeOnlyAfterReady() throws {
        let sandbox = try SystemdSandbox()
        // Type=notify: systemd keeps the unit "activating" until READY=1 (or fails it at TimeoutStartSec=).
        let state = try sandbox.waitForUnit()
        try #require(state == "active", "no READY=1 within 20 s: nianbao.service is \(state)\n\(sandbox.diagnostics)")
        #expect(try sandbox.property("Type") == "notify")
        #expect(try sandbox.property("NotifyAccess") == "main")
        #expect(try sandbox.property("WatchdogUSec") != "0", "the shipped unit sets WatchdogSec=")
        #expect(try sandbox.journal("MESSAGE_ID=\(MessageID.started)").count == 1, "\(sandbox.diagnostics)")
        // READY=1 promises the watch is in place: a report published right now is handled.
        try sandbox.drop(Self.fixtures + "/" + Self.accepted[0], as: Self.accepted[0])
        #expect(
            Command.waitUntil { sandbox.names(in: "accepted").contains(Self.accepted[0]) },
            "\(sandbox.diagnostics)")
    }

    @Test func daemonLogsThroughTheNativeJournalProtocol() throws {
        let sandbox = try activeSandbox()
        let pid = try sandbox.property("MainPID")
        // Everything the daemon process writes arrives as structured entries, none as stray stderr lines.
        let own = try sandbox.journal("_PID=\(pid)")
        try #require(!own.isEmpty, "\(sandbox.diagnostics)")
        for entry in own {
            let message = entry["MESSAGE"] as? String ?? ""
            #expect(entry["_TRANSPORT"] as? String == "journal", "not through sd_journal_sendv: \(message)")
            #expect(entry["SYSLOG_IDENTIFIER"] as? String == "nianbao", "\(message)")
            #expect(entry["CODE_FILE"] != nil && entry["CODE_LINE"] != nil && entry["CODE_FUNC"] != nil, "\(message)")
            #expect(entry["PRIORITY"] != nil, "\(message)")
        }
    }

    @Test func statusTextShowsALiveSummary() throws {
        let sandbox = try activeSandbox()
        let first = try sandbox.property("StatusText")
        #expect(first.contains("\(sandbox.root)/inbox"), "StatusText: \(first)")
        #expect(first.contains("accepted 0") && first.contains("rejected 0"), "StatusText: \(first)")
        #expect(try dropFixtures(into: sandbox), "\(sandbox.diagnostics)")
        var status = ""
        let updated = try Command.waitUntil {
            status = try sandbox.property("StatusText")
            return status.contains("accepted 2") && status.contains("rejected 3")
        }
        #expect(updated, "StatusText: \(status)")
        #expect(!status.contains("\n"))
        let shown = try sandbox.systemctl("status", "nianbao.service").stdout
        #expect(shown.contains("Status: \"\(status)"), "\(shown)")
    }

    @Test func fixturesEndInTheRightFoldersWithOneJournalEntryEach() throws {
        let sandbox = try activeSandbox()
        try #require(try dropFixtures(into: sandbox), "\(sandbox.diagnostics)")
        for (folder, names) in [("accepted", Self.accepted), ("rejected", Self.rejected)] {
            let present = sandbox.names(in: folder)
            for name in names {
                #expect(present.contains(name), "\(name) not in \(folder)/: \(present)")
                #expect(present.contains(name + ".findings.txt"), "\(name) has no findings in \(folder)/: \(present)")
                let original = FileManager.default.contents(atPath: Self.fixtures + "/" + name)
                let moved = FileManager.default.contents(atPath: "\(sandbox.root)/\(folder)/\(name)")
                #expect(original == moved, "\(name) changed on its way to \(folder)/")
            }
        }
        // Verdict entries may trail the rename by a moment: wait for all five.
        var journal: [[String: Any]] = []
        _ = try Command.waitUntil {
            journal = try sandbox.journal()
            return journal.filter { $0["NIANBAO_VERDICT"] != nil }.count >= 5
        }
        let verdicts = journal.filter { $0["NIANBAO_VERDICT"] != nil }
        #expect(verdicts.count == 5, "\(sandbox.diagnostics)")
        for (verdict, names, id) in [("accepted", Self.accepted, MessageID.accepted), ("rejected", Self.rejected, MessageID.rejected)] {
            for name in names {
                let mine = verdicts.filter { ($0["NIANBAO_REPORT"] as? String)?.hasSuffix(name) == true }
                #expect(mine.count == 1, "\(name): \(mine.count) verdict entries")
                guard let entry = mine.first else { continue }
                #expect(entry["NIANBAO_VERDICT"] as? String == verdict, "\(name): \(entry)")
                #expect(entry["MESSAGE_ID"] as? String == id, "\(name): \(entry)")
                #expect(entry["PRIORITY"] as? String != nil)
                #expect((entry["MESSAGE"] as? String)?.contains(name) == true, "\(name): \(entry)")
                #expect(
                    entry["CODE_FILE"] as? String != nil && entry["CODE_LINE"] as? String != nil
                        && entry["CODE_FUNC"] as? String != nil, "\(name): no CODE_ fields: \(entry)")
                for field in ["NIANBAO_ERRORS", "NIANBAO_WARNINGS", "NIANBAO_SHA256", "NIANBAO_SIZE"] {
                    #expect(entry[field] != nil, "\(name): no \(field)")
                }
            }
        }
        // The query the contract promises administrators.
        #expect(try sandbox.journal("NIANBAO_VERDICT=rejected").count == 3)
    }

    @Test func journalctlExplainsVerdictsFromTheCatalog() throws {
        let sandbox = try activeSandbox()
        try #require(try dropFixtures(into: sandbox), "\(sandbox.diagnostics)")
        var text = ""
        let explained = try Command.waitUntil {
            text = try sandbox.run([
                "journalctl", "-u", "nianbao.service", "-x", "--no-pager",
                "MESSAGE_ID=\(MessageID.rejected)",
            ]).stdout
            // Verdict entries may trail the moves by a moment: wait for all three.
            return text.contains("Defined-By: nianbao") && Self.rejected.allSatisfy(text.contains)
        }
        #expect(explained, "journalctl -x shows no catalog text:\n\(text)")
        #expect(text.contains("Subject: Annual report"), "\(text)")
        // @NIANBAO_REPORT@ is filled in from the entry.
        #expect(Self.rejected.allSatisfy { text.contains("Annual report") && text.contains($0) }, "\(text)")
        #expect(!text.contains("@NIANBAO_REPORT@"), "\(text)")
    }

    @Test func reloadAppliesAGoodConfigAndRefusesABadOne() throws {
        let sandbox = try activeSandbox()
        let pid = try sandbox.property("MainPID")
        try SystemdSandbox.config(root: sandbox.root, extra: "RescanInterval=30s\n")
            .write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        let good = try sandbox.systemctl("reload", "nianbao.service")
        #expect(good.status == 0, "\(good)")
        #expect(
            Command.waitUntil {
                ((try? sandbox.journal("MESSAGE_ID=\(MessageID.configReloaded)")) ?? []).count == 1
            }, "no config-reloaded entry\n\(sandbox.diagnostics)")
        #expect(try sandbox.waitForUnit() == "active")

        try "[Inbox]\nRoot=\(sandbox.root)\nNoSuchKey=1\n".write(toFile: sandbox.configPath, atomically: true, encoding: .utf8)
        let bad = try sandbox.systemctl("reload", "nianbao.service")
        #expect(bad.status == 0, "\(bad)")
        var refusals: [[String: Any]] = []
        #expect(
            Command.waitUntil {
                refusals = (try? sandbox.journal("MESSAGE_ID=\(MessageID.configRefused)")) ?? []
                return refusals.count == 1
            }, "no config-refused entry\n\(sandbox.diagnostics)")
        let why = refusals.first?["MESSAGE"] as? String ?? ""
        #expect(why.contains("NoSuchKey") && why.contains("3"), "the refusal names the key and line: \(why)")
        // Still the same process, still working with the old settings.
        #expect(try sandbox.waitForUnit() == "active")
        #expect(try sandbox.property("MainPID") == pid)
        try sandbox.drop(Self.fixtures + "/" + Self.rejected[0], as: Self.rejected[0])
        #expect(
            Command.waitUntil { sandbox.names(in: "rejected").contains(Self.rejected[0]) },
            "\(sandbox.diagnostics)")
    }

    @Test func aHungEventLoopIsKilledByTheWatchdogAndRestartedWithNoReportLost() throws {
        // The test-only switch hangs the event loop once the trigger is claimed (in .work/, not judged).
        let trigger = "hang-trigger.txt"
        let sandbox = try SystemdSandbox(dropIn: [
            "Environment=NIANBAO_TEST_HANG_AFTER_CLAIMING=\(trigger)", "WatchdogSec=3s", "RestartSec=1s", "LimitCORE=0",
        ])
        let state = try sandbox.waitForUnit()
        try #require(state == "active", "nianbao.service is \(state)\n\(sandbox.diagnostics)")
        // (fixture, name dropped): reports ahead of the trigger may be claimed with it, those after it wait in inbox/.
        let dropped =
            [(Self.accepted[0], Self.accepted[0]), (Self.rejected[0], Self.rejected[0]), (Self.accepted[1], trigger)]
            + (Self.rejected[1...] + [Self.accepted[1]]).map { ($0, $0) }
        for (source, name) in dropped { try sandbox.drop(Self.fixtures + "/" + source, as: name) }

        var watchdogKills: [[String: Any]] = []
        let recovered = try Command.waitUntil {
            watchdogKills = try sandbox.journal().filter { ($0["MESSAGE"] as? String)?.contains("Watchdog timeout") == true }
            let out = Set(sandbox.names(in: "accepted") + sandbox.names(in: "rejected"))
            let restarts = Int(try sandbox.property("NRestarts")) ?? 0
            return !watchdogKills.isEmpty && restarts >= 1
                && dropped.allSatisfy { out.contains($0.1) } && sandbox.names(in: "inbox").isEmpty
        }
        try #require(recovered, "no watchdog kill and recovery within 90 s\n\(sandbox.diagnostics)")
        #expect(try sandbox.waitForUnit() == "active", "\(sandbox.diagnostics)")
        #expect(try sandbox.property("NRestarts") == "1", "the restarted daemon must not hang again\n\(sandbox.diagnostics)")
        #expect(watchdogKills.count == 1, "\(sandbox.diagnostics)")
        let messages = try sandbox.journal().compactMap { $0["MESSAGE"] as? String }
        #expect(messages.filter { $0.contains("hung the event loop") }.count == 1, "one warning from the test switch")
        // SIGABRT itself ends the process (the unit turns off the Swift runtime's crash handler), not a later SIGKILL.
        #expect(
            messages.contains { $0.contains("status=6/ABRT") } && !messages.contains { $0.contains("timed out. Killing") },
            "\(sandbox.diagnostics)")

        // Every report once, byte-identical, with its findings; nothing left behind in inbox/ or .work/.
        for (source, name) in dropped {
            let original = FileManager.default.contents(atPath: Self.fixtures + "/" + source)
            let places = ["accepted", "rejected"].filter { sandbox.names(in: $0).contains(name) }
            try #require(places.count == 1, "\(name) is in \(places)")
            let folder = places[0]
            #expect(FileManager.default.contents(atPath: "\(sandbox.root)/\(folder)/\(name)") == original, "\(name) changed")
            for suffix in [".findings.txt", ".findings.json", ".findings.html"] {
                #expect(sandbox.names(in: folder).contains(name + suffix), "\(name) has no \(suffix) in \(folder)/")
            }
        }
        let reports = (sandbox.names(in: "accepted") + sandbox.names(in: "rejected")).filter { !$0.contains(".findings.") }
        #expect(reports.sorted() == dropped.map(\.1).sorted(), "one output per drop: \(reports)")
        #expect(
            sandbox.names(in: "inbox").isEmpty && sandbox.names(in: ".work").isEmpty,
            "left behind: inbox \(sandbox.names(in: "inbox")), .work \(sandbox.names(in: ".work"))")
    }

    @Test func stopIsCleanAndQuick() throws {
        let sandbox = try activeSandbox()
        let start = Date()
        let stop = try sandbox.systemctl("stop", "nianbao.service")
        let seconds = Date().timeIntervalSince(start)
        #expect(stop.status == 0, "\(stop)")
        #expect(seconds < 5, "systemctl stop took \(seconds) s")
        #expect(try sandbox.property("ActiveState") == "inactive")
        #expect(try sandbox.property("Result") == "success", "\(sandbox.diagnostics)")
        #expect(try sandbox.property("ExecMainStatus") == "0")
        #expect(try sandbox.journal("MESSAGE_ID=\(MessageID.stopping)").count == 1, "\(sandbox.diagnostics)")
        let log = try sandbox.run(["journalctl", "-u", "nianbao.service", "--no-pager"]).stdout
        #expect(!log.contains("SIGKILL") && !log.contains("timed out"), "\(log)")
    }
}

extension ServiceTests {
    /// True when poppler's `pdftotext` is where nianbao looks for it (the sandbox shares the host's /usr).
    static let hasPDFToText = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].contains {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The hardened unit lets the daemon run pdftotext (posix_spawn, a new process group, pipes; the child
    /// under the same seccomp filter, NoNewPrivileges, MemoryDenyWriteExecute, ProtectSystem=strict…) and
    /// read Word files: each lands in the right folder, unchanged, with both findings files and a verdict entry.
    @Test(.disabled(if: !hasPDFToText, "pdftotext is not installed (apt-get install poppler-utils)"))
    func pdfAndWordReportsAreConvertedUnderTheHardenedUnit() throws {
        let sandbox = try activeSandbox()
        let text = { (name: String) in
            String(decoding: FileManager.default.contents(atPath: Self.fixtures + "/" + name) ?? Data(), as: UTF8.self)
        }
        let scan = [TestPDF.Page(paintsImage: true)]
        // (name dropped, bytes, expected folder)
        let reports: [(name: String, bytes: [UInt8], folder: String)] = [
            ("000-report.pdf", TestPDF.report(text(Self.accepted[0])), "accepted"),
            ("scanned.pdf", TestPDF.document(scan, width: 595, height: 842), "rejected"),
            ("001-report.pdf", TestPDF.report(text(Self.rejected[0])), "rejected"),
            ("000-report.docx", TestDOCX.report(text(Self.accepted[0])), "accepted"),
        ]
        let made = sandbox.folder + "/made"
        try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        for report in reports {
            #expect(FileManager.default.createFile(atPath: made + "/" + report.name, contents: Data(report.bytes)))
            try sandbox.drop(made + "/" + report.name, as: report.name)
        }
        let sorted = Command.waitUntil(
            "every report sorted", progress: { sandbox.names(in: "accepted").count + sandbox.names(in: "rejected").count }
        ) {
            reports.allSatisfy { sandbox.names(in: $0.folder).contains($0.name + ".findings.json") }
                && sandbox.names(in: "inbox").isEmpty
        }
        try #require(sorted, "not all sorted\n\(sandbox.diagnostics)")
        #expect(
            try sandbox.journal().contains { ($0["MESSAGE"] as? String)?.hasPrefix("PDF conversion: /usr") == true },
            "no start-up line naming pdftotext\n\(sandbox.diagnostics)")

        var findings: [String: [String: Any]] = [:]
        for report in reports {
            let present = sandbox.names(in: report.folder)
            #expect(present.contains(report.name), "\(report.name) not in \(report.folder)/: \(present)")
            #expect(present.contains(report.name + ".findings.txt"), "\(report.name) has no findings.txt")
            let moved = FileManager.default.contents(atPath: "\(sandbox.root)/\(report.folder)/\(report.name)")
            #expect(moved == Data(report.bytes), "\(report.name) changed on its way to \(report.folder)/")
            let json = FileManager.default.contents(atPath: "\(sandbox.root)/\(report.folder)/\(report.name).findings.json")
            findings[report.name] = try #require(
                json.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any],
                "\(report.name).findings.json is not a JSON object")
            #expect(findings[report.name]?["verdict"] as? String == report.folder, "\(report.name): \(findings[report.name] ?? [:])")
        }
        #expect(findings["000-report.pdf"]?["convertedBy"] as? String == "pdftotext -layout")
        #expect(findings["001-report.pdf"]?["convertedBy"] as? String == "pdftotext -layout")
        #expect(findings["000-report.docx"]?["convertedBy"] is NSNull, "a Word file is read, not converted")
        // The scan: one FILE-004 saying there is no text layer (not "pdftotext could not be run").
        let scanFindings = findings["scanned.pdf"]?["findings"] as? [[String: Any]] ?? []
        #expect(scanFindings.map { $0["code"] as? String } == ["FILE-004"], "\(scanFindings)")
        #expect(scanFindings.first?["evidence"] as? String == "PDF without a text layer (scanned image)", "\(scanFindings)")
        #expect((scanFindings.first?["messageEn"] as? String)?.contains("no text layer") == true, "\(scanFindings)")
        let scanNote = (try? String(contentsOfFile: "\(sandbox.root)/rejected/scanned.pdf.findings.txt", encoding: .utf8)) ?? ""
        #expect(scanNote.contains("FILE-004") && scanNote.contains("没有文字层"), "\(scanNote)")

        var verdicts: [[String: Any]] = []
        _ = try Command.waitUntil {
            verdicts = try sandbox.journal().filter { $0["NIANBAO_VERDICT"] != nil }
            return verdicts.count >= reports.count
        }
        #expect(verdicts.count == reports.count, "\(sandbox.diagnostics)")
        for report in reports {
            let mine = verdicts.filter { ($0["NIANBAO_REPORT"] as? String)?.hasSuffix(report.name) == true }
            #expect(mine.count == 1, "\(report.name): \(mine.count) verdict entries")
            #expect(mine.first?["NIANBAO_VERDICT"] as? String == report.folder, "\(report.name): \(mine)")
            #expect(mine.first?["MESSAGE_ID"] as? String == (report.folder == "accepted" ? MessageID.accepted : MessageID.rejected))
        }
        let scanEntry = verdicts.first { ($0["NIANBAO_REPORT"] as? String)?.hasSuffix("scanned.pdf") == true }
        #expect(scanEntry?["NIANBAO_RULES"] as? String == "FILE-004", "\(scanEntry ?? [:])")
    }
}

extension ServiceTests {
    /// True when LibreOffice's launcher is where nianbao looks for it (the sandbox shares the host's /usr).
    static let hasLibreOffice = FileManager.default.isExecutableFile(atPath: "/usr/lib/libreoffice/program/soffice.bin")

    /// The hardened unit lets the daemon run LibreOffice (a private folder in the service's own /tmp for its
    /// profile and files, no HOME, MemoryDenyWriteExecute, the seccomp filter, NoNewPrivileges, no network):
    /// a Word 97 file and the same under a WPS name are converted and sorted, a damaged one is rejected with
    /// LibreOffice's reason, and no scratch folder is left in the service's /tmp.
    @Test(.disabled(if: !hasLibreOffice, "LibreOffice is not installed (apt-get install --no-install-recommends libreoffice-writer-nogui)"))
    func wordNinetySevenReportsAreConvertedUnderTheHardenedUnit() throws {
        let sandbox = try activeSandbox()
        let doc = { (prefix: String) throws -> Data in
            let folder = Self.fixtures + "/DOC"
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first { $0.hasPrefix(prefix + "_") })
            return try #require(FileManager.default.contents(atPath: folder + "/" + name))
        }
        let damaged = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 13) })
        let reports: [(name: String, bytes: Data, folder: String, convertedBy: String?)] = [
            ("000-report.doc", try doc("000"), "accepted", "LibreOffice (doc→docx)"),
            ("001-report.doc", try doc("001"), "rejected", "LibreOffice (doc→docx)"),
            ("000-report.wps", try doc("000"), "accepted", "LibreOffice (wps→docx)"),
            ("damaged.doc", damaged, "rejected", nil),
        ]
        let made = sandbox.folder + "/made"
        try FileManager.default.createDirectory(atPath: made, withIntermediateDirectories: true)
        for report in reports {
            #expect(FileManager.default.createFile(atPath: made + "/" + report.name, contents: report.bytes))
            try sandbox.drop(made + "/" + report.name, as: report.name)
        }
        let sorted = Command.waitUntil(
            "every report sorted", progress: { sandbox.names(in: "accepted").count + sandbox.names(in: "rejected").count }
        ) {
            reports.allSatisfy { sandbox.names(in: $0.folder).contains($0.name + ".findings.json") } && sandbox.names(in: "inbox").isEmpty
        }
        let evidence = reports.map { report in
            let json = FileManager.default.contents(atPath: "\(sandbox.root)/rejected/\(report.name).findings.json")
            return "\(report.name): " + (json.map { String(decoding: $0, as: UTF8.self) } ?? "-")
        }.joined(separator: "\n")
        try #require(sorted, "not all sorted\n\(evidence)\n\(sandbox.diagnostics)")
        #expect(
            try sandbox.journal().contains {
                ($0["MESSAGE"] as? String)?.hasPrefix("Word 97 / WPS conversion: /usr/lib/libreoffice") == true
            },
            "no start-up line naming LibreOffice\n\(sandbox.diagnostics)")
        for report in reports {
            let json = FileManager.default.contents(atPath: "\(sandbox.root)/\(report.folder)/\(report.name).findings.json")
            let findings = try #require(
                json.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any],
                "\(report.name).findings.json is not a JSON object\n\(sandbox.diagnostics)")
            #expect(findings["verdict"] as? String == report.folder, "\(report.name): \(findings)")
            #expect(findings["convertedBy"] as? String == report.convertedBy, "\(report.name): \(findings)")
            #expect(FileManager.default.contents(atPath: "\(sandbox.root)/\(report.folder)/\(report.name)") == report.bytes)
        }
        let damagedJSON = FileManager.default.contents(atPath: "\(sandbox.root)/rejected/damaged.doc.findings.json")
        let damagedFindings =
            (damagedJSON.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        #expect(damagedFindings.map { $0["code"] as? String } == ["FILE-004"], "\(damagedFindings)")
        #expect((damagedFindings.first?["evidence"] as? String)?.contains("LibreOffice wrote no .docx") == true, "\(damagedFindings)")
        // The service's private /tmp holds no scratch folder once the reports are filed.
        let leftovers = try sandbox.run([
            "/bin/sh", "-c",
            "pid=$(systemctl show -p MainPID --value nianbao.service); ls -a /proc/$pid/root/tmp/",
        ]).stdout
        #expect(leftovers.split(separator: "\n").contains("."), "the service's /tmp could not be listed: \(leftovers)")
        #expect(!leftovers.contains("nianbao-libreoffice."), "\(leftovers)")
    }
}
