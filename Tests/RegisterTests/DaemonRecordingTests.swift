import Crypto
import Foundation
import Glibc
import Inbox
import Logging
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// The daemon with the register behind it, in-process: every filed verdict is recorded once, with its
/// digest, findings and the cells as read; a register that cannot be written never stops intake; what
/// was filed but not recorded is found in the output folders and recorded once.
@Suite("Daemon recording", .serialized)
struct DaemonRecordingTests {
    let log = CapturedLog()

    static let samples: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: BuiltNianbao.fixtures.path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted()

    /// A fresh daemon root with `inbox/`.
    func makeRoot(_ label: String) throws -> String {
        let root = try TemporaryRoot.makePath(label)
        #expect(mkdir(root + "/inbox", 0o755) == 0)
        return root
    }

    /// Drops every sample into `root/inbox` the careful way (a dotfile, then a rename).
    func dropSamples(into root: String) throws {
        for name in Self.samples {
            let bytes = try Data(contentsOf: BuiltNianbao.fixtures.appendingPathComponent(name))
            let staging = root + "/inbox/." + name
            try bytes.write(to: URL(fileURLWithPath: staging))
            #expect(rename(staging, root + "/inbox/" + name) == 0)
        }
    }

    func filed(_ root: String) -> Int {
        ["accepted", "rejected"].reduce(0) { total, folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/" + folder)) ?? []
            return total + names.filter { !$0.contains(".findings.") }.count
        }
    }

    /// Runs a daemon whose only post-filing step besides the journal is `recorder`, for `body`.
    func withDaemon(root: String, recorder: RegisterRecorder?, _ body: () async throws -> Void) async throws {
        let daemon = InboxDaemon(
            settings: InboxSettings(root: root, settlePeriod: .milliseconds(200)), logger: log.logger,
            sinks: recorder.map { [$0] } ?? [])
        let running = Task { try await daemon.run() }
        let recording = Task { await recorder?.run() }
        await daemon.ready()
        do { try await body() } catch {
            running.cancel()
            throw error
        }
        running.cancel()
        try await running.value
        recorder?.finish()
        await recording.value
    }

    /// Drops every sample into `root` with a daemon recording into a fresh register there (office 测试办),
    /// waits until each is filed and recorded, and returns the register.
    func recordSamples(root: String) async throws -> SQLiteRegisterStore {
        let store = try await SQLiteRegisterStore.open(path: root + "/register.sqlite3")
        let recorder = RegisterRecorder(store: store, office: "测试办", logger: log.logger)
        try await withDaemon(root: root, recorder: recorder) {
            try dropSamples(into: root)
            #expect(await eventually("every sample filed") { filed(root) == Self.samples.count })
            #expect(await eventually("every sample recorded") { recorder.backlog == 0 })
        }
        return store
    }

    @Test("each filed sample is recorded once, with its digest, verdict, findings and every cell as read")
    func filedSamplesAreRecorded() async throws {
        let root = try makeRoot("recording")
        let store = try await recordSamples(root: root)
        let records = try await Self.allRecords(store)
        #expect(records.count == Self.samples.count)
        for record in records {
            let report = try Data(
                contentsOf: URL(fileURLWithPath: root + "/" + record.folder + "/" + String(decoding: record.finalName, as: UTF8.self)))
            #expect(record.sha256 == SHA256.hash(data: report).map { String(format: "%02x", $0) }.joined(), "\(record.finalName)")
            #expect(record.size == report.count)
            #expect(record.office == "测试办")
            #expect(record.originalName == record.finalName)
            #expect(record.receivedAt != nil && record.receivedAt! <= record.filedAt)
            #expect(record.findingsJSON == "{}", "a year's reports come without their findings documents")
            let full = try await store.submissions(agency: record.agency, year: record.year)
            #expect(full.contains { $0.sha256 == record.sha256 && $0.findingsJSON.contains("\"schema\": \"nianbao.findings/2\"") })
            #expect(record.verdict == (record.folder == "accepted" ? .accepted : .rejected))
            #expect(record.version == 1)
        }
        // Seed 000 is accepted with its tables read: they are in the register, blank never turned to 0.
        let accepted = try #require(records.first { $0.finalName == Array(Self.samples[0].utf8) })
        #expect(accepted.verdict == .accepted)
        #expect(accepted.cells.count > 50, "\(accepted.cells.count) cells")
        #expect(accepted.cells.keys.contains { $0.table == .applications })
        try await store.close()
    }

    @Test("what the daemon records as it files is what a rebuild reads back from the findings document beside the report")
    func recordedAsFiledEqualsRebuiltFromTheFolders() async throws {
        let root = try makeRoot("recording-typed")
        let store = try await recordSamples(root: root)
        let summaries = try await Self.allRecords(store)
        #expect(summaries.count == Self.samples.count)
        for summary in summaries {
            // The whole record (with its findings document), as recorded while the daemon filed it.
            let recorded = try #require(
                try await store.submissions(agency: summary.agency, year: summary.year).first { $0.identity == summary.identity })
            let name = String(decoding: recorded.finalName, as: UTF8.self)
            let document = try Data(contentsOf: URL(fileURLWithPath: root + "/\(recorded.folder)/\(name).findings.json"))
            var rebuilt = try #require(
                RegisterRecord(
                    findingsDocument: Array(document), folder: recorded.folder, finalName: recorded.finalName, office: "测试办",
                    filedAt: recorded.filedAt))
            rebuilt.version = recorded.version
            #expect(recorded == rebuilt, "\(name)")
        }
        try await store.close()
    }

    @Test("a register that cannot be written never stops intake: every report is filed, the backlog waits, a stop waits for no pause")
    func unwritableRegisterKeepsIntakeGoing() async throws {
        let root = try makeRoot("recording-down")
        // A register in a folder that does not exist cannot be opened: every attempt fails.
        let store = ReconnectingRegister(location: .sqlite(path: root + "/missing/folder/register.sqlite3"), logger: log.logger)
        // Pauses of an hour between attempts: the stop at the end must cut the one in progress short.
        let recorder = RegisterRecorder(
            store: store, office: "", logger: log.logger, retryPauses: (first: .seconds(3600), last: .seconds(3600)))
        try await withDaemon(root: root, recorder: recorder) {
            try dropSamples(into: root)
            #expect(await eventually("every sample filed") { filed(root) == Self.samples.count })
            #expect(await eventually("the backlog holds them all") { recorder.backlog == Self.samples.count })
            #expect(await eventually("the outage is in the status part") { recorder.statusPart?.contains("register backlog") == true })
        }
        #expect(log.messages(.warning).filter { $0.contains("register unreachable") }.count == 1, "\(log.messages(.warning))")
    }

    @Test("reports filed while nothing recorded are caught up from the output folders once, and not again")
    func catchUpRecordsWhatWasFiledOnce() async throws {
        let root = try makeRoot("recording-catch-up")
        try await withDaemon(root: root, recorder: nil) {
            try dropSamples(into: root)
            #expect(await eventually("every sample filed") { filed(root) == Self.samples.count })
        }
        let store = try await SQLiteRegisterStore.open(path: root + "/register.sqlite3")
        let recorder = RegisterRecorder(store: store, office: "", logger: log.logger)
        let recording = Task { await recorder.run() }
        let catchUp = RegisterCatchUp(root: root, office: "")
        #expect(try await catchUp.run(store: store, recorder: recorder, logger: log.logger) == Self.samples.count)
        #expect(await eventually("caught up") { recorder.backlog == 0 })
        #expect(try await Self.allRecords(store).count == Self.samples.count)
        #expect(try await catchUp.run(store: store, recorder: recorder, logger: log.logger) == 0)
        recorder.finish()
        await recording.value
        try await store.close()
    }

    /// Every record of the register (the samples' years).
    static func allRecords(_ store: any RegisterStore) async throws -> [RegisterRecord] {
        var records: [RegisterRecord] = []
        for year in 2015...2030 { records += try await store.reports(year: year) }
        return records
    }
}
