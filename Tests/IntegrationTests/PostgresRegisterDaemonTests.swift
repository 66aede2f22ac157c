import Foundation
import Glibc
import NianbaoTestSupport
import Testing

/// `nianbao watch` with a shared PostgreSQL register, as several offices run it: two daemons with their own
/// roots write into one register at once and lose and double nothing, and a server that goes down during a
/// burst stops no intake — every report is recorded once it is back.
@Suite(.serialized, .offThePool) struct PostgresRegisterDaemonTests {
    /// Copies of one sample dropped per daemon: one agency and year, so every copy is a new version of it.
    static let copies = 12

    /// A config for a daemon recording into `url` as `office`, the password in a 0600 file beside it.
    static func config(url: String, office: String, password: String, in watch: WatchProcess) throws -> String {
        let passwordFile = watch.scratch.appendingPathComponent("register-password").path
        guard FileManager.default.createFile(atPath: passwordFile, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
        return "[Register]\nDatabase=\(url)\nPasswordFile=\(passwordFile)\nOffice=\(office)\n"
    }

    /// Every submission of the agency the sample 000 names, as `nianbao history --format csv` lists them:
    /// (version, file, office) per row.
    static func submissions(config: String) throws -> [(version: Int, file: String, office: String)] {
        let status = try NianbaoBinary.run(["status", "--config", config, "--year", "2021", "--format", "csv"])
        let agencies = status.stdout.split(whereSeparator: \.isNewline).dropFirst()
            .compactMap { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst().first }
        guard let agency = agencies.first.map(String.init) else { return [] }
        let history = try NianbaoBinary.run(["history", "--config", config, agency, "--format", "csv"])
        return history.stdout.split(whereSeparator: \.isNewline).dropFirst().compactMap { row in
            let columns = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 12, let version = Int(columns[2]) else { return nil }
            return (version, columns[9], columns[11])
        }
    }

    /// Waits until the register lists `count` submissions (fails only when the listed count stood still for
    /// the stall limit); the submissions it saw last.
    static func waitForRecords(_ count: Int, config: String) -> [(version: Int, file: String, office: String)] {
        var seen: [(version: Int, file: String, office: String)] = []
        _ = WatchProcess.waitUntil("\(count) submissions in the register", progress: { seen.count }) {
            seen = (try? submissions(config: config)) ?? seen
            return seen.count >= count
        }
        return seen
    }

    @Test func twoDaemonsWritingIntoOneRegisterAtOnceLoseAndDoubleNothing() async throws {
        if let reason = PostgresServer.unavailableReason { try Test.cancel("skipped: \(reason)") }
        let server = try await PostgresServer.shared()
        let url = server.url(try await server.createDatabase("two-offices"))
        let offices = [("A", try WatchProcess()), ("B", try WatchProcess())]
        for (office, watch) in offices {
            try watch.writeConfig(try Self.config(url: url, office: "office-\(office)", password: server.password, in: watch))
            try watch.startWatching()
        }
        for (_, watch) in offices { #expect(watch.waitForFolders(), "stderr: \(watch.stderr)") }
        // Interleaved, so both daemons claim versions of the same agency and year at the same time.
        for index in 1...Self.copies {
            for (office, watch) in offices { try watch.dropFixture("000", as: "office-\(office)-\(index).txt") }
        }
        for (office, watch) in offices {
            #expect(watch.waitForReport("office-\(office)-\(Self.copies).txt", in: "accepted"), "stderr: \(watch.stderr)")
        }

        let seen = Self.waitForRecords(2 * Self.copies, config: offices[0].1.configPath)
        #expect(seen.map(\.version).sorted() == Array(1...(2 * Self.copies)), "versions: \(seen.map(\.version))")
        #expect(Set(seen.map(\.file)).count == 2 * Self.copies, "files: \(seen.map(\.file))")
        for (office, watch) in offices {
            let mine = seen.filter { $0.office == "office-\(office)" }
            #expect(mine.count == Self.copies && mine.allSatisfy { $0.file.hasPrefix("office-\(office)-") }, "\(mine)")
            let dropped = Set((1...Self.copies).map { "office-\(office)-\($0).txt" })
            #expect(Set(watch.names(in: "accepted")).isSuperset(of: dropped), "\(watch.names(in: "accepted"))")
            watch.send(SIGTERM)
            #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
        }
    }

    @Test func aServerDownDuringABurstStopsNoIntakeAndEveryReportIsRecordedWhenItIsBack() async throws {
        if let reason = PostgresServer.unavailableReason { try Test.cancel("skipped: \(reason)") }
        let server = try await PostgresServer.start(label: "burst-down")
        let url = server.url(try await server.createDatabase("burst"))
        let watch = try WatchProcess()
        try watch.writeConfig(try Self.config(url: url, office: "office-down", password: server.password, in: watch))
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        try watch.dropFixture("000", as: "before-1.txt")
        #expect(Self.waitForRecords(1, config: watch.configPath).count == 1, "stderr: \(watch.stderr)")

        try await server.stop()
        for index in 1...Self.copies { try watch.dropFixture("000", as: "during-\(index).txt") }
        #expect(watch.waitForReport("during-\(Self.copies).txt", in: "accepted"), "stderr: \(watch.stderr)")
        let dropped = Set(["before-1.txt"] + (1...Self.copies).map { "during-\($0).txt" })
        #expect(Set(watch.names(in: "accepted")).isSuperset(of: dropped), "\(watch.names(in: "accepted"))")
        #expect(watch.waitForLog("register unreachable, reports are still filed"), "stderr: \(watch.stderr)")

        try await server.restart()
        #expect(watch.waitForLog("register reachable again"), "stderr: \(watch.stderr)")
        let seen = Self.waitForRecords(1 + Self.copies, config: watch.configPath)
        #expect(seen.map(\.version).sorted() == Array(1...(1 + Self.copies)), "versions: \(seen.map(\.version))")
        #expect(Set(seen.map(\.file)) == dropped)
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
        try await server.stop()
    }

    /// `nianbao register rebuild` makes the register again from the output folders alone: the embedded one
    /// after it was lost, and a PostgreSQL one (password from the config's file) that never held them.
    @Test func registerRebuildRecordsEveryFiledReportFromTheFolders() async throws {
        if let reason = PostgresServer.unavailableReason { try Test.cancel("skipped: \(reason)") }
        let watch = try WatchProcess()
        try watch.startWatching()
        #expect(watch.waitForFolders(), "stderr: \(watch.stderr)")
        let names = (1...3).map { "rebuild-\($0).txt" }
        for name in names { try watch.dropFixture("000", as: name) }
        #expect(watch.waitForReport(names[2], in: "accepted"), "stderr: \(watch.stderr)")
        watch.send(SIGTERM)
        #expect(watch.waitForExit() == 0, "stderr: \(watch.stderr)")
        try FileManager.default.removeItem(at: watch.root.appendingPathComponent(".register"))

        let embedded = try NianbaoBinary.run(["register", "rebuild", "--root", watch.root.path, "--config", watch.configPath])
        #expect(embedded.status == 0 && embedded.stdout.contains("3 reports"), "\(embedded.stdout) \(embedded.stderr)")
        let local = try NianbaoBinary.run([
            "status", "--root", watch.root.path, "--config", watch.configPath, "--year", "2021", "--format", "csv",
        ])
        #expect(local.stdout.split(whereSeparator: \.isNewline).count == 2 && local.stdout.contains(",3,"), "\(local.stdout)")

        let server = try await PostgresServer.shared()
        let url = server.url(try await server.createDatabase("rebuild"))
        let shared = watch.scratch.appendingPathComponent("shared.conf").path
        try Self.config(url: url, office: "office-rebuild", password: server.password, in: watch).write(
            toFile: shared, atomically: true, encoding: .utf8)
        let filled = try NianbaoBinary.run(["register", "rebuild", "--root", watch.root.path, "--config", shared])
        #expect(filled.status == 0 && filled.stdout.contains("3 reports"), "\(filled.stdout) \(filled.stderr)")
        let seen = try Self.submissions(config: shared)
        #expect(seen.map(\.version).sorted() == [1, 2, 3] && Set(seen.map(\.file)) == Set(names), "\(seen)")
        #expect(seen.allSatisfy { $0.office == "office-rebuild" }, "\(seen)")
    }
}
