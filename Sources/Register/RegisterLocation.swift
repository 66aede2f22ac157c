import PostgresNIO
import SQLiteNIO

/// Where a register lives: an embedded SQLite file (the default) or a shared PostgreSQL server.
///
/// Written in `[Register] Database=` or `--register`: a path (or `sqlite:PATH`) for SQLite, a
/// `postgresql://` (or `postgres://`) URL for PostgreSQL. A URL never carries the password: it comes
/// from a file or a systemd credential, so that the world-readable config holds no secret.
package enum RegisterLocation: Equatable, Sendable {
    case sqlite(path: String)
    case postgresql(url: String)

    /// Reads a `Database=` value or a `--register` operand; nil for an empty value.
    package init?(parsing text: String) {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return nil }
        let lowered = value.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
            self = .postgresql(url: value)
        } else if lowered.hasPrefix("sqlite:") {
            self = .sqlite(path: String(value.dropFirst("sqlite:".count)))
        } else {
            self = .sqlite(path: value)
        }
    }

    /// The embedded register's file name, in `StateDirectory=` as a service or next to the root by hand.
    package static let embeddedFileName = "register.sqlite3"
}
