import Foundation
import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// Property: in a consistent table 三 or 四, changing any one number by one breaks an identity that an error
/// reports (issue 10, "done when"): the tolerance for blank cells and variant layouts never hides a real
/// change. Checked on every consistent, complete table of the seeds and the corpus, cell by cell (a table with a
/// blank cell is left out: the identities through a blank are not assessable, by design — T3/T4-VAL-002).
@Suite struct SingleCellChangeTests {
    static let tableRules = Validator(
        rules: RuleCatalogue.all.filter {
            $0.code.rawValue.hasPrefix("T3-") || $0.code.rawValue.hasPrefix("T4-")
        })

    static func tableErrors(_ document: ReportDocument, prefix: String) -> [Finding] {
        tableRules.validate(document, currentYear: 2026).errors.filter { $0.code.rawValue.hasPrefix(prefix) }
    }

    /// Changes each number of the document's consistent tables 三 and 四 in turn; returns how many changes were
    /// made and those no error caught.
    static func uncaughtChanges(_ document: ReportDocument, _ name: String) -> (tried: Int, uncaught: [String]) {
        var uncaught: [String] = []
        var tried = 0
        func complete(_ cells: [Cell]) -> Bool { cells.allSatisfy { if case .number = $0.value { true } else { false } } }
        // A short row (a blank cell, place unknown) is left out too: where the placements disagree it is not assessable.
        if let table = document.applicationTable, table.rows.values.allSatisfy({ complete($0.cells) }),
            Set(table.rows.values.map(\.cells.count)).count == 1,
            tableErrors(document, prefix: "T3-").isEmpty
        {
            for (row, tableRow) in table.rows.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                for (index, cell) in tableRow.cells.enumerated() {
                    guard case .number(let n) = cell.value, let value = n.integer else { continue }
                    var changed = document
                    tried += 1
                    changed.applicationTable!.rows[row]!.cells[index] = Cell(raw: "\(value + 1)", line: cell.line)
                    if tableErrors(changed, prefix: "T3-").isEmpty { uncaught.append("\(name) 表三 \(row) [\(index)]") }
                }
            }
        }
        if let table = document.reviewTable, table.cells.count == 15, complete(table.cells), tableErrors(document, prefix: "T4-").isEmpty {
            for (index, cell) in table.cells.enumerated() {
                guard case .number(let n) = cell.value, let value = n.integer else { continue }
                var changed = document
                tried += 1
                changed.reviewTable!.cells[index] = Cell(raw: "\(value + 1)", line: cell.line)
                if tableErrors(changed, prefix: "T4-").isEmpty { uncaught.append("\(name) 表四 [\(index)]") }
            }
        }
        return (tried, uncaught)
    }

    @Test(arguments: Seeds.expectations.map(\.file))
    func everyChangeToASeedTableIsCaught(_ file: String) throws {
        let (tried, uncaught) = Self.uncaughtChanges(try Seeds.document(file), file)
        #expect(uncaught.isEmpty, "\(uncaught)")
        // Seed 000 is complete and consistent: its 25×7 table-三 and 15 table-四 numbers are all changed.
        if file.hasPrefix("000_") { #expect(tried == 25 * 7 + 15) }
    }

    @Test(.enabled(if: Corpus.available, SharedCorpus.skipReason))
    func everyChangeToACorpusTableIsCaught() throws {
        var tried = 0
        for name in Corpus.files {
            let outcome = Self.uncaughtChanges(try Corpus.document(name), name)
            tried += outcome.tried
            #expect(outcome.uncaught.isEmpty, "\(outcome.uncaught)")
        }
        #expect(tried > 1_000, "the corpus's complete tables were changed \(tried) times")
    }
}
