import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// A table row printed with fewer values than cells, because cells were left blank and the layout lost
/// their place (spec §12.3 refinement): every placement of the blank(s) is tried against the identities.
/// All hold → blank cells (T3-VAL-002 / T4-VAL-002, a warning); some → not assessable (READ-001); none →
/// a width error (T3-STRUCT-003 / T4-STRUCT-002). The same made-up table in every layout nianbao reads.
@Suite struct ShortRowBlankCellTests {
    /// The layouts a short row is met in; each renders the same rows.
    enum Layout: String, CaseIterable, CustomTestStringConvertible {
        /// Crawler text: every cell glued, several rows on one line, digits run together (`0000000`).
        case glued
        /// White-space columns, one row per line: `pdftotext -layout` output and spaced crawler text.
        case spaced
        /// Tab-separated rows; the blank sits before the values, where merge padding also sits.
        case tab
        /// One cell per tab-prefixed line, a lone tab for a blank cell, an empty line ending a row (seed 004).
        case cellPerLine
        /// Markdown pipe table (machine-converted PDFs).
        case markdown
        /// An HTML page's `<table>`, the blank an empty `<td>` before the values.
        case html
        /// A Word file's table, the blank an empty cell.
        case docx

        var testDescription: String { rawValue }
    }

    static let header = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]

    /// The consistent table 三 of `DocumentBuilder`, with `short`'s values replaced by `printed` (fewer
    /// than 7: the blank was lost).
    static func applicationRows(short: ApplicationRow, printed: [Int]) -> [(String, [String])] {
        ApplicationRow.required(for: .format2021).map { row in
            let values = row == short ? printed : DocumentBuilder.applicationValues(row)
            return (row.templateLabel, values.map(String.init))
        }
    }

    /// A 2021 report holding table 三 and table 四 in `layout`; the other sections are absent (their
    /// findings are not what these tests look at).
    static func report(_ layout: Layout, table3: [(String, [String])], table4: [String]) -> (bytes: [UInt8], name: String) {
        let title = "某某镇人民政府2021年政府信息公开工作年度报告"
        let heading3 = "三、收到和处理政府信息公开申请情况"
        let heading4 = "四、政府信息公开行政复议、行政诉讼情况"
        let header4 = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        func lines(_ row: (String, [String])) -> String {
            switch layout {
            case .glued: return row.0 + row.1.joined()
            case .spaced: return ([row.0] + row.1).joined(separator: " ")
            case .tab, .docx, .html:
                return ([row.0] + (row.1.count < 7 && !row.0.isEmpty ? [""] : []) + row.1).joined(separator: "\t")
            case .cellPerLine:
                let blank = row.1.count < 7 && !row.0.isEmpty ? ["\t"] : []
                return (["\t" + row.0] + blank + row.1.map { "\t" + $0 }).joined(separator: "\n") + "\n"
            case .markdown:
                let blank = row.1.count < 7 && !row.0.isEmpty ? [" "] : []
                return "| " + ([row.0] + blank + row.1).joined(separator: " | ") + " |"
            }
        }
        let headerRow = (header[0], Array(header.dropFirst()))
        let rows3 = [headerRow] + table3
        /// A row without a label (table 四's header and data row), every cell kept in place.
        func plain(_ cells: [String]) -> String {
            switch layout {
            case .glued, .spaced: return cells.joined(separator: " ")
            case .cellPerLine: return cells.map { "\t" + $0 }.joined(separator: "\n") + "\n"
            case .markdown: return "| " + cells.joined(separator: " | ") + " |"
            case .tab, .docx, .html: return cells.joined(separator: "\t")
            }
        }
        switch layout {
        case .glued:
            let text =
                title + "\n" + heading3 + rows3.map(lines).joined() + heading4 + header4.joined(separator: " ")
                + " " + table4.joined() + "五、存在的主要问题及改进情况\n"
            return (Array(text.utf8), "glued.txt")
        case .html:
            func tr(_ row: (String, [String])) -> String {
                let cells = row.0.isEmpty ? row.1 : lines(row).split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return "<tr>" + cells.map { "<td>\($0)</td>" }.joined() + "</tr>"
            }
            let html =
                "<html><body><p>\(title)</p><p>\(heading3)</p><table>" + rows3.map(tr).joined()
                + "</table><p>\(heading4)</p><table><tr>" + header4.map { "<td>\($0)</td>" }.joined() + "</tr>"
                + tr(("", table4)) + "</table><p>五、存在的主要问题及改进情况</p></body></html>"
            return (Array(html.utf8), "report.html")
        default:
            var body = [title, heading3] + rows3.map(lines)
            body += [heading4, plain(header4), plain(table4)]
            body.append("五、存在的主要问题及改进情况")
            let text = body.joined(separator: "\n") + "\n"
            if layout == .docx { return (TestDOCX.report(text), "report.docx") }
            return (Array(text.utf8), layout == .markdown ? "report.md" : "report.txt")
        }
    }

    static func findings(
        _ layout: Layout, short: ApplicationRow = .d6, printed: [Int] = [0, 0, 0, 0, 0, 0],
        table4: [String] = DocumentBuilder.reviewValues
    ) -> [Finding] {
        let (bytes, name) = report(layout, table3: applicationRows(short: short, printed: printed), table4: table4)
        return ReportCheck(legacyDecoder: nil).check(bytes: bytes, fileName: name, currentYear: 2026).result.findings
    }

    static func tableCodes(_ findings: [Finding]) -> Set<RuleCode> {
        Set(findings.map(\.code).filter { $0.rawValue.hasPrefix("T3") || $0.rawValue.hasPrefix("T4") || $0.rawValue.hasPrefix("READ-001") })
    }

    @Test(arguments: Layout.allCases)
    func consistentLayoutIsReadWithoutTableFindings(_ layout: Layout) {
        // The control: the full table in this layout raises nothing about tables 三 and 四.
        let found = Self.findings(layout, printed: [0, 0, 0, 0, 0, 0, 0])
        #expect(Self.tableCodes(found).subtracting(["T3-STRUCT-004"]).isEmpty, "\(found.map(\.code))")
    }

    @Test(arguments: Layout.allCases)
    func allZeroRowShortByABlankIsABlankCellWarning(_ layout: Layout) throws {
        // （三）6 printed as six zeros for seven cells: whichever cell is blank, every identity holds.
        let found = Self.findings(layout)
        #expect(!found.contains { $0.code == "T3-STRUCT-003" }, "\(found.map(\.code))")
        let blank = try #require(found.first { $0.code == "T3-VAL-002" })
        #expect(blank.severity == .warning)
        #expect(blank.location.row == ApplicationRow.d6.templateLabel)
        #expect(!found.contains { $0.code.rawValue.hasPrefix("T3-SUM") })
    }

    @Test(arguments: [Layout.glued, .spaced, .tab, .cellPerLine, .html, .docx])
    func rowWhoseBlankPlacementsDisagreeIsNotAssessedNeverGuessed(_ layout: Layout) throws {
        // （四）1 is 1 0 0 0 0 0 1; printed 1 0 0 0 0 1 the blank may be a zero (all holds) or a 1 (a column
        // breaks): the row is reported as not assessable, and no arithmetic error is raised on a guess.
        let found = Self.findings(layout, short: .u1, printed: [1, 0, 0, 0, 0, 1])
        let note = try #require(found.first { $0.code == "READ-001" }, "\(found.map(\.code))")
        #expect(note.severity == .warning)
        #expect(note.location.row == ApplicationRow.u1.templateLabel)
        #expect(!found.contains { $0.code == "T3-STRUCT-003" || $0.code.rawValue.hasPrefix("T3-SUM") })
    }

    @Test(arguments: [Layout.glued, .spaced, .tab, .html])
    func rowThatNoPlacementExplainsStaysAWidthError(_ layout: Layout) {
        // （四）1 printed 2 0 0 0 0 2: wherever the blank goes, the 2 breaks its column's sum (a changed
        // cell in a short row is still caught).
        let found = Self.findings(layout, short: .u1, printed: [2, 0, 0, 0, 0, 2])
        #expect(found.contains { $0.code == "T3-STRUCT-003" && $0.location.row == ApplicationRow.u1.templateLabel })
    }

    // MARK: Table 四

    static let zeros14 = [String](repeating: "0", count: 14)

    @Test(arguments: [Layout.glued, .spaced])
    func table4ShortByABlankThatHoldsEverywhereIsABlankCellWarning(_ layout: Layout) throws {
        // Fourteen zeros for fifteen cells (the space-separated and glued layouts lose blanks).
        let found = Self.findings(layout, table4: Self.zeros14)
        #expect(!found.contains { $0.code == "T4-STRUCT-002" }, "\(found.map(\.code))")
        let blank = try #require(found.first { $0.code == "T4-VAL-002" })
        #expect(blank.severity == .warning)
        #expect(blank.location.table == .reviewLitigation)
    }

    @Test func table4WhosePlacementsDisagreeIsNotAssessed() throws {
        // 1 0 0 0 1 then nine zeros: a blank inside 行政复议 or after its 总计 changes what adds up.
        let found = Self.findings(.spaced, table4: ["1", "0", "0", "0", "1"] + [String](repeating: "0", count: 9))
        #expect(found.contains { $0.code == "READ-001" && $0.location.table == .reviewLitigation })
        #expect(!found.contains { $0.code == "T4-STRUCT-002" || $0.code.rawValue.hasPrefix("T4-SUM") })
    }

    @Test func table4ThatNoPlacementExplainsStaysAWidthError() {
        // 1 0 0 0 2 …: 行政复议's 总计 cannot be 2 for one case wherever the blank is.
        let found = Self.findings(.spaced, table4: ["1", "0", "0", "0", "2"] + [String](repeating: "0", count: 9))
        #expect(found.contains { $0.code == "T4-STRUCT-002" })
    }

    // MARK: Placements

    @Test func placementsPutTheBlanksEverywhereInOrder() throws {
        let ways = try #require(RunResolver.placements([1, 2], width: 4, limit: 100))
        #expect(ways.count == 6)
        #expect(ways.allSatisfy { $0.compactMap { $0 } == [1, 2] })
        #expect(Set(ways.map { $0.map { $0 == nil } }).count == 6)
        #expect(RunResolver.placements([0, 0, 0, 0, 0, 0, 0], width: 15, limit: 100) == nil, "6435 ways exceed the limit")
    }

    @Test func gluedDigitsTooFewForTheRowAreReadEveryWay() throws {
        // `1000` for 7 cells: 1,0,0,0 (3 blanks) or 10,0,0 (4 blanks): both kept, never one picked.
        let (_, readings) = try #require(RunResolver.shortReadings(["1000"], width: 7, isRun: true))
        #expect(readings.contains { $0.compactMap { $0 } == [1, 0, 0, 0] })
        #expect(readings.contains { $0.compactMap { $0 } == [10, 0, 0] })
        #expect(readings.allSatisfy { $0.count == 7 })
    }
}
