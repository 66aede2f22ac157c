import Foundation
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// Drives the built `nianbao status`, `history` and `export` on a register filled through the store API.
@Suite struct OfficeCommandTests {
    static func micros(_ date: String) -> Int64 {
        Int64(CivilDate(parsing: date)!.dayNumber * 86_400 + 4 * 3600) * 1_000_000
    }

    static let requests = CellKey(.applications, row: "一、本年新收政府信息公开申请数量", column: "自然人")

    static func record(_ agency: String, _ verdict: Verdict, filed: String, requests: Int?) -> RegisterRecord {
        RegisterRecord(
            office: "", filedAt: micros(filed), finalName: Array("\(agency)-\(filed).txt".utf8), folder: verdict.rawValue,
            sha256: agency + filed, agencyTitled: agency, agencyMatched: agency, year: 2026, format: .format2021,
            verdict: verdict, errors: verdict == .accepted ? 0 : 1, codes: verdict == .accepted ? [] : ["FEE-001"],
            cells: [
                Self.requests: requests.map {
                    RecordedCell(value: .number(NumberLiteral(whole: $0)), raw: String($0), line: 1)
                } ?? RecordedCell(value: .blank, raw: "", line: 1)
            ])
    }

    /// A root holding a register with two agencies (one resubmitted) and a directory of three.
    static func root() async throws -> String {
        let root = try TemporaryRoot.makePath("office")
        // Where `nianbao watch --root ROOT` keeps its register, and the office commands look by default.
        try FileManager.default.createDirectory(atPath: root + "/.register", withIntermediateDirectories: false)
        let store = try await SQLiteRegisterStore.open(path: root + "/.register/register.sqlite3")
        _ = try await store.record([
            record("王村镇人民政府", .rejected, filed: "2027-01-05", requests: 9),
            record("王村镇人民政府", .accepted, filed: "2027-01-12", requests: 3),
            record("某某县发展和改革局", .accepted, filed: "2027-01-08", requests: nil),
        ])
        try await store.close()
        try "名称,类型\n王村镇人民政府,乡镇\n某某县发展和改革局,部门\n某某县人民政府,县级以上政府\n"
            .write(toFile: root + "/agencies.csv", atomically: true, encoding: .utf8)
        try "[Inbox]\nRoot=\(root)\n[Register]\nAgencies=\(root)/agencies.csv\n"
            .write(toFile: root + "/nianbao.conf", atomically: true, encoding: .utf8)
        return root
    }

    static func nianbao(_ arguments: [String]) async throws -> ProcessRunner.Outcome {
        let binary = try #require(BuiltNianbao.locate())
        return try await ProcessRunner.run([binary.path] + arguments)
    }

    @Test func statusListsEveryAgencyAndExitsOneWhileAReportIsMissing() async throws {
        let root = try await Self.root()
        defer { TemporaryRoot.remove(root) }
        let outcome = try await Self.nianbao(["status", "--config", root + "/nianbao.conf", "--year", "2026", "--today", "2027-01-20"])
        #expect(outcome.status == 1, "\(outcome)")
        #expect(outcome.stdout.contains("共 3 个机关，通过 2，退回 0，未报送 1"))
        #expect(outcome.stdout.contains("- 某某县人民政府：尚未报送，还剩 70 天"))
        let json = try await Self.nianbao([
            "status", "--register", root + "/.register/register.sqlite3", "--year", "2026", "--format", "json",
        ])
        // No config here, so no directory: the two agencies seen are all there is, and both are accepted.
        #expect(json.status == 0 && json.stdout.contains("\"schema\": \"nianbao.status/1\""), "\(json)")
        #expect(json.stdout.contains("\"accepted\": 2"))
    }

    @Test func aDeadlineSetInTheConfigIsTheOneCountedTo() async throws {
        let root = try await Self.root()
        defer { TemporaryRoot.remove(root) }
        let config = try String(contentsOfFile: root + "/nianbao.conf", encoding: .utf8) + "GovernmentDeadline=02-28\n"
        try config.write(toFile: root + "/nianbao.conf", atomically: true, encoding: .utf8)
        let outcome = try await Self.nianbao(["status", "--config", root + "/nianbao.conf", "--year", "2026", "--today", "2027-01-20"])
        #expect(outcome.stdout.contains("- 某某县人民政府：尚未报送，还剩 39 天"), "\(outcome)")
    }

    @Test func historyShowsEveryVersionAndTheCurrentOne() async throws {
        let root = try await Self.root()
        defer { TemporaryRoot.remove(root) }
        let outcome = try await Self.nianbao(["history", "--config", root + "/nianbao.conf", "王村镇人民政府", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome)")
        let rows = outcome.stdout.split(separator: "\r\n")
        #expect(rows.count == 3 && rows[1].hasPrefix("王村镇人民政府,2026,1,false,rejected") && rows[2].contains(",2,true,accepted"))
    }

    @Test(arguments: ["csv", "xlsx", "json"])
    func exportWritesTheCurrentReportsAndTotals(format: String) async throws {
        let root = try await Self.root()
        defer { TemporaryRoot.remove(root) }
        let file = root + "/export." + format
        let outcome = try await Self.nianbao(["export", "--root", root, "--year", "2026", "--format", format, "--output", file])
        #expect(outcome.status == 0, "\(outcome)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        switch format {
        case "csv":
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("\u{FEFF}机关,") && text.contains("合计（2 个机关）") && text.contains(",3（1 份空白）,"))
        case "json":
            #expect(String(decoding: bytes, as: UTF8.self).contains("\"sum\": \"3\""))
        default:
            #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        }
    }
}
