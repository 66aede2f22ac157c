import Foundation
import Testing

@testable import ReportValidation

/// Findings grouped by cause (issue 10): the repeats of one cause in one table are one finding that names
/// the rows and columns and keeps every cell in `items`; the note opens with the distinct fixes.
@Suite struct GroupedFindingTests {
    /// A made-up report whose table 三 leaves the five 法人或其他组织 columns blank in every row — what a
    /// natural-persons-only agency's web page looks like (corpus 014 is a real one).
    static func blankColumns() -> ReportDocument {
        var document = DocumentBuilder.consistent()
        for row in ApplicationRow.required(for: .format2021) {
            for column in 1...5 { document.setApplicationCell(row, column, "") }
        }
        return document
    }

    @Test func blankColumnsInEveryRowAreOneFindingListingEachCell() throws {
        let found = ruleFindings("T3-VAL-002", in: Self.blankColumns())
        #expect(found.count == 1)
        let finding = try #require(found.first)
        #expect(finding.count == 25 * 5)
        #expect(finding.message.zh.hasPrefix("表三：商业企业、科研机构、社会公益组织、法律服务机构、其他 5 列在 25 行中为空或占位符"))
        #expect(!finding.message.zh.contains("T3-SUM"), "rule codes stay labels, not prose")
        #expect(finding.location.column == "商业企业、科研机构、社会公益组织、法律服务机构、其他")
        #expect(finding.location.line == DocumentBuilder.applicationLine(.new))
        let cell = try #require(finding.items.first)
        #expect(cell.location.row == ApplicationRow.new.templateLabel)
        #expect(cell.location.column == "商业企业")
        #expect(cell.evidence == "商业企业 = 空白")
        #expect(Set(finding.items.map(\.location.row)).count == 25)
    }

    @Test func blankCellsInDifferentColumnsAreOneFindingNamingEachRow() throws {
        // Two rows, each with its own blank: one cause (blank cells in table 三), one finding.
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.granted, 0, "")
        document.setApplicationCell(.d6, 3, "/")
        let finding = try #require(ruleFindings("T3-VAL-002", in: document).first)
        #expect(ruleFindings("T3-VAL-002", in: document).count == 1)
        #expect(finding.count == 2)
        #expect(finding.message.zh.contains("(一)的自然人；(三)6的社会公益组织"))
        #expect(finding.location.row == nil && finding.location.column == nil)
    }

    @Test func arithmeticErrorsAreNeverGrouped() {
        var document = DocumentBuilder.consistent()
        document.setApplicationCell(.carryOut, 0, "0")
        document.setApplicationCell(.carryOut, 6, "0")
        #expect(ruleFindings("T3-SUM-001", in: document).map(\.count) == [1, 1])
    }

    @Test func jsonKeepsEveryCellOfAGroupedFinding() throws {
        let result = Validator().validate(Self.blankColumns(), currentYear: 2026)
        let file = CheckedFile(path: "r.txt", report: CheckedReport(encoding: .utf8, result: result))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(FindingsJSON().render(file).utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "nianbao.findings/2")
        let findings = try #require(object["findings"] as? [[String: Any]])
        let grouped = try #require(findings.first { $0["code"] as? String == "T3-VAL-002" })
        #expect(grouped["count"] as? Int == 125)
        let items = try #require(grouped["items"] as? [[String: Any]])
        #expect(items.count == 125)
        let location = try #require(items.last?["location"] as? [String: Any])
        #expect(location["row"] as? String == ApplicationRow.carryOut.templateLabel)
        #expect(location["column"] as? String == "其他")
        let counts = try #require(object["counts"] as? [String: Int])
        #expect(counts["warnings"] == result.warnings.count, "counts are per grouped finding")
    }

    @Test func noteOpensWithTheDistinctFixesErrorsFirst() {
        var document = Self.blankColumns()
        document.setReviewCell(.review, 0, "")
        document.setApplicationCell(.new, 0, "9")
        let result = Validator().validate(document, currentYear: 2026)
        let text = FindingsText().render(CheckedFile(path: "r.txt", report: CheckedReport(encoding: .utf8, result: result)))
        let lines = text.split(separator: "\n").map(String.init)
        let start = try? #require(lines.firstIndex(of: "请按以下事项修改："))
        guard let start else { return }
        let fixes = lines[(start + 1)...].prefix { $0.hasPrefix("  ") }
        #expect(fixes.first?.contains("[T3-SUM-") == true, "the error's fix comes first: \(fixes)")
        #expect(fixes.filter { $0.contains("[T3-VAL-002]") }.count == 1, "each fix once")
        #expect(text.contains("涉及：125 处"))
        let english = FindingsText(language: .en).render(
            CheckedFile(path: "r.txt", report: CheckedReport(encoding: .utf8, result: result)))
        #expect(english.contains("What to fix:"))
    }
}

/// Corpus 014 (沭阳县发展和改革局 2023, an HTML page): five applicant columns blank in all 25 rows.
@Suite(.enabled(if: Corpus.available, "../shared/corpus is absent (a user's clone): corpus tests skipped"))
struct CorpusGroupedFindingTests {
    @Test func blankColumnsOfARealReportAreOneGroupedFinding() throws {
        let result = try Corpus.result("014_shuyang_fgj_2023.html")
        let blanks = result.findings.filter { $0.code == "T3-VAL-002" }
        #expect(blanks.count == 1)
        let finding = try #require(blanks.first)
        #expect(finding.message.zh.contains("商业企业、科研机构、社会公益组织、法律服务机构、其他 5 列在 25 行中为空"))
        #expect(finding.count == 125)
        #expect(result.warnings.count < 10)
    }
}
