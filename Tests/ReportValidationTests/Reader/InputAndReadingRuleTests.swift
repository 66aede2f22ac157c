import NianbaoTestSupport
import Testing

@testable import ReportValidation

/// FILE-* rules: inputs that cannot be read as a report at all.
@Suite struct InputRuleTests {
    let check = ReportCheck(legacyDecoder: nil)

    func codes(_ bytes: [UInt8]) -> [RuleCode] {
        check.check(bytes: bytes, fileName: "x.txt", currentYear: 2026).result.findings.map(\.code)
    }

    @Test func binaryBytesAreRejectedAsNotText() {
        let result = check.check(bytes: Array("一、总体情况".utf8) + [0, 1, 2], fileName: "x.txt", currentYear: 2026).result
        #expect(result.verdict == .rejected)
        #expect(result.findings.map(\.code) == ["FILE-001"])
    }

    @Test func invalidUTF8WithoutALegacyDecoderIsUndecodable() {
        #expect(codes([0xE4, 0xB8, 0x80, 0xFF, 0xFE, 0x41]) == ["FILE-002"])
    }

    @Test func emptyAndWhitespaceOnlyFilesAreEmpty() {
        #expect(codes([]) == ["FILE-003"])
        #expect(codes(Array(" \n\t\n".utf8)) == ["FILE-003"])
    }

    @Test func unsupportedContainerAndOversizeAreRejectedWithTheirOwnCodes() {
        #expect(check.reject(.unsupportedContainer(.legacyOffice), currentYear: 2026).result.findings.map(\.code) == ["FILE-004"])
        let large = check.reject(.tooLarge(size: 30_000_000, limit: 20_971_520), currentYear: 2026).result
        #expect(large.findings.map(\.code) == ["FILE-005"])
        #expect(large.findings[0].evidence == "30000000 > 20971520")
    }

    @Test func aReadableReportHasNoInputFindings() throws {
        let bytes = Array(try Seeds.text("000_e80fb3b6824ca3a9.txt").utf8)
        #expect(!codes(bytes).contains { $0.rawValue.hasPrefix("FILE-") })
    }
}

/// READ-* rules: how reliably run-together table digits could be read.
@Suite struct ReadingRuleTests {
    static let header = "某县2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"

    func findings(_ body: String) -> [Finding] {
        Validator().validate(ReportReader.read(Self.header + body, format: .text), currentYear: 2026).findings
    }

    @Test func severalReadingsOfGluedDigitsAreReportedNotGuessed() {
        let found = findings("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665第二十条第（五）项信息内容本年处理决定数量行政许可5\n")
        let ambiguous = found.filter { $0.code == "READ-001" }
        #expect(ambiguous.count == 1)
        #expect(ambiguous.first?.location.row == "行政规范性文件")
        #expect(ambiguous.first?.evidence == "693665")
    }

    @Test func digitsThatCannotFillTheRowAreAnError() {
        let found = findings("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章00行政规范性文件000第二十条第（五）项信息内容本年处理决定数量行政许可5\n")
        #expect(found.contains { $0.code == "READ-002" && $0.severity == .error && $0.location.row == "规章" })
    }

    @Test func rowsThatCannotBeSplitAreOneErrorListingEachRow() throws {
        let found = findings("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章00行政规范性文件00第二十条第（五）项信息内容本年处理决定数量行政许可5\n")
        let unsplittable = found.filter { $0.code == "READ-002" }
        #expect(unsplittable.count == 1)
        let group = try #require(unsplittable.first)
        #expect(group.message.zh.contains("共2处") && group.message.zh.contains("规章") && group.message.zh.contains("行政规范性文件"))
        #expect(group.items.map(\.location.row) == ["规章", "行政规范性文件"], "the JSON keeps each row")
    }

    @Test func uniquelySplitDigitsAreNotedOnce() {
        let found = findings("第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件000第二十条第（五）项信息内容本年处理决定数量行政许可5\n")
        let split = found.filter { $0.code == "READ-003" }
        #expect(split.count == 1)
        #expect(!found.contains { $0.code == "READ-001" || $0.code == "READ-002" })
    }

    @Test func tablesWithSeparatedCellsHaveNoReadingFindings() throws {
        let result = Validator().validate(try Seeds.document("000_e80fb3b6824ca3a9.txt"), currentYear: 2026)
        #expect(!result.findings.contains { $0.code.rawValue.hasPrefix("READ-") })
    }
}

/// The digit splitter on its own: only splits that satisfy the row's identity, never a leading zero.
@Suite struct DigitSplitterTests {
    @Test func specExampleHasExactlyOneReading() {
        let rowSum: ([Int]) -> Bool = { $0[0...5].reduce(0, +) == $0[6] }
        #expect(DigitSplitter.splits(["640020470"], into: 7, accept: rowSum) == [[64, 0, 0, 2, 0, 4, 70]])
    }

    @Test func whiteSpaceInTheSourceIsAHardBoundary() {
        let rowSum: ([Int]) -> Bool = { $0[0...5].reduce(0, +) == $0[6] }
        #expect(DigitSplitter.splits(["500000", "5"], into: 7, accept: rowSum) == [[5, 0, 0, 0, 0, 0, 5]])
    }

    @Test func noReadingWhenTheRowCannotAddUp() {
        let rowSum: ([Int]) -> Bool = { $0[0...5].reduce(0, +) == $0[6] }
        #expect(DigitSplitter.splits(["640020480"], into: 7, accept: rowSum).isEmpty)
    }
}

/// Crawler text whose digits ran together: an arithmetic error stays an arithmetic error.
@Suite struct GluedArithmeticTests {
    static func table3(new: String, carryOut: String = "0000000") -> String {
        "某县2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n"
            + "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
            + "商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量\(new)"
            + "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开0000000"
            + "（七）总计0000000四、结转下年度继续办理\(carryOut)\n"
    }

    func findings(_ text: String) -> [Finding] {
        Validator().validate(ReportReader.read(text, format: .text), currentYear: 2026).findings
    }

    @Test func aRowWhoseDigitsCannotAddUpInAnyReadingIsARowSumError() {
        // 640020470 reads as 64,0,0,2,0,4,70; change the last digit and no reading adds up.
        let found = findings(Self.table3(new: "640020471"))
        #expect(found.contains { $0.code == "T3-SUM-003" && $0.location.row == ApplicationRow.new.templateLabel })
        #expect(!found.contains { $0.code == "T3-STRUCT-003" && $0.location.row == ApplicationRow.new.templateLabel })
    }

    @Test func aRowWithTooFewDigitsThatNoBlankPlacementExplainsIsAWidthError() {
        // 6 digits for 7 cells, and wherever the blank goes the 1 lands in a column whose balance it breaks.
        let found = findings(Self.table3(new: "0000000", carryOut: "100000"))
        #expect(found.contains { $0.code == "T3-STRUCT-003" && $0.location.row == ApplicationRow.carryOut.templateLabel })
        #expect(!found.contains { $0.code == "T3-SUM-003" })
    }

    @Test func aRowShortByABlankThatAddsUpWhereverItIsIsABlankCellWarning() {
        // Spec §12.3 refinement: 6 zeros for 7 cells is a blank cell, not a broken row.
        let found = findings(Self.table3(new: "0000000", carryOut: "000000"))
        #expect(!found.contains { $0.code == "T3-STRUCT-003" })
        #expect(found.contains { $0.code == "T3-VAL-002" && $0.location.row == ApplicationRow.carryOut.templateLabel })
    }

    @Test func aConsistentGluedRowIsReadAndChecked() {
        let found = findings(Self.table3(new: "640020470"))
        // 一 = 70 but (七)总计 = 0: the column identity fails on the split values.
        #expect(found.contains { $0.code == "T3-SUM-001" && $0.location.column == "自然人" })
        #expect(!found.contains { $0.code == "T3-SUM-003" })
    }
}

extension GluedArithmeticTests {
    @Test func ambiguousRowsThatCannotMakeTheColumnsAddUpAreAnError() throws {
        // 110000011 reads as 1,10,0,0,0,0,11 or 11,0,0,0,0,0,11; either way 一 = 11 while (七) and 四
        // are all zeros, so no reading satisfies 一 + 二 = (七) + 四.
        let text = Self.table3(new: "110000011")
        let table = try #require(ReportReader.read(text, format: .text).applicationTable)
        #expect(table.rowsWithNoConsistentReading == [.new])
        let found = findings(text).filter { $0.code == "T3-SUM-002" }
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.evidence == "一: 110000011")
    }
}

/// Containers nianbao cannot read are named, with what to submit instead, not called "binary".
@Suite struct ContainerSniffingTests {
    @Test(arguments: [
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0] as [UInt8], "Word 97–2003"),
        (Array("%PDF-1.7\n%\u{E2}".utf8), "PDF"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG"),
    ])
    func unsupportedContainerGetsTheUnsupportedFormatFinding(_ bytes: [UInt8], _ kind: String) {
        let result = ReportCheck(legacyDecoder: nil).check(bytes: bytes, fileName: "x", currentYear: 2026).result
        #expect(result.findings.map(\.code) == ["FILE-004"])
        #expect(result.findings.first?.evidence?.contains(kind) == true)
    }

    @Test func aTruncatedZipIsADamagedWordFile() {
        let result = ReportCheck(legacyDecoder: nil).check(
            bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], fileName: "x",
            currentYear: 2026
        ).result
        #expect(result.findings.map(\.code) == ["FILE-006"])
    }

    @Test func aWordFileIsReadByContentWhateverItsName() {
        let body = "<w:p><w:r><w:t>某县2024年政府信息公开工作年度报告</w:t></w:r></w:p>"
        let bytes = ZipWriter.docx(documentXML: ZipWriter.documentXML(body: body))
        for name in ["report.docx", "report.txt", "report"] {
            let report = ReportCheck(legacyDecoder: nil).check(bytes: bytes, fileName: name, currentYear: 2026)
            #expect(report.result.layout == .docx, "\(name)")
            #expect(report.result.title == "某县2024年政府信息公开工作年度报告", "\(name)")
            #expect(!report.result.findings.contains { $0.code.rawValue.hasPrefix("FILE-") }, "\(name)")
        }
    }

    @Test func aFileNamedDocxThatIsNoZipGetsAClearNote() throws {
        let text = Array(try Seeds.text("000_e80fb3b6824ca3a9.txt").utf8)
        let result = ReportCheck(legacyDecoder: nil).check(bytes: text, fileName: "年报.DOCX", currentYear: 2026).result
        #expect(result.findings.map(\.code) == ["FILE-004"])
        #expect(result.findings.first?.evidence?.contains("named .docx") == true)
        // An old Word file renamed to .docx is named for what it is.
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]
        let renamed = ReportCheck(legacyDecoder: nil).check(bytes: ole, fileName: "年报.docx", currentYear: 2026).result
        #expect(renamed.findings.first?.evidence?.contains("Word 97–2003") == true)
    }

    @Test func aWordFileWithoutTextIsEmpty() {
        let bytes = ZipWriter.docx(documentXML: ZipWriter.documentXML(body: "<w:p/><w:p><w:r><w:t> </w:t></w:r></w:p>"))
        let result = ReportCheck(legacyDecoder: nil).check(bytes: bytes, fileName: "x.docx", currentYear: 2026).result
        #expect(result.findings.map(\.code) == ["FILE-003"])
    }

    @Test func textThatMerelyMentionsPDFIsNotAContainer() throws {
        let bytes = Array(try Seeds.text("000_e80fb3b6824ca3a9.txt").utf8)
        #expect(ContainerSniffer.unsupportedKind(of: bytes) == nil)
    }
}
