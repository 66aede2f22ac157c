import Foundation
import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// Where the shared corpus of real reports lives on the development machines (`../shared/corpus`).
private let corpusDirectory = SharedCorpus.folder.path

/// Real report pages from the shared corpus, read end to end.
///
/// The corpus lives outside the repository (its files must not be copied in), so on a machine without
/// `../shared/corpus` these tests are skipped — visibly, as "skipped" in the test report, not passed.
@Suite(.enabled(if: SharedCorpus.available, SharedCorpus.skipReason))
struct HTMLCorpusTests {
    static let directory = corpusDirectory

    /// Expected table values, checked by hand against each page's markup (and against an independent parse).
    struct Expectation: Sendable, CustomTestStringConvertible {
        var file: String
        /// Table 三 row 一: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计 (blank = empty cell).
        var newApplications: [String]
        /// Table 四 data row: 复议 1–5, 未经复议直接起诉 6–10, 复议后起诉 11–15.
        var reviewLitigation: [String]
        /// Source line of the `<tr>` holding row 一 (the JS-embedded page counts lines of the extracted markup).
        var newApplicationsLine: Int

        var testDescription: String { file }
    }

    static let expectations: [Expectation] = [
        Expectation(
            file: "014_shuyang_fgj_2023.html",
            newApplications: ["26", "", "", "", "", "", "26"],
            reviewLitigation: ["0", "0", "0", "1", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
            newApplicationsLine: 413),
        Expectation(
            file: "015_pingtan_2024.html",
            newApplications: ["217", "1", "0", "0", "0", "0", "218"],
            reviewLitigation: ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"],
            newApplicationsLine: 353),
        Expectation(
            file: "016_pingtan_2025.html",
            newApplications: ["151", "3", "0", "0", "0", "0", "154"],
            reviewLitigation: ["25", "3", "8", "0", "36", "3", "3", "0", "0", "6", "3", "0", "0", "0", "3"],
            newApplicationsLine: 349),
        Expectation(
            file: "017_pingtan_xzspj_2023.html",
            newApplications: ["7", "0", "0", "0", "0", "0", "7"],
            reviewLitigation: ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "1", "0", "1"],
            newApplicationsLine: 355),
        Expectation(
            file: "021_pingtan_gzj_2023.html",
            newApplications: ["0", "0", "0", "0", "0", "0", "0"],
            reviewLitigation: Array(repeating: "0", count: 15),
            newApplicationsLine: 355),
        Expectation(
            file: "022_pingtan_htp_2023.html",
            newApplications: ["0", "0", "0", "0", "0", "0", "0"],
            reviewLitigation: Array(repeating: "0", count: 15),
            newApplicationsLine: 355),
        Expectation(
            file: "008_shanghai_szfbgt_2019.js",
            newApplications: ["821", "35", "", "", "2", "1", "859"],
            reviewLitigation: ["5", "", "", "2", "7", "8", "", "", "1", "9", "", "", "", "", ""],
            newApplicationsLine: 1),
    ]

    /// The page's lines split into cells; JS-wrapped pages are unwrapped first.
    static func rows(of file: String) throws -> [(number: Int, cells: [String])] {
        let data = try #require(FileManager.default.contents(atPath: "\(directory)/\(file)"))
        let text = String(decoding: data, as: UTF8.self)
        let html = file.hasSuffix(".js") ? try #require(HTMLReader.extractEmbeddedHTML(text)) : text
        return HTMLReader.lines(html).map {
            ($0.number, $0.text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
        }
    }

    @Test(arguments: expectations)
    func newApplicationsRowKeepsItsSevenValuesInOrder(_ expected: Expectation) throws {
        let rows = try Self.rows(of: expected.file)
        let row = try #require(rows.first { $0.cells.first == "一、本年新收政府信息公开申请数量" })
        // The label spans three grid columns; the seven values follow in canonical order.
        #expect(row.cells == ["一、本年新收政府信息公开申请数量", "", ""] + expected.newApplications)
        #expect(row.number == expected.newApplicationsLine)
    }

    @Test(arguments: expectations)
    func reviewLitigationRowHasFifteenValues(_ expected: Expectation) throws {
        let rows = try Self.rows(of: expected.file)
        let header = try #require(rows.firstIndex { $0.cells.first == "行政复议" })
        // Two header rows follow the group row, then the data row.
        let dataRow = try #require(rows.dropFirst(header + 3).first)
        #expect(dataRow.cells == expected.reviewLitigation)
        #expect(rows[header + 2].cells.suffix(10).allSatisfy { !$0.isEmpty })
    }

    @Test(arguments: expectations)
    func sectionHeadingsAreTheirOwnLines(_ expected: Expectation) throws {
        let texts = try Self.rows(of: expected.file).map { $0.cells.joined(separator: "\t") }
        let sectionStarts = ["一、", "二、", "三、", "四、", "五、", "六、"].compactMap { ordinal in
            texts.firstIndex { $0.hasPrefix(ordinal) && !$0.contains("\t") && $0.count < 40 }
        }
        #expect(sectionStarts.count == 6)
        #expect(sectionStarts == sectionStarts.sorted())
    }

    @Test(arguments: expectations)
    func pagesDeclareUTF8(_ expected: Expectation) throws {
        let data = try #require(FileManager.default.contents(atPath: "\(Self.directory)/\(expected.file)"))
        // The HTML pages carry `<meta charset="utf-8">`; the script file declares nothing.
        #expect(HTMLReader.declaredCharset(Array(data)) == (expected.file.hasSuffix(".html") ? "utf-8" : nil))
    }

    @Test func linesAreInSourceOrder() throws {
        for expected in Self.expectations where expected.file.hasSuffix(".html") {
            let numbers = try Self.rows(of: expected.file).map(\.number)
            #expect(numbers == numbers.sorted(), "\(expected.file)")
        }
    }
}
