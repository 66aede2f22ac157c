import Foundation
import NianbaoTestSupport
import Testing

/// `nianbao check --previous FILE` and `--agencies FILE` through the real executable.
@Suite struct CheckPreviousTests {
    /// Seed 000 (轵城镇, 2021) as a report of `year` whose carry rows hold `carryIn` / `carryOut` in 自然人.
    static func report(year: Int, carryIn: Int, carryOut: Int) throws -> String {
        var lines = try String(contentsOfFile: try NianbaoBinary.fixture("000"), encoding: .utf8)
            .components(separatedBy: "\n")
        lines[2] = "轵城镇人民政府 \(year) 年政府信息公开工作年度报告"
        lines[39] = "二、上年结转政府信息公开申请数量\t\t\(carryIn)\t0\t0\t0\t0\t0\t\(carryIn)\t"
        lines[62] = "四、结转下年度继续办理\t\t\(carryOut)\t0\t0\t0\t0\t0\t\(carryOut)\t"
        return lines.joined(separator: "\n")
    }

    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-previous-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func codes(_ run: NianbaoBinary.Run) throws -> [String] {
        let object = try #require(try run.json() as? [String: Any], "stdout: \(run.stdout) stderr: \(run.stderr)")
        return (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
    }

    /// Carry-over broken between two files: last year carried 2 out, this year carries 0 in.
    @Test func brokenCarryOverBetweenTwoFilesIsReportedNamingLastYearsFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = dir.appendingPathComponent("2021年报.txt")
        let now = dir.appendingPathComponent("2022年报.txt")
        try Self.report(year: 2021, carryIn: 0, carryOut: 2).write(to: before, atomically: true, encoding: .utf8)
        try Self.report(year: 2022, carryIn: 0, carryOut: 0).write(to: now, atomically: true, encoding: .utf8)

        let run = try NianbaoBinary.run(["check", "--previous", before.path, now.path])
        #expect(
            run.stdout.contains("上年报告 2021年报.txt 表三「四、结转下年度继续办理」列「自然人」为 2，本年「二、上年结转」为 0"),
            "\(run.stdout)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let json = try NianbaoBinary.run(["check", "--format", "json", "--previous", before.path, now.path])
        #expect(try Self.codes(json).filter { $0 == "T3-XYR-001" }.count == 2, "自然人 and 总计")
        // Without --previous, or with the carry-over kept, nothing cross-year is said.
        #expect(try !Self.codes(NianbaoBinary.run(["check", "--format", "json", now.path])).contains("T3-XYR-001"))
        try Self.report(year: 2021, carryIn: 0, carryOut: 0).write(to: before, atomically: true, encoding: .utf8)
        let kept = try NianbaoBinary.run(["check", "--format", "json", "--previous", before.path, now.path])
        #expect(try !Self.codes(kept).contains("T3-XYR-001"))
    }

    /// A previous file of the wrong year or one that is no report: said on stderr, judged without history.
    @Test func unusablePreviousFileIsSaidOnStderrAndTheReportStillJudged() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = dir.appendingPathComponent("2022年报.txt")
        try Self.report(year: 2022, carryIn: 0, carryOut: 0).write(to: now, atomically: true, encoding: .utf8)
        let old = dir.appendingPathComponent("2020年报.txt")
        try Self.report(year: 2020, carryIn: 0, carryOut: 5).write(to: old, atomically: true, encoding: .utf8)
        let wrongYear = try NianbaoBinary.run(["check", "--format", "json", "--previous", old.path, now.path])
        #expect(wrongYear.stderr.contains("is a report of 2020, not of 2021: cross-year rules skipped"), "\(wrongYear.stderr)")
        #expect(try !Self.codes(wrongYear).contains("T3-XYR-001"))
        #expect(wrongYear.status == 0)

        let empty = dir.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let unreadable = try NianbaoBinary.run(["check", "--format", "json", "--previous", empty.path, now.path])
        #expect(unreadable.stderr.contains("cannot be read as a report"), "\(unreadable.stderr)")
        #expect(unreadable.stderr.contains("judging without history"))
        #expect(unreadable.status == 0)
        let missing = try NianbaoBinary.run(["check", "--previous", dir.appendingPathComponent("nope.txt").path, now.path])
        #expect(missing.stderr.contains("judging without history"), "\(missing.stderr)")
        #expect(missing.status == 0)
    }

    @Test func agencyDirectoryGivesREG001ForAnUnknownAgencyAndLineNumbersForABrokenFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = dir.appendingPathComponent("2021.txt")
        try Self.report(year: 2021, carryIn: 0, carryOut: 0).write(to: report, atomically: true, encoding: .utf8)
        let csv = dir.appendingPathComponent("agencies.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("名称,类型\r\n轵城镇人民政府,乡镇\r\n".utf8)).write(to: csv)
        #expect(try !Self.codes(NianbaoBinary.run(["check", "--format", "json", "--agencies", csv.path, report.path])).contains("REG-001"))

        try Data("名称,类型\n轵城乡人民政府,乡镇\n".utf8).write(to: csv)
        let unknown = try NianbaoBinary.run(["check", "--agencies", csv.path, report.path])
        #expect(unknown.stdout.contains("标题中的机关“轵城镇人民政府”不在机关名录中；最接近的是：轵城乡人民政府"), "\(unknown.stdout)")

        try Data("名称,类型\n\"轵城镇,乡镇\n".utf8).write(to: csv)
        let broken = try NianbaoBinary.run(["check", "--agencies", csv.path, report.path])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("第2行：双引号未闭合"), "\(broken.stderr)")
    }
}
