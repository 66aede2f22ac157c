import ReportValidation

/// The register's tables, as numbered migrations: a register is brought up to date by applying, in order,
/// each migration it has not recorded in `schema_migrations`. Never edit a released migration: add one.
/// SQLite's SQL; ``PostgresRegisterSchema`` holds the same migrations, version for version, in PostgreSQL's.
package enum RegisterSchema {
    package struct Migration: Sendable {
        package var version: Int
        package var summary: String
        package var statements: [String]
        /// Work SQL cannot do (each store implements it), run after `statements` in the same transaction.
        package var conversion: Conversion? = nil
        /// Run after the conversion, still in the same transaction.
        package var cleanup: [String] = []
    }

    /// A step of a migration done in Swift.
    package enum Conversion: Sendable, Hashable {
        /// Every report's rows of `cells` packed into one row of `report_cells` (``PackedCells``).
        case packCells
    }

    package static let migrations: [Migration] = [
        Migration(
            version: 1, summary: "reports, their table cells and narrative",
            statements: [
                """
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY,
                    office TEXT NOT NULL,
                    received_at BIGINT,
                    filed_at BIGINT NOT NULL,
                    original_name BLOB,
                    final_name BLOB NOT NULL,
                    folder TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    size BIGINT,
                    agency_titled TEXT,
                    agency_matched TEXT,
                    agency TEXT NOT NULL,
                    year INTEGER,
                    format TEXT,
                    layout TEXT,
                    verdict TEXT NOT NULL,
                    errors INTEGER NOT NULL,
                    warnings INTEGER NOT NULL,
                    codes TEXT NOT NULL,
                    findings_json TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    UNIQUE (office, folder, final_name, sha256)
                )
                """,
                "CREATE INDEX reports_agency_year ON reports (agency, year, version)",
                "CREATE INDEX reports_year ON reports (year, filed_at)",
                """
                CREATE TABLE cells (
                    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
                    table_name TEXT NOT NULL,
                    row_label TEXT NOT NULL,
                    column_label TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    number TEXT,
                    raw TEXT NOT NULL,
                    line INTEGER,
                    PRIMARY KEY (report_id, table_name, row_label, column_label)
                )
                """,
                """
                CREATE TABLE narrative (
                    report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
                    section INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    PRIMARY KEY (report_id, section)
                )
                """,
            ]),
        Migration(
            version: 2, summary: "each report's cells packed into one value",
            statements: [
                """
                CREATE TABLE report_cells (
                    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
                    packed BLOB NOT NULL
                )
                """
            ], conversion: .packCells, cleanup: ["DROP TABLE cells"]),
        // A report's row held its findings document (≈ 50 KB): SQLite reads every column stored after one that
        // long through its chain of overflow pages, so a year's view read gigabytes for a few small columns.
        Migration(
            version: 3, summary: "findings documents beside the reports, not in their rows",
            statements: [
                """
                CREATE TABLE findings (
                    report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE,
                    document TEXT NOT NULL
                )
                """,
                "INSERT INTO findings (report_id, document) SELECT id, findings_json FROM reports",
                "ALTER TABLE reports DROP COLUMN findings_json",
            ]),
    ]

    /// The condition selecting an agency's latest submission of a year and its latest accepted one (the
    /// current version): at most two rows, whatever the number of versions. The same SQL in both
    /// registers; the four placeholders are agency, year, agency, year.
    package static func latestAndCurrent(placeholders p: (String, String, String, String)) -> String {
        """
        id IN (SELECT id FROM (SELECT id FROM reports WHERE agency = \(p.0) AND year = \(p.1) ORDER BY version DESC, id DESC LIMIT 1) AS latest
        UNION SELECT id FROM (SELECT id FROM reports WHERE agency = \(p.2) AND year = \(p.3) AND verdict = 'accepted'
        ORDER BY version DESC, id DESC LIMIT 1) AS accepted)
        """
    }

    /// What a record is read from: the report's row, with its findings document (≈ 50 KB) only when
    /// `findings` (the office's views show none, and a year of them is hundreds of MB).
    package static func reportsSource(findings: Bool) -> String {
        findings
            ? "reports.*, findings.document AS findings_json FROM reports LEFT JOIN findings ON findings.report_id = reports.id"
            : "reports.* FROM reports"
    }
}
