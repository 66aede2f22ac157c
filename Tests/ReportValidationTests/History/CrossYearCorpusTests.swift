import Foundation
import Testing

@testable import ReportValidation

/// One agency's real series (平潭综合实验区 2019–2025, corpus 001…007), judged year by year against
/// the year before, as the register will do it.
@Suite(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus tests skipped"))
struct CrossYearCorpusTests {
    static let series = [
        "001_pingtan_2019.txt", "002_pingtan_2020.txt", "003_pingtan_2021.txt", "004_pingtan_2022.txt",
        "005_pingtan_2023.txt", "006_pingtan_2024.txt", "007_pingtan_2025.txt",
    ]

    static func judged(_ name: String, previous: PreviousReport?) throws -> ValidationResult {
        let data = try Data(contentsOf: Corpus.folder.appendingPathComponent(name))
        return ReportCheck(legacyDecoder: nil)
            .check(bytes: Array(data), fileName: name, currentYear: 2026, previous: previous).result
    }

    /// Which pairs fire which cross-year rule: none, and each silence checked by hand against the files:
    ///
    /// - T3-XYR-001 is assessed on every pair and holds: each year's 二、上年结转 equals the year before's
    ///   四、结转下年度继续办理 (all zeros, except 2021 → 2022: one natural person carried out, one carried in).
    /// - T2-009 is never assessable here: 行政规范性文件 is glued in every 2021-format year (693665,
    ///   8855698, 77132470, 6233440, 5845546) with several readings, so no stock is read, and a stock
    ///   that cannot be read is not compared — no false alarm from the glued digits.
    /// - DUP-001 stays silent: 5–18 % of each year's 5-grams of sections 一 and 五 occur the year before
    ///   (measured 2026-12-02: 12 %, 10 %, 5 %, 17 %, 11 %, 13 %); the agency rewrites its narrative.
    @Test func seriesYearToYearFiresNoCrossYearRule() throws {
        let carry = ApplicantColumn.allCases.map { CellKey(.applications, row: ApplicationRow.carryIn.templateLabel, column: $0.label) }
        let carryOut = ApplicantColumn.allCases.map { CellKey(.applications, row: ApplicationRow.carryOut.templateLabel, column: $0.label) }
        let stock = CellKey(.proactive, row: "行政规范性文件", column: "现行有效件数")
        for (before, now) in zip(Self.series, Self.series.dropFirst()) {
            let last = try Self.judged(before, previous: nil)
            let previous = PreviousReport(fileName: before, snapshot: try #require(last.snapshot))
            let result = try Self.judged(now, previous: previous)
            let current = try #require(result.snapshot)
            let fired = Set(result.findings.map(\.code)).intersection(RuleCatalogue.crossYearCodes)
            #expect(fired.isEmpty, "\(before) → \(now): \(result.findings.filter { fired.contains($0.code) }.map(\.message.zh))")
            // The carry-over was really compared: both sides read as numbers, and equal.
            #expect(carry.map { current.cells[$0]?.value.integer } == carryOut.map { previous.snapshot.cells[$0]?.value.integer })
            #expect(carry.allSatisfy { current.cells[$0]?.value.integer != nil }, "\(now)")
            if current.format == .format2021 {
                #expect(current.cells[stock]?.value == .notAssessable, "\(now): 行政规范性文件 is glued and ambiguous")
            }
            let similarity = NarrativeSimilarity.measure(
                current: ReportSnapshot.narrativeSections.compactMap { current.narrative[$0] }.joined(separator: "\n"),
                previous: ReportSnapshot.narrativeSections.compactMap { previous.snapshot.narrative[$0] }.joined(separator: "\n"))
            #expect(similarity.shingles > 500 && similarity.containment > 0.02 && similarity.containment < 0.25, "\(now): \(similarity)")
        }
    }

    /// The positive control on real text: a year compared with its own text (as if resubmitted unchanged
    /// the next year) is DUP-001 at 100 %.
    @Test func realReportAgainstItsOwnTextIsDUP001() throws {
        var snapshot = try #require(try Self.judged("004_pingtan_2022.txt", previous: nil).snapshot)
        snapshot.year = 2021
        let result = try Self.judged("004_pingtan_2022.txt", previous: PreviousReport(fileName: "2021.txt", snapshot: snapshot))
        let dup = try #require(result.findings.first { $0.code == "DUP-001" })
        #expect(dup.message.zh.contains("约 100%"))
    }
}
