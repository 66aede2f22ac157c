import Foundation
import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// The real reports in `../shared/corpus` (not in the repo: a user's clone has no shared/).
enum Corpus {
    static let folder = SharedCorpus.folder
    static var available: Bool { SharedCorpus.available }
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") || $0.hasSuffix(".html") || $0.hasSuffix(".js") }.sorted()
    }

    static func result(_ name: String) throws -> ValidationResult {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        let check = ReportCheck(legacyDecoder: nil).check(bytes: Array(data), fileName: name, currentYear: 2026)
        return check.result
    }

    static func document(_ name: String) throws -> ReportDocument {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return ReportReader.read(text, format: SourceFormat.sniff(text, fileName: name))
    }
}

@Suite(.enabled(if: Corpus.available, SharedCorpus.skipReason))
struct CorpusTests {
    @Test func everyCorpusReportIsJudgedWithReadableFindings() throws {
        #expect(Corpus.files.count >= 20)
        for name in Corpus.files {
            let result = try Corpus.result(name)
            for finding in result.findings {
                #expect(!finding.message.zh.isEmpty && !finding.message.en.isEmpty, "\(name) \(finding.code)")
            }
        }
    }

    /// Crawler text with every cell run together: the digits are split by the row sums and the result
    /// is checked against the column identities (spec's own example: 640020470 → 64,0,0,2,0,4,70).
    @Test func gluedCrawlerTableIsSplitByItsIdentities() throws {
        let document = try Corpus.document("003_pingtan_2021.txt")
        let table = try #require(document.applicationTable)
        #expect(table.rows[.new]?.cells.map(\.raw) == ["64", "0", "0", "2", "0", "4", "70"])
        #expect(table.rows[.total]?.cells.map(\.raw) == ["63", "0", "0", "2", "0", "4", "69"])
        #expect(document.reviewTable?.cells.map(\.raw) == ["1", "0", "2", "0", "3", "12", "0", "0", "0", "12", "0", "0", "0", "0", "0"])
        let codes = Set(try Corpus.result("003_pingtan_2021.txt").findings.map(\.code))
        #expect(!codes.contains { $0.rawValue.contains("SUM") })
        #expect(codes.contains("READ-001"), "行政规范性文件 693665 has several readings and must be reported, not guessed")
    }

    /// pdftotext output: white-space columns, vertical labels, page footers.
    @Test func pdftotextLayoutIsReadCompletely() throws {
        let document = try Corpus.document("009_huaian_2024.txt")
        #expect(document.applicationTable?.rows.count == 25)
        #expect(document.applicationTable?.rows[.new]?.cells.map(\.raw) == ["3001", "53", "0", "0", "61", "4", "3119"])
        #expect(document.applicationTable?.rows[.o1]?.cells.map(\.raw) == ["67", "3", "0", "0", "1", "0", "71"])
        #expect(document.reviewTable?.isWellFormed == true)
        #expect(try Corpus.result("009_huaian_2024.txt").verdict == .accepted)
    }

    /// Arithmetic errors that are really in the published reports (checked by hand).
    @Test func realArithmeticErrorsInPublishedReportsAreFound() throws {
        // 2020: (七)总计 自然人 20, but its leaves add up to 6+6+4+3+3+4 = 26.
        #expect(try Corpus.result("002_pingtan_2020.txt").findings.contains { $0.code == "T3-SUM-002" })
        // 公安局 2021: 一 1 + 二 0 ≠ (七) 1 + 四 1.
        #expect(try Corpus.result("019_pingtan_gaj_2021.txt").findings.contains { $0.code == "T3-SUM-001" })
    }

    @Test func pre2019ReportIsRejectedAsUnsupportedFormat() throws {
        let result = try Corpus.result("010_pingtan_2018_pre2019format.txt")
        #expect(result.verdict == .rejected)
        #expect(result.findings.contains { $0.code == "FMT-004" })
    }
}
