import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// `nianbao watch` through the real executable: start-up, sorting, config errors, SIGHUP and SIGTERM.
///
/// Serialized: each test runs a daemon, and two at once would only compete for the two CPUs.
@Suite(.serialized, .offThePool) struct WatchCommandTests {
    /// The files that came out for `report` in `folder`: the report and its findings files, by name.
    static func outputs(of report: String, in folder: String, _ watch: WatchProcess) -> [String] {
        watch.names(in: folder).filter { $0 == report || $0.hasPrefix(report + ".") }
    }

    /// The text findings note of `report` in `folder`.
    static func findingsText(of report: String, in folder: String, _ watch: WatchProcess) throws -> String {
        let name = try #require(
            outputs(of: report, in: folder, watch).first { $0 == report + ".findings.txt" },
            "no text findings note for \(report) in \(folder): \(watch.names(in: folder))")
        return try String(contentsOf: watch.folder(folder).appendingPathComponent(name), encoding: .utf8)
    }

    @Test func sortsDroppedSamplesAndStopsCleanlyOnSIGTERM() throws {
        let watch = try WatchProcess()
        try watch.startWatching()
        #expect(watch.waitForFolders(), "folders not created; stderr: \(watch.stderr)")
        let good = try watch.dropFixture("000")
        let bad = try watch.dropFixture("003")
        #expect(watch.waitForReport(good.name, in: "accepted"), "stderr: \(watch.stderr)")
        #expect(watch.waitForReport(bad.name, in: "rejected"), "stderr: \(watch.stderr)")
        for (report, folder) in [(good, "accepted"), (bad, "rejected")] {
            let outputs = Self.outputs(of: report.name, in: folder, watch)
            #expect(
                outputs == [report.name, report.name + ".findings.html", report.name + ".findings.json", report.name + ".findings.txt"])
            let moved = try Data(contentsOf: watch.folder(folder).appendingPathComponent(report.name))
            #expect(moved == report.bytes, "\(report.name) changed on the way")
        }
        #expect(Self.outputs(of: good.name, in: "rejected", watch).isEmpty)
        #expect(Self.outputs(of: bad.name, in: "accepted", watch).isEmpty)
        #expect(try Self.findingsText(of: bad.name, in: "rejected", watch).contains("FEE-001"))

        let start = Date()
        watch.send(SIGTERM)
        let status = watch.waitForExit()
        #expect(status == 0, "stderr: \(watch.stderr)")
        #expect(Date().timeIntervalSince(start) < 5, "SIGTERM took \(Date().timeIntervalSince(start)) s")
        #expect(watch.stderr.contains("info: stopped"))
    }

    @Test func databaseNoneFilesEveryReportAndKeepsNoRegister() throws {
        let watch = try WatchProcess(config: "[Register]\nDatabase=none\n")
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let good = try watch.dropFixture("000")
        let bad = try watch.dropFixture("003")
        #expect(watch.waitForReport(good.name, in: "accepted"), "stderr: \(watch.stderr)")
        #expect(watch.waitForReport(bad.name, in: "rejected"), "stderr: \(watch.stderr)")
        #expect(Self.outputs(of: bad.name, in: "rejected", watch).count == 4, "the report and its three notes")
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
        #expect(watch.stderr.contains("register: none"), "stderr: \(watch.stderr)")
        // No register folder, no overview page (it is drawn from the register).
        let names = (try? FileManager.default.contentsOfDirectory(atPath: watch.root.path)) ?? []
        #expect(!names.contains(".register") && !names.contains("index.html"), "\(names)")
        // The office commands say there is no register instead of reporting every agency missing.
        let status = try ProcessRunner.runBlocking([
            NianbaoBinary.locate().path, "status", "--config", watch.configPath, "--root", watch.root.path,
        ])
        #expect(status.status == 2 && status.stderr.contains("Database=none"), "\(status)")
    }

    @Test func sigintStopsCleanlyToo() throws {
        let watch = try WatchProcess()
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        watch.send(SIGINT)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
    }

    @Test func aBadKeyInTheConfigExits2NamingFileAndLine() throws {
        let watch = try WatchProcess(config: "# nianbao\n[Inbox]\nSettelPeriod=2s\n")
        try watch.startWatching()
        #expect(watch.waitForExit() == 2, "stderr: \(watch.stderr)")
        #expect(
            watch.stderr.contains(
                "\(watch.configPath):3: unknown key \"SettelPeriod\" in [Inbox]; did you mean \"SettlePeriod\"?"),
            "stderr: \(watch.stderr)")
        #expect(!FileManager.default.fileExists(atPath: watch.root.path), "a refused config must not start anything")
    }

    @Test func aMissingExplicitConfigExits2() throws {
        let watch = try WatchProcess()
        try watch.start([
            "watch", "--root", watch.root.path, "--config", watch.configPath + ".absent", "--log-target", "stderr",
        ])
        #expect(watch.waitForExit() == 2)
        #expect(
            watch.stderr.contains("\(watch.configPath).absent: cannot read: No such file or directory"),
            "stderr: \(watch.stderr)")
    }

    @Test func aRootThatIsAFileFailsWithStatus1() throws {
        let watch = try WatchProcess(config: "")
        try Data("not a folder\n".utf8).write(to: watch.root)
        try watch.startWatching()
        #expect(watch.waitForExit() == 1, "stderr: \(watch.stderr)")
        #expect(watch.stderr.contains("daemon failed:"), "stderr: \(watch.stderr)")
    }

    @Test func sighupWithABadConfigKeepsRunningWithTheOldSettings() throws {
        let watch = try WatchProcess(config: "[Findings]\nLanguage=en\n")
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        try watch.writeConfig("[Findings]\nLanguage=en\n\n[Inbox]\nMaximumFileSize=lots\n")
        watch.send(SIGHUP)
        #expect(watch.waitForLog("config not reloaded"), "stderr: \(watch.stderr)")
        #expect(
            watch.stderr.contains(
                "error: config not reloaded, keeping the previous settings: \(watch.configPath):5: bad value \"lots\" for MaximumFileSize"),
            "stderr: \(watch.stderr)")
        #expect(watch.isRunning)
        // Still working, still in English.
        let report = try watch.dropFixture("003")
        #expect(watch.waitForReport(report.name, in: "rejected"), "stderr: \(watch.stderr)")
        #expect(try Self.findingsText(of: report.name, in: "rejected", watch).contains("Verdict:"))
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
    }

    @Test func sighupWithAGoodConfigMakesTheNextFindingsEnglish() throws {
        let watch = try WatchProcess(config: "[Findings]\nLanguage=zh\n")
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let before = try watch.dropFixture("003", as: "before.txt")
        #expect(watch.waitForReport(before.name, in: "rejected"), "stderr: \(watch.stderr)")
        let chinese = try Self.findingsText(of: before.name, in: "rejected", watch)
        #expect(chinese.contains("结论") && !chinese.contains("Verdict:"))

        try watch.writeConfig("[Findings]\nLanguage=en\n")
        watch.send(SIGHUP)
        #expect(watch.waitForLog("config reloaded"), "stderr: \(watch.stderr)")
        #expect(watch.stderr.contains("changed=Language"), "stderr: \(watch.stderr)")
        let after = try watch.dropFixture("003", as: "after.txt")
        #expect(watch.waitForReport(after.name, in: "rejected"), "stderr: \(watch.stderr)")
        let english = try Self.findingsText(of: after.name, in: "rejected", watch)
        #expect(english.contains("Verdict:") && !english.contains("结论"), "\(english)")
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
    }

    @Test func watchHelpDocumentsOptionsSignalsAndExitStatus() throws {
        let run = try NianbaoBinary.run(["watch", "--help"])
        #expect(run.status == 0)
        for text in [
            "--config", "--root", "--log-level", "--log-target", "SIGTERM", "SIGHUP", "EXIT STATUS", "/etc/nianbao/nianbao.conf",
            "inbox/", "accepted/", "rejected/", ".work/",
        ] {
            #expect(run.stdout.contains(text), "watch --help does not mention \(text)")
        }
        #expect(try NianbaoBinary.run(["--help"]).stdout.contains("watch"))
    }
}
