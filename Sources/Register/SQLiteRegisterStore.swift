import Logging
import ReportValidation
import SQLiteNIO

/// The embedded register: one SQLite file (WAL, so `status` and `export` read while the daemon writes),
/// brought up to date by ``RegisterSchema`` when opened. One connection, its calls serialized by the actor.
package actor SQLiteRegisterStore: RegisterStore {
    private let connection: SQLiteConnection
    package nonisolated let path: String

    /// Opens (creating if needed) the register at `path` and applies the migrations it lacks.
    /// Its calls run on `threadPool` (sqlite-nio's shared pool unless given one).
    package static func open(
        path: String, threadPool: NIOThreadPool = .singleton, logger: Logger = Logger(label: "nianbao.register")
    ) async throws -> SQLiteRegisterStore {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threadPool, logger: logger, on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            _ = try await connection.query("PRAGMA journal_mode = WAL")
            _ = try await connection.query("PRAGMA synchronous = NORMAL")
            _ = try await connection.query("PRAGMA foreign_keys = ON")
            _ = try await connection.query("PRAGMA busy_timeout = 10000")
            try await migrate(connection)
        } catch {
            // In a task of its own: a cancelled caller's close would be skipped, and an open connection freed traps.
            await Task { try? await connection.close() }.value
            throw error
        }
        return SQLiteRegisterStore(connection: connection, path: path)
    }

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    static func migrate(_ connection: SQLiteConnection) async throws {
        _ = try await connection.query(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, summary TEXT NOT NULL)")
        let applied = Set(
            try await connection.query("SELECT version FROM schema_migrations").compactMap {
                $0.column("version")?.integer
            })
        for migration in RegisterSchema.migrations where !applied.contains(migration.version) {
            _ = try await connection.query("BEGIN IMMEDIATE")
            do {
                for statement in migration.statements { _ = try await connection.query(statement) }
                if migration.conversion == .packCells { try await packCellRows(connection) }
                for statement in migration.cleanup { _ = try await connection.query(statement) }
                _ = try await connection.query(
                    "INSERT INTO schema_migrations (version, summary) VALUES (?, ?)",
                    [.integer(migration.version), .text(migration.summary)])
                _ = try await connection.query("COMMIT")
            } catch {
                _ = try? await connection.query("ROLLBACK")
                throw error
            }
        }
    }

    /// Migration 2's conversion: each report's rows of `cells` (version 1) into one row of `report_cells`, a few
    /// hundred reports at a time.
    private static func packCellRows(_ connection: SQLiteConnection) async throws {
        let ids = try await connection.query("SELECT id FROM reports ORDER BY id").compactMap { $0.column("id")?.integer }
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            var cells: [Int: [CellKey: RecordedCell]] = [:]
            for row in try await connection.query(
                "SELECT report_id, table_name, row_label, column_label, kind, number, raw, line FROM cells"
                    + " WHERE report_id IN (SELECT value FROM json_each(?))",
                [.text("[" + chunk.map(String.init).joined(separator: ",") + "]")])
            {
                guard let id = row.column("report_id")?.integer,
                    let table = row.column("table_name")?.string.flatMap(TableKind.init(rawValue:)),
                    let rowLabel = row.column("row_label")?.string, let column = row.column("column_label")?.string,
                    let value = row.column("kind")?.string.flatMap({ RecordedValue(storedKind: $0, number: row.column("number")?.string) })
                else { continue }
                cells[id, default: [:]][CellKey(table, row: rowLabel, column: column)] = RecordedCell(
                    value: value, raw: row.column("raw")?.string ?? "", line: row.column("line")?.integer)
            }
            for id in chunk {
                _ = try await connection.query(
                    "INSERT INTO report_cells (report_id, packed) VALUES (?, ?)",
                    [.integer(id), .blob(ByteBuffer(bytes: PackedCells.pack(RecordedCells(cells[id] ?? [:]))))])
            }
        }
    }

    /// SQLite's journal mode for this file (`wal` once opened by this store).
    package func journalMode() async throws -> String {
        try await connection.query("PRAGMA journal_mode").first?.column("journal_mode")?.string ?? ""
    }

    /// The migrations this register has applied, in order.
    package func schemaVersions() async throws -> [Int] {
        try await connection.query("SELECT version FROM schema_migrations ORDER BY version").compactMap {
            $0.column("version")?.integer
        }
    }

    package func record(_ batch: [RegisterRecord]) async throws -> [RegisterRecord] {
        guard !batch.isEmpty else { return [] }
        _ = try await connection.query("BEGIN IMMEDIATE")
        do {
            var stored: [RegisterRecord] = []
            for record in batch { stored.append(try await insert(record)) }
            _ = try await connection.query("COMMIT")
            return stored
        } catch {
            _ = try? await connection.query("ROLLBACK")
            throw error
        }
    }

    /// Inserts one record inside the open transaction, or returns the one already there.
    private func insert(_ record: RegisterRecord) async throws -> RegisterRecord {
        let key: [SQLiteData] = [
            .text(record.office), .text(record.folder), .blob(ByteBuffer(bytes: record.finalName)), .text(record.sha256),
        ]
        if let existing = try await connection.query(
            "SELECT version FROM reports WHERE office = ? AND folder = ? AND final_name = ? AND sha256 = ?", key
        ).first?.column("version")?.integer {
            var record = record
            record.version = existing
            return record
        }
        let latest =
            try await connection.query(
                "SELECT MAX(version) AS latest FROM reports WHERE agency = ? AND year IS ?",
                [.text(record.agency), record.year.map { .integer($0) } ?? .null]
            ).first?.column("latest")?.integer ?? 0
        var record = record
        record.version = latest + 1
        let binds: [SQLiteData] = [
            .text(record.office), Self.optional(record.receivedAt), .integer(Int(record.filedAt)),
            record.originalName.map { .blob(ByteBuffer(bytes: $0)) } ?? .null, .blob(ByteBuffer(bytes: record.finalName)),
            .text(record.folder), .text(record.sha256), record.size.map { .integer($0) } ?? .null,
            Self.optional(record.agencyTitled), Self.optional(record.agencyMatched), .text(record.agency),
            record.year.map { .integer($0) } ?? .null, Self.optional(record.format?.rawValue), Self.optional(record.layout),
            .text(record.verdict.rawValue), .integer(record.errors), .integer(record.warnings),
            .text(record.codes.joined(separator: " ")), .integer(record.version),
        ]
        _ = try await connection.query(
            """
            INSERT INTO reports (office, received_at, filed_at, original_name, final_name, folder, sha256, size,
                agency_titled, agency_matched, agency, year, format, layout, verdict, errors, warnings, codes, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, binds)
        let id = try await connection.lastAutoincrementID()
        _ = try await connection.query(
            "INSERT INTO findings (report_id, document) VALUES (?, ?)", [.integer(id), .text(record.findingsJSON)])
        _ = try await connection.query(
            "INSERT INTO report_cells (report_id, packed) VALUES (?, ?)",
            [.integer(id), .blob(ByteBuffer(bytes: PackedCells.pack(record.cells)))])
        for (section, body) in record.narrative.sorted(by: { $0.key < $1.key }) {
            _ = try await connection.query(
                "INSERT INTO narrative (report_id, section, body) VALUES (?, ?, ?)",
                [.integer(id), .integer(section.rawValue), .text(body)])
        }
        return record
    }

    package func submissions(agency: String, year: Int?) async throws -> [RegisterRecord] {
        if let year {
            return try await select(where: "agency = ? AND year = ?", order: "version, id", [.text(agency), .integer(year)])
        }
        return try await select(where: "agency = ?", order: "year, version, id", [.text(agency)])
    }

    package func reports(year: Int) async throws -> [RegisterRecord] {
        try await select(where: "year = ?", order: "agency, version, id", [.integer(year)], findings: false, cells: .current)
    }

    package func summaries(year: Int) async throws -> [RegisterRecord] {
        try await select(where: "year = ?", order: "agency, version, id", [.integer(year)], findings: false, cells: .none)
    }

    package func latestAndCurrent(agency: String, year: Int, cells: Bool) async throws -> [RegisterRecord] {
        let binds: [SQLiteData] = [.text(agency), .integer(year)]
        return try await select(
            where: RegisterSchema.latestAndCurrent(placeholders: ("?", "?", "?", "?")), order: "version, id", binds + binds,
            cells: cells ? .all : .none)
    }

    package func recorded(_ identities: [RecordIdentity]) async throws -> Set<RecordIdentity> {
        var found: Set<RecordIdentity> = []
        for identity in identities {
            let rows = try await connection.query(
                "SELECT 1 FROM reports WHERE office = ? AND folder = ? AND final_name = ? AND sha256 = ?",
                [
                    .text(identity.office), .text(identity.folder), .blob(ByteBuffer(bytes: identity.finalName)),
                    .text(identity.sha256),
                ])
            if !rows.isEmpty { found.insert(identity) }
        }
        return found
    }

    package func latestFiledAt(office: String) async throws -> Int64? {
        let rows = try await connection.query("SELECT MAX(filed_at) AS latest FROM reports WHERE office = ?", [.text(office)])
        return rows.first?.column("latest")?.integer.map(Int64.init)
    }

    package func close() async throws {
        try await connection.close()
    }

    /// Reports matching `condition`, in `order`, with the cells and narrative of those `cells` names: three queries in
    /// all, however many reports (one query per report made the overview of a 10,000-report year take seconds).
    private func select(
        where condition: String, order: String, _ binds: [SQLiteData], findings: Bool = true, cells scope: CellScope = .all
    ) async throws -> [RegisterRecord] {
        var records: [RegisterRecord] = []
        var position: [Int: Int] = [:]
        var ids: [Int] = []
        let source = RegisterSchema.reportsSource(findings: findings)
        for row in try await connection.query("SELECT \(source) WHERE \(condition) ORDER BY \(order)", binds) {
            guard let id = row.column("id")?.integer else { continue }
            position[id] = records.count
            ids.append(id)
            records.append(Self.record(row))
        }
        let chosenIDs = scope.chosen(ids, of: records)
        guard !chosenIDs.isEmpty else { return records }
        // The ids as one bound JSON array: SQLite has no array parameters.
        let chosen = "report_id IN (SELECT value FROM json_each(?))"
        let idList: [SQLiteData] = [.text("[" + chosenIDs.map(String.init).joined(separator: ",") + "]")]
        var reader = PackedCells.Reader()
        for row in try await connection.query("SELECT report_id, packed FROM report_cells WHERE \(chosen)", idList) {
            guard let index = row.column("report_id")?.integer.flatMap({ position[$0] }),
                case .blob(let bytes) = row.column("packed")
            else { continue }
            records[index].cells = try reader.cells(bytes.readableBytesView, of: records[index])
        }
        for part in try await connection.query("SELECT report_id, section, body FROM narrative WHERE \(chosen)", idList) {
            if let index = part.column("report_id")?.integer.flatMap({ position[$0] }),
                let section = part.column("section")?.integer.flatMap(SectionKind.init(rawValue:)),
                let body = part.column("body")?.string
            {
                records[index].narrative[section] = body
            }
        }
        return records
    }

    static func record(_ row: SQLiteRow) -> RegisterRecord {
        func text(_ name: String) -> String? { row.column(name)?.string }
        func int(_ name: String) -> Int? { row.column(name)?.integer }
        func bytes(_ name: String) -> [UInt8]? {
            guard case .blob(var buffer) = row.column(name) else { return nil }
            return buffer.readBytes(length: buffer.readableBytes)
        }
        return RegisterRecord(
            office: text("office") ?? "", receivedAt: int("received_at").map(Int64.init), filedAt: Int64(int("filed_at") ?? 0),
            originalName: bytes("original_name"), finalName: bytes("final_name") ?? [], folder: text("folder") ?? "",
            sha256: text("sha256") ?? "", size: int("size"), agencyTitled: text("agency_titled"),
            agencyMatched: text("agency_matched"), year: int("year"), format: text("format").flatMap(FormatVersion.init(rawValue:)),
            layout: text("layout"), verdict: Verdict(rawValue: text("verdict") ?? "") ?? .rejected, errors: int("errors") ?? 0,
            warnings: int("warnings") ?? 0, codes: (text("codes") ?? "").split(separator: " ").map(String.init),
            findingsJSON: text("findings_json") ?? "{}", version: int("version") ?? 0)
    }

    private static func optional(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
    private static func optional(_ value: Int64?) -> SQLiteData { value.map { .integer(Int($0)) } ?? .null }
}
