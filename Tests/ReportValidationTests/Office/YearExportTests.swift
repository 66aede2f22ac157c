import Testing

@testable import ReportValidation

@Suite struct YearExportTests {
    typealias F = OfficeFixtures

    static func export() -> YearExport {
        YearExport(
            year: 2026, directory: F.directory,
            submissions: [
                F.submission("王村镇人民政府", version: 1, .rejected, filed: "2027-01-05", cells: [F.newRequests: F.number(99)]),
                F.submission(
                    "王村镇人民政府", version: 2, .accepted, filed: "2027-01-12",
                    cells: [F.newRequests: F.number(3), F.fee: F.number(1, fraction: "5")]),
                F.submission(
                    "某某县发展和改革局", version: 1, .accepted, filed: "2027-01-08",
                    cells: [F.newRequests: F.number(4), F.fee: F.number(0, fraction: "25")]),
                F.submission("李庄乡", version: 1, .accepted, filed: "2027-01-09", inDirectory: false, cells: [F.newRequests: F.blank]),
            ])
    }

    @Test func oneRowPerAgencysCurrentReportInDirectoryOrder() {
        let export = Self.export()
        #expect(export.rows.map(\.submission.agency) == ["王村镇人民政府", "某某县发展和改革局", "李庄乡"])
        #expect(export.rows[0].submission.version == 2 && export.rows[0].kind == .township)
    }

    @Test(arguments: FormatVersion.allCases)
    func columnsFollowTheTemplateOfTheYearsFormat(_ version: FormatVersion) {
        let keys = YearExport.templateCells(for: version)
        #expect(Set(keys).count == keys.count)
        #expect(keys.first?.table == .proactive && keys.last == CellKey(.reviewLitigation, row: "行政诉讼 / 复议后起诉", column: "总计"))
        #expect(keys.contains(CellKey(.applications, row: "四、结转下年度继续办理", column: "总计")))
    }

    @Test func totalsSumNumbersExactlyAndSayHowManyWereBlank() throws {
        let export = Self.export()
        let requests = try #require(export.totals[F.newRequests])
        #expect(requests.sumText == "7" && requests.blanks == 1 && requests.unreadable == 0)
        #expect(requests.text == "7（1 份空白）")
        let fee = try #require(export.totals[F.fee])
        #expect(fee.sumText == "1.75" && fee.unreadable == 1 && fee.text == "1.75（1 份无法读取）")
    }

    @Test(arguments: [([-3, 1], "-2"), ([0], "0"), ([], "")])
    func totalsOfIntegersAndOfNothing(values: [Int], sum: String) {
        var total = YearExport.Total()
        for value in values { total.add(F.number(value)) }
        #expect(total.sumText == sum)
    }

    @Test func csvHasTheTemplateHeadingsAndATotalsRow() {
        let csv = Self.export().csv
        #expect(csv.hasPrefix("\u{FEFF}机关,类型,版本,结论,错误,警告,报送日期,文件,表二/规章/本年制发件数,"))
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 5)
        #expect(rows.last!.hasPrefix("合计（3 个机关）,"))
        #expect(rows.last!.contains(",7（1 份空白）,"))
    }

    @Test func jsonGivesColumnsOnceAndValuesWithTheirStates() {
        let json = Self.export().json
        #expect(json.contains("\"schema\": \"nianbao.export/1\""))
        #expect(json.contains("\"row\": \"一、本年新收政府信息公开申请数量\""))
        #expect(json.contains("\"blank\"") && json.contains("\"absent\"") && json.contains("\"sum\": \"1.75\""))
    }

    @Test func theWorkbookIsAZipOfTheSpreadsheetParts() throws {
        var archive = try ZipArchive(try Self.export().workbook.bytes())
        #expect(
            Set(archive.entries.map(\.name)) == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml",
            ])
        let sheet = String(decoding: try #require(try archive.extract("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains("<is><t xml:space=\"preserve\">王村镇人民政府</t></is>"))
        #expect(sheet.contains("<v>1.75</v>") && sheet.contains("1 份空白"))
    }

    @Test(arguments: [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA")])
    func spreadsheetColumnNames(index: Int, name: String) {
        #expect(XLSXWorkbook.columnName(index) == name)
    }

    @Test func xmlTextIsEscapedAndForbiddenCharactersReplaced() {
        #expect(XLSXWorkbook.escaped("a<b & \"c\"\u{01}") == "a&lt;b &amp; &quot;c&quot;\u{FFFD}")
    }
}
