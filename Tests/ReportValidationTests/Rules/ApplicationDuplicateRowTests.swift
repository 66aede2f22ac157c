import Foundation
import Testing

@testable import ReportValidation

/// A table-三 row printed twice: an error when the copies disagree (T3-STRUCT-005), a reading note when
/// they are equal (READ-004); and what the reader does not take for a copy.
@Suite struct ApplicationDuplicateRowTests {
    static let seed = "000_e80fb3b6824ca3a9.txt"

    /// Seed 000 with `line` inserted at 0-based index `index` (62: just before `四、结转下年度继续办理`).
    static func seedResult(inserting line: String, at index: Int = 62) throws -> ValidationResult {
        var lines = try Seeds.text(seed).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(line, at: index)
        let bytes = Array(lines.joined(separator: "\n").utf8)
        return ReportCheck(legacyDecoder: nil).check(bytes: bytes, fileName: seed, currentYear: 2026).result
    }

    /// Table 三 as read from tab-separated lines numbered from 1.
    static func read(_ lines: [String]) throws -> ApplicationTable {
        let source = lines.enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        return try #require(ApplicationTableReader.read(RowTokenizer.rows(source).rows))
    }

    /// A copy of table-三 row `key` on line 90 with `values`.
    static func copy(_ key: ApplicationRow, _ values: [String]) -> ApplicationTableRow {
        ApplicationTableRow(key: key, label: key.templateLabel, line: 90, cells: DocumentBuilder.cells(values, line: 90))
    }

    // MARK: The reported gap

    @Test func rowRepeatedWithOtherValuesRejectsTheReport() throws {
        let result = try Self.seedResult(inserting: "一、本年新收政府信息公开申请数量\t\t9\t9\t9\t9\t9\t9\t9\t")
        #expect(result.verdict == .rejected)
        #expect(result.errors.map(\.code) == ["T3-STRUCT-005"])
        let found = try #require(result.errors.first)
        #expect(found.location.line == 63)
        #expect(found.location.row == "一、本年新收政府信息公开申请数量")
        #expect(found.location.table == .applications)
        #expect(found.evidence == "4 0 0 0 0 0 4 @ 39 ≠ 9 9 9 9 9 9 9 @ 63")
        #expect(found.message.zh.contains("“一、本年新收政府信息公开申请数量”行出现两次（第39行、第63行）"))
        #expect(found.message.en.contains("appears twice (lines 39 and 63) with different values"))
        #expect(!result.findings.contains { $0.code == "READ-004" })
    }

    @Test func rowRepeatedWithTheSameValuesIsOnlyAWarning() throws {
        let result = try Self.seedResult(inserting: "一、本年新收政府信息公开申请数量\t\t4\t0\t0\t0\t0\t0\t4\t")
        #expect(result.verdict == .accepted)
        let found = try #require(result.findings.first { $0.code == "READ-004" })
        #expect(found.severity == .warning)
        #expect(found.location.line == 63)
        #expect(found.evidence == "4 0 0 0 0 0 4 @ 39 = 4 0 0 0 0 0 4 @ 63")
        #expect(found.message.zh.contains("两行数值相同"))
        #expect(!result.findings.contains { $0.code == "T3-STRUCT-005" })
    }

    // MARK: The rule

    @Test func copyWithOtherValuesIsAnErrorAtTheCopy() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.duplicateRows = [Self.copy(.d6, ["0", "0", "1", "0", "0", "0", "1"])]
        let found = try #require(ruleFindings("T3-STRUCT-005", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.line == 90)
        #expect(found.location.row == "（三）6.属于四类过程性信息")
        #expect(found.evidence == "0 0 0 0 0 0 0 @ \(DocumentBuilder.applicationLine(.d6)) ≠ 0 0 1 0 0 0 1 @ 90")
        #expect(ruleFindings("READ-004", in: document).isEmpty)
    }

    @Test func copyOfAnotherWidthOrWithBlanksDisagrees() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.duplicateRows = [Self.copy(.total, ["4", "1", "0", "1", "0", "0"])]
        #expect(ruleFindings("T3-STRUCT-005", in: document).count == 1)
        document.applicationTable!.duplicateRows = [Self.copy(.total, ["4", "1", "", "1", "0", "0", "6"])]
        let found = try #require(ruleFindings("T3-STRUCT-005", in: document).first)
        #expect(found.evidence?.hasSuffix("≠ 4 1 ␣ 1 0 0 6 @ 90") == true)
    }

    @Test func equalCopyIsAReadingNoteNotAnError() throws {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.duplicateRows = [Self.copy(.new, ["4", "1", "0", "1", "0", "0", "6"])]
        #expect(ruleFindings("T3-STRUCT-005", in: document).isEmpty)
        let found = try #require(ruleFindings("READ-004", in: document).first)
        #expect(found.location.row == "一、本年新收政府信息公开申请数量")
        #expect(
            found.message.en == "Table 三 row “一、本年新收政府信息公开申请数量” appears twice (lines 32 and 90) "
                + "with the same values; counted once")
    }

    @Test func copyOfARowWhoseDigitsRanTogetherIsComparedAsPrinted() {
        var document = DocumentBuilder.consistent()
        document.applicationTable!.rows[.new]!.reading = .splitFromRun(original: "410100 6")
        document.applicationTable!.duplicateRows = [Self.copy(.new, ["4101006"])]
        #expect(ruleFindings("T3-STRUCT-005", in: document).isEmpty)
        #expect(ruleFindings("READ-004", in: document).count == 1)
    }

    @Test func wordFileNamesParagraphs() throws {
        var document = DocumentBuilder.consistent()
        document.layout = .docx
        document.applicationTable!.duplicateRows = [Self.copy(.new, ["5", "1", "0", "1", "0", "0", "7"])]
        let found = try #require(ruleFindings("T3-STRUCT-005", in: document).first)
        #expect(found.message.zh.contains("（第32段、第90段）"))
        #expect(found.message.en.contains("checked on paragraph 32 only"))
    }

    // MARK: The reader: what is one row, and what is a copy

    @Test func readerKeepsTheFirstCopyAndRecordsTheSecond() throws {
        let table = try Self.read([
            "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t0\t4",
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
            "一、本年新收政府信息公开申请数量\t9\t9\t9\t9\t9\t9\t9",
        ])
        #expect(table.rows[.new]?.cells.map(\.raw) == ["4", "0", "0", "0", "0", "0", "4"])
        #expect(table.duplicateRows.map(\.line) == [3])
    }

    @Test func bare其他UnderAnotherGroupIsNeitherRow六3NorItsCopy() throws {
        let table = try Self.read([
            "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
            "\t9.其他\t5\t0\t0\t0\t0\t0\t5",
            "（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0",
            "\t6.其他\t2\t0\t0\t0\t0\t0\t2",
            "（六）其他处理\t1.申请人无正当理由逾期不补正\t0\t0\t0\t0\t0\t0\t0",
            "\t3.其他\t1\t0\t0\t0\t0\t0\t1",
        ])
        #expect(table.rows[.o3]?.line == 6)
        #expect(table.rows[.o3]?.cells.first?.raw == "1")
        #expect(table.duplicateRows.isEmpty)
    }

    @Test func labelWrappedOverABlankGridRowIsOneRow() throws {
        let table = try Self.read([
            "（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
            "\t2.其他法律行政\t\t\t\t\t\t\t\t",
            "\t法规禁止公开\t1\t0\t0\t0\t0\t0\t1",
        ])
        #expect(table.rows[.d2]?.cells.map(\.raw) == ["1", "0", "0", "0", "0", "0", "1"])
        #expect(table.rows[.d2]?.label == "2.其他法律行政 法规禁止公开")
        #expect(table.duplicateRows.isEmpty)
    }

    @Test func headerRepeatedAfterAPageBreakIsNotRow其他() throws {
        let table = try Self.read([
            "（六）其他处理\t1.申请人无正当理由逾期不补正\t0\t0\t0\t0\t0\t0\t0",
            "\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\t\t\t\t\t",
            "\t2.申请人逾期未按收费通知要求缴纳费用\t0\t0\t0\t0\t0\t0\t0",
            "\t3.其他\t1\t0\t0\t0\t0\t0\t1",
        ])
        #expect(table.rows[.o3]?.cells.first?.raw == "1")
        #expect(table.duplicateRows.isEmpty)
    }

    @Test func table四AfterAMissedHeadingEndsTable三() throws {
        // Crawler text whose heading 四 the outline missed (corpus 004: “行政法复议”).
        let table = try Self.read([
            "（七）总计\t4\t0\t0\t0\t0\t0\t4",
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            "四、政府信息公开行政法复议、行政诉讼情况",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
            "0\t1\t1\t0\t2\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0",
        ])
        #expect(table.rows[.total]?.cells.count == 7)
        #expect(table.duplicateRows.isEmpty)
    }
}
