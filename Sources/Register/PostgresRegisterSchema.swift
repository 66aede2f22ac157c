/// ``RegisterSchema``'s migrations in PostgreSQL's own SQL: each has the same version and summary as its
/// SQLite counterpart (a test holds them in step), applied the same way through `schema_migrations`.
///
/// What differs: ids are identity columns, names are `BYTEA` (bytes exact), times and counts `BIGINT`.
/// The findings document stays `TEXT`, not `JSONB`: the register keeps it exactly as written beside the
/// report (key order, spacing), which `JSONB` would rewrite. A unique index on the agency's year and
/// version makes "no two version 2s" a fact of the database, whatever a writer does.
package enum PostgresRegisterSchema {
    package static let migrations: [RegisterSchema.Migration] = [
        RegisterSchema.Migration(
            version: 1, summary: "reports, their table cells and narrative",
            statements: [
                """
                CREATE TABLE reports (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    office TEXT NOT NULL,
                    received_at BIGINT,
                    filed_at BIGINT NOT NULL,
                    original_name BYTEA,
                    final_name BYTEA NOT NULL,
                    folder TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size BIGINT,
                    agency_titled TEXT,
                    agency_matched TEXT,
                    agency TEXT NOT NULL,
                    year BIGINT,
                    format TEXT,
                    layout TEXT,
                    verdict TEXT NOT NULL,
                    errors BIGINT NOT NULL,
                    warnings BIGINT NOT NULL,
                    codes TEXT NOT NULL,
                    findings_json TEXT NOT NULL,
                    version BIGINT NOT NULL,
                    UNIQUE (office, folder, final_name, sha256)
                )
                """,
                "CREATE UNIQUE INDEX reports_agency_year ON reports (agency, COALESCE(year, -1), version)",
                "CREATE INDEX reports_year ON reports (year, filed_at)",
                """
                CREATE TABLE cells (
                    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
                    table_name TEXT NOT NULL,
                    row_label TEXT NOT NULL,
                    column_label TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    number TEXT,
                    raw TEXT NOT NULL,
                    line BIGINT,
                    PRIMARY KEY (report_id, table_name, row_label, column_label)
                )
                """,
                """
                CREATE TABLE narrative (
                    report_id BIGINT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
                    section BIGINT NOT NULL,
                    body TEXT NOT NULL,
                    PRIMARY KEY (report_id, section)
                )
                """,
            ]),
        RegisterSchema.Migration(
            version: 2, summary: "each report's cells packed into one value",
            statements: [
                """
                CREATE TABLE report_cells (
                    report_id BIGINT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
                    packed BYTEA NOT NULL
                )
                """
            ], conversion: .packCells, cleanup: ["DROP TABLE cells"]),
        // PostgreSQL keeps long values out of line already (TOAST); the table is moved for one schema in both.
        RegisterSchema.Migration(
            version: 3, summary: "findings documents beside the reports, not in their rows",
            statements: [
                """
                CREATE TABLE findings (
                    report_id BIGINT PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
                    document TEXT NOT NULL
                )
                """,
                "INSERT INTO findings (report_id, document) SELECT id, findings_json FROM reports",
                "ALTER TABLE reports DROP COLUMN findings_json",
            ]),
    ]
}
