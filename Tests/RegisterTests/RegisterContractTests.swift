import Foundation
import NianbaoTestSupport
import Register
import ReportValidation
import Testing

/// The kinds of register every store must behave alike on: the embedded SQLite file, and a real PostgreSQL
/// server (the tests' private cluster, a database of its own per test; skipped, saying so, without PostgreSQL).
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty register of this kind, and how to open it again (to test reopening).
    func makeStore(_ label: String) async throws -> (store: any RegisterStore, reopen: @Sendable () async throws -> any RegisterStore) {
        switch self {
        case .sqlite:
            let path = try TemporaryRoot.makePath("register-\(label)") + "/register.sqlite3"
            return (try await SQLiteRegisterStore.open(path: path), { try await SQLiteRegisterStore.open(path: path) })
        case .postgres:
            let server = try await Self.postgresServer()
            let url = server.url(try await server.createDatabase(label))
            let password = server.password
            return (
                try await PostgresRegisterStore.connect(url: url, password: password),
                { try await PostgresRegisterStore.connect(url: url, password: password) }
            )
        }
    }

    /// The shared test cluster; the test is skipped (and says why) where PostgreSQL is not installed.
    static func postgresServer() async throws -> PostgresServer {
        if let reason = PostgresServer.unavailableReason { try Test.cancel("skipped on PostgreSQL: \(reason)") }
        return try await PostgresServer.shared()
    }
}

/// What every register store must do: record idempotently, number versions per agency and year, keep every
/// cell as read (blank is not 0) and names as exact bytes, and answer the questions the office asks.
@Suite struct RegisterContractTests {
    static func record(
        _ name: String, agency: String = "温县人民政府办公室", year: Int = 2025, verdict: Verdict = .accepted,
        sha: String? = nil, cells: [CellKey: RecordedCell] = [:], filedAt: Int64 = 1_767_000_000_000_000
    ) -> RegisterRecord {
        RegisterRecord(
            office: "温县", filedAt: filedAt, originalName: Array(name.utf8), finalName: Array(name.utf8),
            folder: verdict.rawValue, sha256: sha ?? String(repeating: "a", count: 63) + "\(name.count % 10)",
            size: 1234, agencyTitled: agency, year: year, format: .format2021, layout: "tab-rows", verdict: verdict,
            errors: verdict == .accepted ? 0 : 1, warnings: 2, codes: verdict == .accepted ? [] : ["FEE-001"],
            findingsJSON: #"{"schema":"nianbao.findings/2"}"#, cells: RecordedCells(cells), narrative: [.overview: "总体情况正文"])
    }

    @Test(arguments: StoreKind.allCases)
    func versionsCountPerAgencyAndYearAndTheCurrentIsTheLatestAccepted(_ kind: StoreKind) async throws {
        let (store, _) = try await kind.makeStore("versions")
        let stored = try await store.record([
            Self.record("a.txt", verdict: .rejected, sha: "1"), Self.record("b.txt", verdict: .accepted, sha: "2"),
            Self.record("c.txt", verdict: .rejected, sha: "3"), Self.record("d.txt", year: 2024, sha: "4"),
            Self.record("e.txt", agency: "温县教育局", sha: "5"),
        ])
        #expect(stored.map(\.version) == [1, 2, 3, 1, 1])
        let year = try await store.submissions(agency: "温县人民政府办公室", year: 2025)
        #expect(year.map(\.version) == [1, 2, 3])
        #expect(year.current?.finalName == Array("b.txt".utf8), "the latest accepted, not the latest")
        #expect(try await store.submissions(agency: "温县人民政府办公室", year: nil).count == 4)
        #expect(Set(try await store.reports(year: 2025).map(\.agency)) == ["温县人民政府办公室", "温县教育局"])
        try await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func theJudgesLookUpGivesTheLatestAndTheCurrentVersionWithTheirCells(_ kind: StoreKind) async throws {
        let (store, _) = try await kind.makeStore("latest")
        let carried = CellKey(.applications, row: "四、结转下年度继续办理", column: "自然人")
        let cells = [carried: RecordedCell(value: .number(NumberLiteral(whole: 7)), raw: "7", line: 40)]
        _ = try await store.record([
            Self.record("v1.txt", verdict: .rejected, sha: "1"), Self.record("v2.txt", verdict: .accepted, sha: "2", cells: cells),
            Self.record("v3.txt", verdict: .rejected, sha: "3"), Self.record("v4.txt", verdict: .rejected, sha: "4"),
            Self.record("other.txt", agency: "温县教育局", sha: "5"), Self.record("last-year.txt", year: 2024, sha: "6"),
        ])
        let both = try await store.latestAndCurrent(agency: "温县人民政府办公室", year: 2025, cells: true)
        #expect(both.map(\.version) == [2, 4], "the current (latest accepted) and the latest, oldest first")
        #expect(both.current?.cells.dictionary == cells && both.last?.finalName == Array("v4.txt".utf8))
        #expect(both.current?.narrative == [.overview: "总体情况正文"])
        let bare = try await store.latestAndCurrent(agency: "温县人民政府办公室", year: 2025, cells: false)
        #expect(bare.map(\.version) == [2, 4] && bare.allSatisfy { $0.cells.isEmpty && $0.narrative.isEmpty })
        #expect(bare.last?.findingsJSON == #"{"schema":"nianbao.findings/2"}"#, "the findings document still comes")
        let single = try await store.latestAndCurrent(agency: "温县教育局", year: 2025, cells: true)
        #expect(single.map(\.finalName) == [Array("other.txt".utf8)], "one record when the latest is the current")
        #expect(try await store.latestAndCurrent(agency: "温县人民政府办公室", year: 2023, cells: true).isEmpty)
        try await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aYearsReportsCarryTheCellsOfEachAgencysCurrentVersionOnly(_ kind: StoreKind) async throws {
        let (store, _) = try await kind.makeStore("year-cells")
        let key = CellKey(.applications, row: "四、结转下年度继续办理", column: "自然人")
        func cells(_ n: Int) -> [CellKey: RecordedCell] {
            [key: RecordedCell(value: .number(NumberLiteral(whole: n)), raw: "\(n)", line: 40)]
        }
        _ = try await store.record([
            Self.record("v1.txt", verdict: .rejected, sha: "1", cells: cells(1)),
            Self.record("v2.txt", verdict: .accepted, sha: "2", cells: cells(2)),
            Self.record("v3.txt", verdict: .rejected, sha: "3", cells: cells(3)),
            Self.record("r1.txt", agency: "温县教育局", verdict: .rejected, sha: "4", cells: cells(4)),
            Self.record("r2.txt", agency: "温县教育局", verdict: .rejected, sha: "5", cells: cells(5)),
        ])
        let year = try await store.reports(year: 2025)
        #expect(year.count == 5, "every version is listed")
        let withCells = year.filter { !$0.cells.isEmpty }.map { String(decoding: $0.finalName, as: UTF8.self) }
        #expect(withCells.sorted() == ["r2.txt", "v2.txt"], "the latest accepted, else the latest: \(withCells)")
        #expect(year.first { $0.finalName == Array("v2.txt".utf8) }?.cells.dictionary == cells(2))
        #expect(year.filter { !$0.narrative.isEmpty }.count == 2)
        #expect(try await store.summaries(year: 2025).allSatisfy { $0.cells.isEmpty })
        try await store.close()
    }

    @Test(arguments: StoreKind.allCases)
    func aRecordSeenAgainIsNotRecordedTwice(_ kind: StoreKind) async throws {
        let (store, reopen) = try await kind.makeStore("idempotent")
        let first = Self.record("a.txt", sha: "1")
        _ = try await store.record([first])
        let again = try await store.record([first, Self.record("b.txt", sha: "2")])
        #expect(again.map(\.version) == [1, 2])
        #expect(try await store.recorded([first.identity, Self.record("z.txt", sha: "9").identity]) == [first.identity])
        try await store.close()
        let reopened = try await reopen()
        _ = try await reopened.record([first])
        #expect(try await reopened.reports(year: 2025).count == 2, "reopening (migrations again) doubles nothing")
        try await reopened.close()
    }

    @Test(arguments: StoreKind.allCases)
    func everyCellComesBackAsReadAndNamesAsExactBytes(_ kind: StoreKind) async throws {
        let (store, _) = try await kind.makeStore("cells")
        let cells: [CellKey: RecordedCell] = [
            CellKey(.applications, row: "四、结转下年度继续办理", column: "自然人"): RecordedCell(
                value: .number(NumberLiteral(whole: 12)), raw: "12", line: 40),
            CellKey(.applications, row: "四、结转下年度继续办理", column: "商业企业"): RecordedCell(value: .blank, raw: "", line: 40),
            CellKey(.proactive, row: "规章", column: "本年制发件数"): RecordedCell(value: .placeholder, raw: "/", line: 12),
            CellKey(.proactive, row: "行政许可", column: "本年增/减"): RecordedCell(
                value: .number(NumberLiteral(whole: 3, hasSign: true)), raw: "+3", line: 14),
            CellKey(.reviewLitigation, row: "行政复议", column: "结果维持"): RecordedCell(value: .notAssessable, raw: "", line: nil),
        ]
        var gbk = Self.record("x", cells: cells)
        gbk.finalName = Array("2023".utf8) + [0xC4, 0xEA, 0xB1, 0xA8] + Array(".txt".utf8)  // GBK, not UTF-8
        gbk.originalName = gbk.finalName
        _ = try await store.record([gbk])
        let back = try #require(try await store.reports(year: 2025).first)
        #expect(back.cells.dictionary == cells)
        #expect(back.cells.values.contains { $0.value == .blank } && !back.cells.values.contains { $0.value.integer == 0 })
        #expect(back.finalName == gbk.finalName && back.originalName == gbk.finalName)
        #expect(back.narrative == [.overview: "总体情况正文"] && back.codes == [] && back.format == .format2021)
        try await store.close()
    }
}

/// The embedded register's own promises: WAL, and its migrations recorded once.
@Suite struct SQLiteRegisterStoreTests {
    @Test func theFileIsInWALModeWithItsMigrationsRecorded() async throws {
        let path = try TemporaryRoot.makePath("register-wal") + "/register.sqlite3"
        let store = try await SQLiteRegisterStore.open(path: path)
        #expect(try await store.schemaVersions() == RegisterSchema.migrations.map(\.version))
        #expect(try await store.journalMode() == "wal")
        try await store.close()
        let again = try await SQLiteRegisterStore.open(path: path)
        #expect(try await again.schemaVersions() == RegisterSchema.migrations.map(\.version))
        try await again.close()
    }
}
