import Testing

@testable import ReportValidation

@Suite struct ReviewRuleTests {
    static let sumCodes: [RuleCode] = ["T4-SUM-001", "T4-SUM-002", "T4-SUM-003"]

    @Test func missingTable四IsAnError() {
        var document = DocumentBuilder.consistent()
        document.reviewTable = nil
        let found = ruleFindings("T4-STRUCT-001", in: document)
        #expect(found.count == 1)
        #expect(found.first?.severity == .error)
        #expect(found.first?.location == Location(section: .reviewLitigation, table: .reviewLitigation))
    }

    @Test func dataRowOfFourteenCellsIsAnErrorAndNothingIsSummed() throws {
        var document = DocumentBuilder.consistent()
        document.reviewTable!.cells.removeLast()
        document.setReviewCell(.review, 4, "9")
        let found = try #require(ruleFindings("T4-STRUCT-002", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.line == 62)
        #expect(found.evidence == "1 0 0 1 9 0 1 0 0 1 0 0 0 0 (14 ≠ 15)")
        #expect(Self.sumCodes.flatMap { ruleFindings($0, in: document) }.isEmpty)
    }

    @Test func unsplittableDigitRunIsAnError() throws {
        var document = DocumentBuilder.consistent()
        document.reviewTable!.reading = .unsplittable(original: "100120100100000")
        let found = try #require(ruleFindings("T4-STRUCT-002", in: document).first)
        #expect(found.evidence == "100120100100000")
    }

    @Test(arguments: ["-1", "两件", "0.5"])
    func cellThatIsNotANonNegativeIntegerIsAnError(raw: String) throws {
        var document = DocumentBuilder.consistent()
        document.setReviewCell(.suitAfterReview, 2, raw)
        let found = try #require(ruleFindings("T4-VAL-001", in: document).first)
        #expect(found.location.column == "行政诉讼 / 复议后起诉 / 其他结果")
        #expect(found.evidence == "行政诉讼 / 复议后起诉 / 其他结果 = \(raw)")
    }

    @Test func wholeBlankReviewGroupIsOneWarningAndItsSumIsNotAssessed() throws {
        // Seeds 001 and 002: the 行政复议 group left blank.
        var document = DocumentBuilder.consistent()
        for column in 0..<5 { document.setReviewCell(.review, column, "") }
        let found = ruleFindings("T4-VAL-002", in: document)
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(first.severity == .warning)
        #expect(first.location.column == "行政复议")
        #expect(first.evidence?.hasPrefix("行政复议 / 结果维持 = 空白, 行政复议 / 结果纠正 = 空白") == true)
        #expect(first.message.zh.contains("整组"))
        #expect(first.message.en.hasSuffix("so the sum of 行政复议 cannot be checked"))
        #expect(!first.message.zh.contains("T4-SUM"))
        #expect(ruleFindings("T4-SUM-001", in: document).isEmpty)
        #expect(ruleFindings("T4-VAL-001", in: document).isEmpty)
    }

    @Test func placeholderCellIsNamedInTheWarning() throws {
        var document = DocumentBuilder.consistent()
        document.setReviewCell(.directSuit, 3, "/")
        let found = try #require(ruleFindings("T4-VAL-002", in: document).first)
        #expect(found.location.column == "行政诉讼 / 未经复议直接起诉 / 尚未审结")
        #expect(found.evidence == "行政诉讼 / 未经复议直接起诉 / 尚未审结 = “/”")
    }

    @Test(arguments: zip(ReviewGroup.allCases, sumCodes))
    func groupWhoseOutcomesDoNotAddUpIsAnError(group: ReviewGroup, code: RuleCode) throws {
        var document = DocumentBuilder.consistent()
        let total = Int(DocumentBuilder.reviewValues[group.rawValue * 5 + 4])!
        document.setReviewCell(group, 4, String(total + 3))
        let found = ruleFindings(code, in: document)
        #expect(found.count == 1)
        let first = try #require(found.first)
        #expect(first.severity == .error)
        #expect(first.location.column == ReviewTable.columnLabel(group, 4))
        #expect(
            first.evidence == "\(group.label): 维持+纠正+其他+未结 = "
                + DocumentBuilder.reviewValues[(group.rawValue * 5)..<(group.rawValue * 5 + 4)].joined(separator: "+")
                + " = \(total) ≠ 总计 = \(total + 3)")
        let others = Self.sumCodes.filter { $0 != code }.flatMap { ruleFindings($0, in: document) }
        #expect(others.isEmpty)
    }

    @Test(arguments: 0..<15)
    func changingAnyCellBreaksTheSumOfItsGroup(position: Int) throws {
        var document = DocumentBuilder.consistent()
        let group = try #require(ReviewGroup(rawValue: position / 5))
        let value = Int(DocumentBuilder.reviewValues[position])!
        document.setReviewCell(group, position % 5, String(value + 1))
        let errors = Self.sumCodes.flatMap { ruleFindings($0, in: document) }
        #expect(errors.count == 1)
        #expect(errors.first?.location.column?.hasPrefix(group.label) == true)
        #expect(errors.first?.evidence?.hasPrefix(group.label) == true)
    }

    // MARK: T4-STRUCT-003 / READ-004 — the data row printed twice

    @Test func dataRowTwiceWithOtherValuesIsAnError() throws {
        var document = DocumentBuilder.consistent()
        var copy = DocumentBuilder.reviewValues
        copy[4] = "3"
        document.reviewTable!.duplicateCells = DocumentBuilder.cells(copy, line: 63)
        let found = try #require(ruleFindings("T4-STRUCT-003", in: document).first)
        #expect(found.severity == .error)
        #expect(found.location.line == 63)
        #expect(found.location.row == nil)
        #expect(found.evidence == "1 0 0 1 2 0 1 0 0 1 0 0 0 0 0 @ 62 ≠ 1 0 0 1 3 0 1 0 0 1 0 0 0 0 0 @ 63")
        #expect(found.message.zh.contains("表四数据行出现两次（第62行、第63行）"))
        #expect(ruleFindings("READ-004", in: document).isEmpty)
        #expect(ruleFindings("T4-STRUCT-003", in: DocumentBuilder.consistent()).isEmpty)
    }

    @Test func dataRowTwiceWithTheSameValuesIsAReadingNote() throws {
        var document = DocumentBuilder.consistent()
        document.reviewTable!.duplicateCells = DocumentBuilder.cells(DocumentBuilder.reviewValues, line: 63)
        #expect(ruleFindings("T4-STRUCT-003", in: document).isEmpty)
        let found = try #require(ruleFindings("READ-004", in: document).first)
        #expect(found.location.table == .reviewLitigation)
        #expect(found.message.en == "Table 四's data row appears twice (lines 62 and 63) with the same values; counted once")
    }

    /// Seed 000 with its table-四 data row (line 70) printed again on line 71.
    @Test(arguments: [
        ("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "READ-004"),
        ("0\t0\t0\t0\t0\t1\t0\t0\t0\t1\t0\t0\t0\t0\t0", "T4-STRUCT-003"),
    ])
    func readerFindsASecondDataRow(copy: String, code: String) throws {
        var lines = try Seeds.text("000_e80fb3b6824ca3a9.txt").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        lines.insert(copy, at: 70)
        let document = ReportReader.read(lines.joined(separator: "\n"), format: .text)
        #expect(document.reviewTable?.cells.count == 15)
        #expect(document.reviewTable?.duplicateCells.first?.line == 71)
        let result = Validator().validate(document, currentYear: 2026)
        #expect(result.findings.filter { $0.code == "T4-STRUCT-003" || $0.code == "READ-004" }.map(\.code) == [RuleCode(code)])
        #expect(result.verdict == (code == "READ-004" ? .accepted : .rejected))
    }
}
