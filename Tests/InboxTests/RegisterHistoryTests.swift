import Foundation
import NianbaoTestSupport
import ReportValidation
import Testing

@testable import Inbox

/// The judge with a register's history (``RegisterHistory``): each report read, its agency matched, its
/// history fetched, then judged. The filings live in ``FilingLog``, a list of what was judged, standing
/// where the register's `submissions(agency:year:)` answers in the daemon.
@Suite(.offThePool) struct RegisterHistoryTests {
    /// What has been filed, by agency, as the register would give it back.
    final class FilingLog: @unchecked Sendable {
        private let lock = NSLock()
        private var filed: [String: [FiledSubmission]] = [:]

        func submissions(_ agency: String) -> [FiledSubmission] { lock.withLock { filed[agency] ?? [] } }

        /// Files `judgement` under `name` on `day`, with the version its history gave it.
        func file(_ judgement: Judgement, as name: String, on day: String) {
            let result = judgement.report.result
            guard let agency = judgement.agencyMatched ?? result.snapshot?.agency else { return }
            let filing = FiledSubmission(
                year: result.year, version: judgement.history.nextVersion, filedOn: day, verdict: result.verdict,
                finalName: name, snapshot: result.snapshot, findings: result.findings.map(FindingKey.init))
            lock.withLock { filed[agency, default: []].append(filing) }
        }
    }

    let folder: TemporaryDirectory
    let log = FilingLog()

    init() throws { folder = try TemporaryDirectory() }

    func judge(_ name: String, _ bytes: [UInt8], history: some ReportHistorySource, file: Bool = true) throws -> Judgement {
        try folder.write(name, bytes)
        var judge = ReportJudge(settings: InboxSettings(), legacyDecoder: try IconvDecoder())
        judge.history = history
        let judgement = try judge.judge(FileName(name), in: DirectoryHandle(path: folder.path), fileName: FileName(name), currentYear: 2026)
        if file { log.file(judgement, as: name, on: "2026-01-\(10 + log.submissions(judgement.history.subject?.agency ?? "").count)") }
        return judgement
    }

    var register: RegisterHistory {
        // A limit no busy machine reaches: these tests wait on the answer, not on a time budget.
        RegisterHistory(timeLimit: .seconds(600)) { [log] agency, _ in log.submissions(agency) }
    }

    static let series = (2019...2025).enumerated().map { "00\($0.offset + 1)_pingtan_\($0.element).txt" }

    /// The real series dropped in order: from 2020 on each year is compared with the year before, by
    /// name, and none of the cross-year rules fires (the agency's figures and texts hold, see CrossYearCorpusTests).
    @Test(.enabled(if: SharedCorpus.available, SharedCorpus.skipReason))
    func realSeriesInOrderIsComparedYearToYearWithoutFalseAlarms() throws {
        for (index, name) in Self.series.enumerated() {
            let bytes = Array(try Data(contentsOf: SharedCorpus.folder.appendingPathComponent(name)))
            let judgement = try judge(name, bytes, history: register)
            let history = judgement.history
            #expect(history.subject?.agency == "平潭综合实验区" && history.subject?.year == 2019 + index, "\(name)")
            #expect(history.earlier.isEmpty && history.nextVersion == 1, "\(name) is the first of its year")
            if index == 0 {
                #expect(history.previousYear == nil)
                #expect(judgement.report.result.notes.map(\.zh) == ["登记簿中没有“平潭综合实验区”2018年度的报告，未作跨年度核对"])
            } else {
                #expect(history.previousYear?.fileName == Self.series[index - 1], "\(name)")
                #expect(judgement.report.result.notes.isEmpty, "\(name): \(judgement.report.result.notes)")
            }
            let fired = judgement.report.result.findings.filter { ["T3-XYR-001", "T2-009", "DUP-001"].contains($0.code.rawValue) }
            #expect(fired.isEmpty, "\(name): \(fired.map(\.message.zh))")
        }
    }

    /// The same year's report three times: rejected, fixed, sent again. Each note says what changed.
    @Test func resubmissionsAreVersionedAndSayWhatChanged() throws {
        let seed = String(decoding: try Fixtures.bytes("000_e80fb3b6824ca3a9.txt"), as: UTF8.self)
        // Version 1: a 总计 that does not add up (an error); version 2: fixed; version 3: the same again.
        let broken = seed.replacingOccurrences(of: "(七) 总计\t4\t", with: "(七) 总计\t9\t")
        #expect(broken != seed)
        let first = try judge("v1.txt", Array(broken.utf8), history: register)
        #expect(first.report.result.verdict == .rejected, "\(first.report.result.findings.map(\.code))")
        #expect(first.history.nextVersion == 1)
        let second = try judge("v2.txt", Array(seed.utf8), history: register)
        #expect(second.report.result.verdict == .accepted && second.history.nextVersion == 2)
        let fixed = Set(first.report.result.findings.map(FindingKey.init)).subtracting(second.report.result.findings.map(FindingKey.init))
        #expect(!fixed.isEmpty)
        let note = try #require(second.report.result.notes.first?.zh)
        #expect(note.hasPrefix("第2次提交（上次 2026-01-10 退回）：已改正 "), "\(note)")
        #expect(fixed.allSatisfy { note.contains($0.description) }, "\(note)")
        #expect(note.hasSuffix("新出现 无"), "\(note)")
        let third = try judge("v3.txt", Array((seed + "\n").utf8), history: register)
        #expect(third.history.nextVersion == 3)
        #expect(
            third.report.result.notes.first?.zh.hasPrefix("第3次提交（上次 2026-01-11 通过）：已改正 无") == true,
            "\(third.report.result.notes)")
    }

    struct RegisterDown: Error, CustomStringConvertible {
        var description: String { "connection refused (127.0.0.1:5432)" }
    }

    /// A register that fails, or does not answer in time, means judging alone with a note, never an error.
    @Test func unreachableOrSlowRegisterMeansJudgingWithoutHistory() throws {
        let seed = try Fixtures.bytes("000_e80fb3b6824ca3a9.txt")
        let alone = try judge("alone.txt", seed, history: RegisterHistory(timeLimit: .seconds(600)) { _, _ in [] }, file: false)
        let down = try judge(
            "down.txt", seed, history: RegisterHistory(timeLimit: .seconds(600)) { _, _ in throw RegisterDown() }, file: false)
        #expect(down.report.result.verdict == alone.report.result.verdict)
        #expect(down.report.result.findings == alone.report.result.findings)
        #expect(
            down.report.result.notes.map(\.zh) == [
                "未能查询登记簿（connection refused (127.0.0.1:5432)），未与上年报告比较，也未核对是否重复提交；本报告按单独一份审核"
            ])
        let slow = RegisterHistory(timeLimit: .milliseconds(100)) { _, _ in
            try await Task.sleep(for: .seconds(3600))
            return []
        }
        let late = try judge("late.txt", seed, history: slow, file: false)
        #expect(late.report.result.notes.first?.zh.contains("未能查询登记簿") == true, "\(late.report.result.notes)")
        #expect(late.report.result.findings == alone.report.result.findings)
        // Right after a time-out the register is left alone: the next report does not wait again.
        let next = try judge("next.txt", seed + Array("\n".utf8), history: slow, file: false)
        #expect(next.report.result.notes.first?.zh.contains("刚才未答复") == true, "\(next.report.result.notes)")
    }
}
