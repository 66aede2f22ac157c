import Foundation
import Testing

@testable import ReportValidation

/// Made-up year pairs built from seed 000 (a 2021 township report in tab rows): the same agency's
/// text with the title year, table 三's carry rows and table 二's 行政规范性文件 row set by the test.
enum CrossYearPairs {
    static let seed = "000_e80fb3b6824ca3a9.txt"

    /// Seed 000 as a report of `year`, with 二、上年结转 = `carryIn`, 四、结转下年度继续办理 = `carryOut`
    /// (the six applicant columns; 总计 is their sum), 行政规范性文件 = `rules` (制发, 废止, 现行有效)
    /// and, when given, `overview` and `problems` as the whole of sections 一 and 五.
    static func text(
        year: Int, carryIn: [Int?] = [0, 0, 0, 0, 0, 0], carryOut: [Int?] = [0, 0, 0, 0, 0, 0],
        rules: (made: Int, repealed: Int, current: Int) = (0, 0, 0), overview: String? = nil,
        problems: String? = nil
    ) throws -> String {
        var lines = try Seeds.text(seed).components(separatedBy: "\n")
        /// A blank cell for nil; 总计 blank too when a part is.
        func row(_ label: String, _ values: [Int?]) -> String {
            let total: Int? = values.contains(nil) ? nil : values.reduce(0) { $0 + $1! }
            return "\(label)\t\t" + (values + [total]).map { $0.map(String.init) ?? "" }.joined(separator: "\t") + "\t"
        }
        lines[2] = "轵城镇人民政府 \(year) 年政府信息公开工作年度报告"
        lines[21] = "行政规范性文件\t\(rules.made)\t\(rules.repealed)\t\(rules.current)"
        lines[39] = row("二、上年结转政府信息公开申请数量", carryIn)
        lines[62] = row("四、结转下年度继续办理", carryOut)
        func replaceSection(from heading: String, to next: String, with text: String?) {
            guard let text else { return }
            let start = lines.firstIndex { $0.hasPrefix(heading) }! + 1
            let end = lines.firstIndex { $0.hasPrefix(next) }!
            lines.replaceSubrange(start..<end, with: [text])
        }
        replaceSection(from: "五、存在的主要问题", to: "六、其他需要报告", with: problems)
        replaceSection(from: "一、总体情况", to: "二、主动公开", with: overview)
        return lines.joined(separator: "\n")
    }

    static func document(_ text: String) -> ReportDocument {
        ReportReader.read(text, format: .text)
    }

    /// What the register (or `--previous`) would feed: the snapshot of a report read from `text`.
    static func previous(_ text: String, fileName: String = "2021年报.txt") throws -> PreviousReport {
        PreviousReport(fileName: fileName, snapshot: try #require(ReportSnapshot(document(text))))
    }

    /// The findings of rules `codes` (all three cross-year rules by default) on `current` against `previous`.
    static func findings(
        _ current: String, previous: PreviousReport?, codes: Set<RuleCode> = RuleCatalogue.crossYearCodes,
        severity: [RuleCode: Severity] = [:]
    ) -> [Finding] {
        Validator(severityOverrides: severity).validate(document(current), currentYear: 2026, previous: previous)
            .findings.filter { codes.contains($0.code) }
    }
}

extension RuleCatalogue {
    static let crossYearCodes: Set<RuleCode> = ["T3-XYR-001", "T2-009", "DUP-001"]
}
