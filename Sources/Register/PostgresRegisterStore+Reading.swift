import PostgresNIO
import ReportValidation

/// Reading records back: a report row, its packed cells and its narrative made into a ``RegisterRecord``.
extension PostgresRegisterStore {
    /// The reports `query` selects, with the cells and narrative of those `scope` names (one query each for all of them).
    static func select(_ query: PostgresQuery, _ connection: PostgresConnection, _ logger: Logger, cells scope: CellScope = .all)
        async throws -> [RegisterRecord]
    {
        var records: [RegisterRecord] = []
        var position: [Int: Int] = [:]
        var all: [Int] = []
        for try await row in try await connection.query(query, logger: logger) {
            let columns = row.makeRandomAccess()
            let id = try columns["id"].decode(Int.self)
            position[id] = records.count
            all.append(id)
            records.append(try record(columns))
        }
        let ids = scope.chosen(all, of: records)
        guard !ids.isEmpty else { return records }
        var reader = PackedCells.Reader()
        for try await (id, packed) in try await connection.query(
            "SELECT report_id, packed FROM report_cells WHERE report_id = ANY(\(ids))", logger: logger
        ).decode((Int, ByteBuffer?).self) {
            guard let index = position[id], let packed else { continue }
            records[index].cells = try reader.cells(packed.readableBytesView, of: records[index])
        }
        let narrative = try await connection.query(
            "SELECT report_id, section, body FROM narrative WHERE report_id = ANY(\(ids))", logger: logger)
        for try await (id, section, body) in narrative.decode((Int, Int, String).self) {
            if let index = position[id], let section = SectionKind(rawValue: section) { records[index].narrative[section] = body }
        }
        return records
    }

    static func record(_ row: PostgresRandomAccessRow) throws -> RegisterRecord {
        func text(_ name: String) throws -> String? { try row[name].decode(String?.self) }
        func int(_ name: String) throws -> Int? { try row[name].decode(Int?.self) }
        func bytes(_ name: String) throws -> [UInt8]? { try row[name].decode(ByteBuffer?.self).map { Array($0.readableBytesView) } }
        return RegisterRecord(
            office: try text("office") ?? "", receivedAt: try int("received_at").map(Int64.init),
            filedAt: Int64(try int("filed_at") ?? 0), originalName: try bytes("original_name"), finalName: try bytes("final_name") ?? [],
            folder: try text("folder") ?? "", sha256: try text("sha256") ?? "", size: try int("size"),
            agencyTitled: try text("agency_titled"), agencyMatched: try text("agency_matched"), year: try int("year"),
            format: try text("format").flatMap(FormatVersion.init(rawValue:)), layout: try text("layout"),
            verdict: Verdict(rawValue: try text("verdict") ?? "") ?? .rejected, errors: try int("errors") ?? 0,
            warnings: try int("warnings") ?? 0, codes: (try text("codes") ?? "").split(separator: " ").map(String.init),
            findingsJSON: row.contains("findings_json") ? try text("findings_json") ?? "{}" : "{}", version: try int("version") ?? 0)
    }

    /// Migration 2's conversion: each report's rows of `cells` (version 1) into one row of `report_cells`, a few
    /// hundred reports at a time.
    static func packCellRows(_ connection: PostgresConnection, _ logger: Logger) async throws {
        var ids: [Int] = []
        for try await id in try await connection.query("SELECT id FROM reports ORDER BY id", logger: logger).decode(Int.self) {
            ids.append(id)
        }
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            var cells: [Int: [CellKey: RecordedCell]] = [:]
            let rows = try await connection.query(
                """
                SELECT report_id, table_name, row_label, column_label, kind, number, raw, line FROM cells
                WHERE report_id = ANY(\(chunk))
                """, logger: logger)
            for try await (id, table, row, column, kind, number, raw, line) in rows.decode(
                (Int, String, String, String, String, String?, String, Int?).self)
            {
                guard let table = TableKind(rawValue: table), let value = RecordedValue(storedKind: kind, number: number) else { continue }
                cells[id, default: [:]][CellKey(table, row: row, column: column)] = RecordedCell(value: value, raw: raw, line: line)
            }
            for id in chunk {
                let packed = ByteBuffer(bytes: PackedCells.pack(RecordedCells(cells[id] ?? [:])))
                try await connection.query("INSERT INTO report_cells (report_id, packed) VALUES (\(id), \(packed))", logger: logger)
            }
        }
    }
}
