import PostgresNIO
import ReportValidation

/// Reading records back: a report row and its cells and narrative made into a ``RegisterRecord``.
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
        let cells = try await connection.query(
            """
            SELECT report_id, table_name, row_label, column_label, kind, number, raw, line FROM cells
            WHERE report_id = ANY(\(ids))
            """, logger: logger)
        for try await (id, table, row, column, kind, number, raw, line) in cells.decode(
            (Int, String, String, String, String, String?, String, Int?).self)
        {
            guard let index = position[id], let table = TableKind(rawValue: table),
                let value = RecordedValue(storedKind: kind, number: number)
            else { continue }
            records[index].cells[CellKey(table, row: row, column: column)] = RecordedCell(value: value, raw: raw, line: line)
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
}
