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

extension RegisterLocation {
    /// The one rule for where a register is: `configured` (`[Register] Database=`, `--register`) when set;
    /// else the embedded file in `stateDirectory` (systemd's `$STATE_DIRECTORY`, `/var/lib/nianbao` as a
    /// service), else in `ROOT/.register/` for a daemon run by hand. `watch`, the office commands and
    /// `register rebuild` all ask here.
    package static func resolve(configured: String, root: String, stateDirectory: String?) -> RegisterLocation {
        if let location = RegisterLocation(parsing: configured) { return location }
        // $STATE_DIRECTORY may list several folders separated by colons: the first is the unit's own.
        if let state = stateDirectory?.split(separator: ":").first, !state.isEmpty {
            return .sqlite(path: state + "/" + embeddedFileName)
        }
        return .sqlite(path: root + "/" + embeddedFolder + "/" + embeddedFileName)
    }

    /// The private folder under the root that holds the embedded register of a daemon run by hand
    /// (a dot name: the share's users do not see it, and the daemon never takes it for a report).
    package static let embeddedFolder = ".register"

    /// The unit's `StateDirectory=nianbao`: where the service keeps its embedded register.
    package static let serviceStateDirectory = "/var/lib/nianbao"

    /// `register.sqlite3 at /var/lib/nianbao`, for messages (never a password: URLs carry none).
    package var shown: String {
        switch self {
        case .sqlite(let path): path
        case .postgresql(let url): url
        }
    }
}
