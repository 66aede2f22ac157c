import Foundation
import Testing

@testable import ReportValidation

/// Property: renaming a top-level heading to any known wording of its section, or giving it a one-character
/// typo, never changes what nianbao says about a report's tables — the verdict and the errors stay the same
/// (issue 10, item 7). Checked on the seeds and on every corpus report.
@Suite struct HeadingRenamingPropertyTests {
    /// The wordings a heading may be renamed to: every known wording of its section, a substituted character
    /// and an inserted one (the shape of `行政法复议`).
    static func renamings(of heading: SectionHeading, section: SectionKind) -> [String] {
        let ordinal = section.ordinal + "、"
        let known = SectionWordings.known.first { $0.0 == section }!.1.map { ordinal + $0 }
        let wording = Array(SectionWordings.known.first { $0.0 == section }!.1[0])
        let middle = wording.count / 2
        var substituted = wording
        substituted[middle] = "亍"
        var inserted = wording
        inserted.insert("法", at: middle)
        return known + [ordinal + String(substituted), ordinal + String(inserted)]
    }

    static func judgement(_ text: String, _ name: String) -> (Verdict, Set<RuleCode>) {
        let result = ReportCheck(legacyDecoder: nil).check(bytes: Array(text.utf8), fileName: name, currentYear: 2026)
            .result
        return (result.verdict, Set(result.errors.map(\.code)))
    }

    /// Renames each heading of `text` in turn and compares the judgement with the original's.
    static func expectRenamingsKeepTheJudgement(_ text: String, _ name: String) {
        let original = judgement(text, name)
        let document = ReportReader.read(text, format: SourceFormat.sniff(text, fileName: name))
        for heading in document.headings {
            guard let section = heading.kind, heading.ordinal == section.rawValue,
                let range = text.range(of: heading.text)
            else { continue }
            for renamed in renamings(of: heading, section: section) where renamed != heading.text {
                let changed = text.replacingCharacters(in: range, with: renamed)
                let judged = judgement(changed, name)
                #expect(judged.0 == original.0, "\(name): \(heading.text) → \(renamed): \(judged.1.sorted())")
                #expect(judged.1 == original.1, "\(name): \(heading.text) → \(renamed)")
            }
        }
    }

    @Test(arguments: Seeds.expectations.map(\.file))
    func renamingASeedHeadingKeepsTheVerdict(_ file: String) throws {
        Self.expectRenamingsKeepTheJudgement(try Seeds.text(file), file)
    }

    @Test(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus part skipped"))
    func renamingACorpusHeadingKeepsTheVerdict() throws {
        for name in Corpus.files where !name.hasSuffix("README.md") {
            let text = try String(contentsOf: Corpus.folder.appendingPathComponent(name), encoding: .utf8)
            Self.expectRenamingsKeepTheJudgement(text, name)
        }
    }
}
