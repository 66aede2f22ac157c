@testable import ReportValidation

/// Hand-made findings and outcomes for the rendering tests, independent of the reader and the rules.
enum RenderingSamples {
    static let sumError = Finding(
        code: "T3-SUM-001", severity: .error,
        message: LocalizedText(zh: "表三“（七）总计”与各项之和不符", en: "Table 三 (七) total does not match its parts"),
        location: Location(line: 45, section: .applications, table: .applications, row: "（七）总计", column: "自然人"),
        evidence: "自然人: 一+二 = 4+0 = 4 ≠ (七)总计+四 = 3+0 = 3",
        hint: LocalizedText(zh: "核对该列各行数字，使一+二 = （七）总计+四", en: "Recheck the column so that 一+二 = (七)总计+四"))

    static let missingSection = Finding(
        code: "STRUCT-003", severity: .error,
        message: LocalizedText(zh: "缺少一级标题“五、存在的主要问题及改进情况”", en: "Section heading 五 is missing"),
        location: Location(section: .problems),
        evidence: nil,
        hint: LocalizedText(zh: "补上该部分的标题和内容", en: "Add the section with its heading"))

    static let titleWarning = Finding(
        code: "STRUCT-002", severity: .warning,
        message: LocalizedText(zh: "标题缺少“年度”", en: "The title lacks 年度"),
        location: Location(line: 1),
        evidence: "某某镇人民政府2023年政府信息公开工作报告",
        hint: LocalizedText(zh: "按模板写标题", en: "Use the template title"))

    static let documentWarning = Finding(
        code: "TEXT-012", severity: .warning,
        message: LocalizedText(zh: "未见考核、评议或责任追究情况", en: "No statement on assessment or accountability"),
        location: .document,
        evidence: nil,
        hint: LocalizedText(zh: "在第六部分说明考核结果", en: "State the assessment results in section 六"))

    /// A finding whose every text field carries characters JSON must escape.
    static let awkward = Finding(
        code: "TEXT-006", severity: .warning,
        message: LocalizedText(zh: "出现\"and\"\n第二行", en: "Stray word \"and\"\tafter a tab"),
        location: Location(line: 7, row: "a\\b", column: "c\u{01}d"),
        evidence: "bell\u{07} nul\u{00} esc\u{1B}[31m back\\slash del\u{7F} ls\u{2028}",
        hint: LocalizedText(zh: "删去“and”", en: "Remove \"and\"\r\n"))

    /// Warnings given first on purpose: the renderers must still list errors first.
    static func rejected(path: String = "reports/001.txt") -> CheckedFile {
        CheckedFile(
            path: path,
            report: CheckedReport(
                encoding: .gb18030, findings: [titleWarning, sumError, documentWarning, missingSection],
                year: 2023, formatVersion: .format2021, layout: .tabRows,
                title: "某某镇人民政府2023年政府信息公开工作报告"))
    }

    static func accepted(path: String = "reports/000.txt", findings: [Finding] = []) -> CheckedFile {
        CheckedFile(
            path: path,
            report: CheckedReport(
                encoding: .utf8, findings: findings, year: 2022, formatVersion: .format2021, layout: .markdown,
                title: "某某区2022年政府信息公开工作年度报告"))
    }

    static func unreadable(path: String = "reports/blob.bin") -> CheckedFile {
        CheckedFile(
            path: path,
            report: CheckedReport(
                encoding: nil, findings: [], year: nil, formatVersion: nil, layout: .unknown, title: nil))
    }
}
