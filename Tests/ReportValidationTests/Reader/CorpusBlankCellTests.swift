import Testing

@testable import ReportValidation

/// Blank cells in the real reports of `../shared/corpus` (spec §12.3 refinement): a row short by blanks is a
/// warning when every placement adds up, and no consistent table is called wrong.
@Suite(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus tests skipped"))
struct CorpusBlankCellTests {
    /// Glued crawler text printing `四、结转下年度继续办理 000000`: six zeros for seven cells.
    @Test func gluedRowOfSixZerosIsABlankCellWarningNotAWidthError() throws {
        let result = try Corpus.result("023_pingtan_jjp_2024.txt")
        let carryOut = ApplicationRow.carryOut.templateLabel
        #expect(!result.findings.contains { $0.code == "T3-STRUCT-003" })
        let blank = try #require(result.findings.first { $0.code == "T3-VAL-002" && $0.location.row == carryOut })
        #expect(blank.severity == .warning)
    }

    /// The published tables whose arithmetic really fails (checked by hand, see CorpusTests); every other
    /// table 三 and 四 of the corpus must raise no arithmetic or width error.
    static let reallyInconsistent: Set<String> = ["002_pingtan_2020.txt", "019_pingtan_gaj_2021.txt"]

    @Test func noConsistentCorpusTableRaisesAnArithmeticError() throws {
        for name in Corpus.files where !Self.reallyInconsistent.contains(name) {
            let errors = try Corpus.result(name).errors.filter {
                $0.code.rawValue.hasPrefix("T3-SUM") || $0.code.rawValue.hasPrefix("T4-SUM")
            }
            #expect(errors.isEmpty, "\(name): \(errors.map { "\($0.code) \($0.message.zh)" })")
        }
    }
}
