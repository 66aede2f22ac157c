import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// The output folders are the source of truth: reports filed by a daemon killed before its register held
/// them are recorded when `nianbao watch` starts again — once, however often it restarts.
@Suite(.serialized, .offThePool) struct RegisterRecoveryTests {
    /// The samples dropped (all of report year 2021), by agency as the register groups them.
    static let samples = ["000", "001", "003"]

    /// How many versions the register holds of each agency's 2021 report (`nianbao status --format csv`:
    /// year, agency, in_directory, kind, state, versions, …).
    static func versions(root: String) throws -> [String: Int] {
        let status = try NianbaoBinary.run(["status", "--root", root, "--year", "2021", "--format", "csv"])
        var versions: [String: Int] = [:]
        for row in status.stdout.split(whereSeparator: \.isNewline).dropFirst() {
            let columns = row.split(separator: ",", omittingEmptySubsequences: false)
            guard columns.count > 5, let count = Int(columns[5]) else { continue }
            versions[String(columns[1])] = count
        }
        return versions
    }

    /// `nianbao watch` again on `watch`'s root until the register holds every sample, then SIGTERM; its stderr.
    static func restart(_ watch: WatchProcess) throws -> String {
        let again = try WatchProcess()
        try again.start(["watch", "--root", watch.root.path, "--config", watch.configPath, "--log-target", "stderr"])
        #expect(again.waitForLog("watching"), "stderr: \(again.stderr)")
        let recorded = WatchProcess.waitUntil("every sample in the register", progress: { again.stderr.utf8.count }) {
            ((try? versions(root: watch.root.path)) ?? [:]).count == samples.count
        }
        #expect(recorded, "stderr: \(again.stderr)")
        again.send(SIGTERM)
        #expect(again.waitForExit() == 0, "stderr: \(again.stderr)")
        return again.stderr
    }

    @Test func reportsFiledButNotRecordedBeforeAKillAreRecordedOnceAtTheNextStart() throws {
        let watch = try WatchProcess()
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        var filed: [(String, String)] = []
        for prefix in Self.samples {
            let (name, _) = try watch.dropFixture(prefix)
            filed.append((name, prefix == "000" ? "accepted" : "rejected"))
        }
        for (name, folder) in filed { #expect(watch.waitForReport(name, in: folder), "stderr: \(watch.stderr)") }
        watch.send(SIGKILL)
        _ = watch.waitForExit()
        // Whatever the killed daemon managed to record, the register is gone: only the folders know.
        let register = watch.root.appendingPathComponent(".register")
        try? FileManager.default.removeItem(at: register)

        // Claims the kill left in .work/ are recorded as they are finished; the ones already filed by the catch-up.
        let first = try Self.restart(watch)
        let finished = first.components(separatedBy: "(finished after a restart)").count - 1
        #expect(finished == Self.samples.count || first.contains("were not in the register yet"), "\(first)")
        let versions = try Self.versions(root: watch.root.path)
        #expect(versions.count == Self.samples.count && versions.values.allSatisfy { $0 == 1 }, "\(versions)")

        // Started again with nothing new: the catch-up finds everything recorded and adds nothing.
        let second = try Self.restart(watch)
        #expect(!second.contains("were not in the register yet"), "\(second)")
        #expect(try Self.versions(root: watch.root.path) == versions)
    }
}
