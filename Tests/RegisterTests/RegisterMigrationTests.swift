import NianbaoTestSupport
import Register
import ReportValidation
import SQLiteNIO
import Testing

/// A register an earlier nianbao wrote is brought up to date when opened, keeping what it held: version 1
/// kept a report's cells as rows of `cells` and its findings document in its row; version 2 packs the
/// cells into one value, version 3 moves the document into a table of its own.
@Suite struct RegisterMigrationTests {
    /// Version 1's rows of one report: a number with a sign and decimals, blank, a placeholder, text, and a
    /// cell of a row that could not be read (no line).
    static let cellRows: [(table: String, row: String, column: String, kind: String, number: String?, raw: String, line: Int?)] = [
        ("三", "四、结转下年度继续办理", "自然人", "number", "+3.50", "+3.50", 40),
        ("三", "四、结转下年度继续办理", "总计", "blank", nil, "", 40),
        ("二", "规章", "本年制发件数", "placeholder", nil, "—", 12),
        ("四", "行政复议", "结果维持", "text", nil, "无", 60),
        ("四", "行政诉讼", "未经复议直接起诉", "not-assessable", nil, "", nil),
    ]

    static var expectedCells: RecordedCells {
        var cells: [CellKey: RecordedCell] = [:]
        for row in cellRows {
            let value = RecordedValue(storedKind: row.kind, number: row.number)!
            cells[CellKey(TableKind(rawValue: row.table)!, row: row.row, column: row.column)] = RecordedCell(
                value: value, raw: row.raw, line: row.line)
        }
        return RecordedCells(cells)
    }

    /// Version 1's schema and two reports of 2025 (one with the cells above, one without any), in `dialect`.
    static func versionOne(postgres: Bool) -> [String] {
        let schema = (postgres ? PostgresRegisterSchema.migrations : RegisterSchema.migrations)[0]
        func name(_ text: String) -> String {
            let hex = text.utf8.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
            return postgres ? "'\\x\(hex)'::bytea" : "X'\(hex)'"
        }
        let id = postgres ? "" : "id, "
        func report(_ number: Int, _ file: String) -> String {
            """
            INSERT INTO reports (\(id)office, filed_at, final_name, folder, sha256, agency_titled, agency, year, verdict, errors,
                warnings, codes, findings_json, version)
            VALUES (\(postgres ? "" : "\(number), ")'', \(number), \(name(file)), 'accepted', 'sha-\(number)', '温县教育局\(number)',
                '温县教育局\(number)', 2025, 'accepted', 0, 0, '', '{"report":\(number)}', 1)
            """
        }
        var statements = ["CREATE TABLE schema_migrations (version \(postgres ? "BIGINT" : "INTEGER") PRIMARY KEY, summary TEXT NOT NULL)"]
        statements += schema.statements
        statements.append("INSERT INTO schema_migrations (version, summary) VALUES (1, '\(schema.summary)')")
        statements += [report(1, "一.txt"), report(2, "二.txt")]
        for row in cellRows {
            statements.append(
                """
                INSERT INTO cells (report_id, table_name, row_label, column_label, kind, number, raw, line)
                VALUES (1, '\(row.table)', '\(row.row)', '\(row.column)', '\(row.kind)', \(row.number.map { "'\($0)'" } ?? "NULL"),
                    '\(row.raw)', \(row.line.map(String.init) ?? "NULL"))
                """)
        }
        return statements
    }

    @Test(arguments: StoreKind.allCases)
    func aVersionOneRegisterKeepsEveryCellAndItsFindingsWhenMigrated(_ kind: StoreKind) async throws {
        let store: any RegisterStore
        switch kind {
        case .sqlite:
            let path = try TemporaryRoot.makePath("register-v1") + "/register.sqlite3"
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            for statement in Self.versionOne(postgres: false) { _ = try await connection.query(statement) }
            try await connection.close()
            let opened = try await SQLiteRegisterStore.open(path: path)
            #expect(try await opened.schemaVersions() == RegisterSchema.migrations.map(\.version))
            store = opened
        case .postgres:
            let server = try await StoreKind.postgresServer()
            let database = try await server.createDatabase("v1")
            // As the register's own user, so that the migration may alter what version 1 created.
            try await server.admin(
                (["SET ROLE \(server.user)"] + Self.versionOne(postgres: true)).joined(separator: ";\n"), database: database)
            let opened = try await PostgresRegisterStore.connect(url: server.url(database), password: server.password)
            #expect(try await opened.schemaVersions() == RegisterSchema.migrations.map(\.version))
            store = opened
        }
        let reports = try await store.reports(year: 2025)
        #expect(reports.map(\.agency) == ["温县教育局1", "温县教育局2"])
        #expect(reports.first?.cells == Self.expectedCells)
        #expect(reports.last?.cells.isEmpty == true)
        let again = try await store.submissions(agency: "温县教育局1", year: 2025)
        #expect(again.first?.cells[CellKey(.applications, row: "四、结转下年度继续办理", column: "自然人")]?.raw == "+3.50")
        #expect(again.first?.findingsJSON == #"{"report":1}"#, "the findings document moved out of the row, unchanged")
        try await store.close()
    }
}
