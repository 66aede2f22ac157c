import Foundation
import Testing

@testable import ReportValidation

/// Property: a table whose heading is missing or garbled is still found by its own content and read cell for
/// cell as with its heading, in every layout (issue 10, item 2). Only the structure findings about the heading
/// may change. Checked on the seeds and on every corpus report, glued crawler text included.
@Suite struct TableWithoutHeadingPropertyTests {
    /// The sections that hold a table, and a garbled wording of each heading that no reviewer would recognise.
    static let tableSections: [(SectionKind, String)] = [
        (.proactive, "以下为相关数据"), (.applications, "有关数据如下"), (.reviewLitigation, "另附数据"),
    ]

    /// Codes that speak about the heading itself: expected to appear once it is gone.
    static let headingCodes: Set<RuleCode> = ["STRUCT-001", "STRUCT-002", "STRUCT-003", "STRUCT-006", "STRUCT-007"]

    static func read(_ text: String, _ name: String) -> (cells: [CellKey: RecordedCell], errors: Set<RuleCode>) {
        let document = ReportReader.read(text, format: SourceFormat.sniff(text, fileName: name))
        let result = ReportCheck(legacyDecoder: nil).check(bytes: Array(text.utf8), fileName: name, currentYear: 2026)
            .result
        return (ReportSnapshot.cells(of: document), Set(result.errors.map(\.code)).subtracting(headingCodes))
    }

    /// Removes, then garbles, the heading of each table section and compares what is read with the original.
    static func expectTablesSurviveTheirHeading(_ text: String, _ name: String) {
        let original = read(text, name)
        let document = ReportReader.read(text, format: SourceFormat.sniff(text, fileName: name))
        for (section, garbled) in tableSections {
            guard let heading = document.headings.first(where: { $0.kind == section && $0.ordinal == section.rawValue }),
                let range = text.range(of: heading.text),
                original.cells.keys.contains(where: { $0.table.section == section })
            else { continue }
            for (what, replacement) in [("removed", ""), ("garbled", section.ordinal + "、" + garbled)] {
                let changed = read(text.replacingCharacters(in: range, with: replacement), name)
                let table = original.cells.filter { $0.key.table.section == section }
                let after = changed.cells.filter { $0.key.table.section == section }
                #expect(after.mapValues(\.value) == table.mapValues(\.value), "\(name): heading \(section.ordinal) \(what)")
                #expect(changed.errors == original.errors, "\(name): heading \(section.ordinal) \(what)")
            }
        }
    }

    @Test(arguments: Seeds.expectations.map(\.file))
    func aSeedTableIsReadWithoutItsHeading(_ file: String) throws {
        Self.expectTablesSurviveTheirHeading(try Seeds.text(file), file)
    }

    @Test(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus part skipped"))
    func aCorpusTableIsReadWithoutItsHeading() throws {
        for name in Corpus.files where !name.hasSuffix("README.md") {
            let text = try String(contentsOf: Corpus.folder.appendingPathComponent(name), encoding: .utf8)
            Self.expectTablesSurviveTheirHeading(text, name)
        }
    }
}
