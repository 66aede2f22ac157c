import Testing

@testable import ReportValidation

@Suite struct FindingsTextTests {
    @Test func chineseReportStartsWithTheVerdictAndTheFileFacts() {
        let text = FindingsText().render(RenderingSamples.rejected())
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "结论：不通过（2 个错误，2 个警告）")
        #expect(lines[1] == "文件：reports/001.txt")
        #expect(lines[2] == "编码：GB18030")
        #expect(lines[3] == "格式：2021年格式")
        #expect(lines[4] == "年度：2023")
        #expect(lines[5] == "标题：某某镇人民政府2023年政府信息公开工作报告")
        #expect(text.hasSuffix("\n"))
    }

    @Test func englishReportStartsWithTheVerdict() {
        let text = FindingsText(language: .en).render(RenderingSamples.rejected())
        #expect(text.hasPrefix("Verdict: REJECTED (2 errors, 2 warnings)\nFile: reports/001.txt\nEncoding: GB18030\n"))
        #expect(text.contains("Format: 2021 format\nYear: 2023\n"))
        let accepted = FindingsText(language: .en).render(RenderingSamples.accepted(findings: [RenderingSamples.titleWarning]))
        #expect(accepted.hasPrefix("Verdict: ACCEPTED (0 errors, 1 warning)\n"))
    }

    @Test func errorsComeBeforeWarnings() throws {
        let text = FindingsText().render(RenderingSamples.rejected())
        let errors = try #require(text.range(of: "错误（2 项）"))
        let warnings = try #require(text.range(of: "警告（2 项）"))
        #expect(errors.lowerBound < warnings.lowerBound)
        let sum = try #require(text.range(of: "T3-SUM-001"))
        let section = try #require(text.range(of: "STRUCT-003"))
        let title = try #require(text.range(of: "STRUCT-002"))
        #expect(sum.lowerBound < title.lowerBound)
        #expect(section.lowerBound < title.lowerBound)
        #expect(section.lowerBound < warnings.lowerBound && sum.lowerBound < warnings.lowerBound)
    }

    @Test func eachFindingShowsMessageWhereEvidenceAndFix() {
        let lines = FindingsText().render(RenderingSamples.sumError, number: 1)
        #expect(
            lines == [
                "  1. T3-SUM-001  表三“（七）总计”与各项之和不符",
                "     位置：第45行 · 三、收到和处理政府信息公开申请情况 · 表三 · 行「（七）总计」 · 列「自然人」",
                "     依据：自然人: 一+二 = 4+0 = 4 ≠ (七)总计+四 = 3+0 = 3",
                "     修改建议：核对该列各行数字，使一+二 = （七）总计+四",
            ])
        let english = FindingsText(language: .en).render(RenderingSamples.sumError, number: 12)
        #expect(
            english == [
                "  12. T3-SUM-001  Table 三 (七) total does not match its parts",
                "      Where: line 45 · section 三 (applications received and handled) · table 三 · row “（七）总计” · column “自然人”",
                "      Evidence: 自然人: 一+二 = 4+0 = 4 ≠ (七)总计+四 = 3+0 = 3",
                "      How to fix: Recheck the column so that 一+二 = (七)总计+四",
            ])
    }

    @Test func findingWithoutEvidenceHasNoEvidenceLine() {
        let lines = FindingsText().render(RenderingSamples.missingSection, number: 2)
        #expect(lines.count == 3)
        #expect(lines[1] == "     位置：五、存在的主要问题及改进情况")
        #expect(!lines.contains { $0.contains("依据") })
    }

    @Test func locationRendersOnlyTheKnownParts() {
        #expect(LocationText.render(.document, in: .zh) == "全文")
        #expect(LocationText.render(.document, in: .en) == "whole report")
        #expect(LocationText.render(Location(line: 3), in: .zh) == "第3行")
        #expect(
            LocationText.render(Location(table: .reviewLitigation, column: "行政复议 / 总计"), in: .zh)
                == "表四 · 列「行政复议 / 总计」")
        #expect(LocationText.render(Location(line: 9, section: .overview), in: .en) == "line 9 · section 一 (overview)")
    }

    @Test func acceptedReportWithoutFindingsSaysSo() {
        let text = FindingsText().render(RenderingSamples.accepted())
        #expect(text.hasPrefix("结论：通过（0 个错误，0 个警告）\n"))
        #expect(text.contains("\n未发现问题。\n"))
        #expect(!text.contains("错误（"))
    }

    @Test func undecodedFileSaysWhatIsUnknown() {
        let text = FindingsText().render(RenderingSamples.unreadable())
        #expect(text.contains("编码：无法识别\n格式：无法确定\n年度：无法确定\n"))
        #expect(!text.contains("标题："))
        let english = FindingsText(language: .en).render(RenderingSamples.unreadable())
        #expect(english.contains("Encoding: not decoded\nFormat: not determined\nYear: not determined\n"))
    }

    @Test func multiLineTextIsIndentedAndControlCharactersAreNeutralised() {
        let lines = FindingsText().render(RenderingSamples.awkward, number: 1)
        #expect(lines[0] == "  1. TEXT-006  出现\"and\"")
        #expect(lines[1] == "       第二行")
        let text = lines.joined(separator: "\n")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x00 || $0.value == 0x7F })
        #expect(text.contains("esc\u{FFFD}[31m"))
    }

    @Test func severalFilesEndWithATally() {
        let files = [RenderingSamples.accepted(), RenderingSamples.rejected()]
        let text = FindingsText().render(files, unreadable: 1)
        #expect(text.hasPrefix("结论：通过"))
        #expect(text.contains("\n" + String(repeating: "=", count: 60) + "\n\n结论：不通过"))
        #expect(text.hasSuffix("\n共 3 个文件：1 个通过，1 个不通过，1 个无法读取\n"))
        let english = FindingsText(language: .en).render(files)
        #expect(english.hasSuffix("\n2 files: 1 accepted, 1 rejected\n"))
        #expect(!FindingsText().render([RenderingSamples.accepted()]).contains("共 "))
    }

    @Test func tallyDecidesTheExitStatus() {
        #expect(RunTally([RenderingSamples.accepted(), RenderingSamples.accepted()]).exitStatus == 0)
        #expect(RunTally([RenderingSamples.accepted(), RenderingSamples.rejected()]).exitStatus == 1)
        #expect(RunTally([RenderingSamples.rejected()], unreadable: 1).exitStatus == 2)
        #expect(RunTally([]).exitStatus == 0)
    }
}

@Suite struct WordLocationTests {
    @Test func aLineOfAWordFileIsNamedAParagraph() {
        #expect(LocationText.render(Location(line: 7), in: .zh, layout: .docx) == "第7段")
        #expect(
            LocationText.render(Location(line: 7, section: .overview), in: .en, layout: .docx)
                == "paragraph 7 · section 一 (overview)")
        #expect(LocationText.render(Location(line: 7), in: .en, layout: .html) == "line 7")
    }
}
