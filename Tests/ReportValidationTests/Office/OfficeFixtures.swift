@testable import ReportValidation

/// Made-up submissions and a directory for the office-command tests.
enum OfficeFixtures {
    static let directory = try! AgencyDirectory.parse(
        text: """
            名称,类型
            王村镇人民政府,乡镇/街道
            某某县发展和改革局,部门
            某某县人民政府,县级以上政府
            某某县教育局,部门
            """
    ).get()

    /// Microseconds since the epoch of noon (UTC+8) on `date`.
    static func at(_ date: String) -> Int64 {
        Int64(CivilDate(parsing: date)!.dayNumber * 86_400 + 4 * 3600) * 1_000_000
    }

    static func number(_ n: Int, fraction: String = "") -> RecordedCell {
        RecordedCell(value: .number(NumberLiteral(isNegative: n < 0, whole: abs(n), fraction: fraction)), raw: String(n), line: 1)
    }

    static let blank = RecordedCell(value: .blank, raw: "", line: 1)

    static func submission(
        _ agency: String, year: Int = 2026, version: Int, _ verdict: Verdict, filed: String, inDirectory: Bool = true,
        cells: [CellKey: RecordedCell] = [:]
    ) -> OfficeSubmission {
        OfficeSubmission(
            agency: agency, agencyTitled: agency, inDirectory: inDirectory, year: year, version: version, verdict: verdict,
            filedAt: at(filed), finalName: "\(agency)\(year)年报.txt", folder: verdict.rawValue,
            errors: verdict == .accepted ? 0 : 2, warnings: 1, codes: verdict == .accepted ? [] : ["FEE-001"], cells: RecordedCells(cells))
    }

    static let newRequests = CellKey(.applications, row: "一、本年新收政府信息公开申请数量", column: "自然人")
    static let fee = CellKey(.proactive, row: "行政事业性收费", column: "本年收费金额（单位：万元）")
}
