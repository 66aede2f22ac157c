import ReportValidation

/// A `[Section]` of `nianbao.conf`.
package enum ConfigurationSection: String, Sendable, CaseIterable {
    /// Where reports arrive and how they are picked up.
    case inbox = "Inbox"
    /// How reports are judged and how the findings notes are written.
    case findings = "Findings"
    /// The register of filed reports and the agency directory.
    case register = "Register"
}

/// A value a key cannot take; `reason` says what the key expects.
struct BadValue: Error {
    var reason: String
    /// What the error shows instead of the value, when the value must not reach a log (it holds a password).
    var shown: String? = nil
}

/// One `Key=` of `nianbao.conf`: where it lives, and how its value becomes part of ``InboxSettings``.
///
/// An empty value (`Key=`) restores the key's default, as in systemd's own config files.
struct ConfigurationKey: Sendable {
    let section: ConfigurationSection
    let name: String
    /// Parses `value` (already trimmed) into `settings`, or throws why it cannot.
    let apply: @Sendable (_ value: String, _ settings: inout InboxSettings) throws(BadValue) -> Void

    init<Value>(
        _ section: ConfigurationSection, _ name: String,
        _ field: WritableKeyPath<InboxSettings, Value> & Sendable,
        parse: @escaping @Sendable (String) throws(BadValue) -> Value
    ) {
        self.section = section
        self.name = name
        self.apply = { (value: String, settings: inout InboxSettings) throws(BadValue) in
            settings[keyPath: field] = value.isEmpty ? InboxSettings()[keyPath: field] : try parse(value)
        }
    }

    /// Every key, in the order the shipped file lists them.
    static let all: [ConfigurationKey] = [
        ConfigurationKey(.inbox, "Root", \.root, parse: parseRoot),
        ConfigurationKey(.inbox, "SettlePeriod", \.settlePeriod, parse: parseSpan),
        ConfigurationKey(.inbox, "MaximumFileSize", \.maximumFileSize, parse: parseSize),
        ConfigurationKey(.inbox, "IgnoredNames", \.ignoredNamePatterns, parse: parsePatterns),
        ConfigurationKey(.inbox, "RescanInterval", \.rescanInterval, parse: parseSpan),
        ConfigurationKey(.findings, "Language", \.language, parse: parseLanguage),
        ConfigurationKey(.findings, "Severity", \.severityOverrides, parse: parseSeverities),
        ConfigurationKey(.register, "Agencies", \.agenciesPath, parse: parseFilePath),
        ConfigurationKey(.register, "Database", \.registerDatabase, parse: parseDatabase),
        ConfigurationKey(.register, "PasswordFile", \.registerPasswordFile, parse: parseFilePath),
        ConfigurationKey(.register, "Office", \.office, parse: { $0 }),
        ConfigurationKey(.register, "TownshipDeadline", \.deadlines.township, parse: parseMonthDay),
        ConfigurationKey(.register, "DepartmentDeadline", \.deadlines.department, parse: parseMonthDay),
        ConfigurationKey(.register, "GovernmentDeadline", \.deadlines.government, parse: parseMonthDay),
    ]

    /// A day of the year after the report year, `MM-DD` (`01-31`).
    static func parseMonthDay(_ value: String) throws(BadValue) -> CollectionDeadlines.MonthDay {
        guard let day = CollectionDeadlines.MonthDay(parsing: value) else {
            throw BadValue(reason: "expected a day of the year as MM-DD, such as 01-31 or 03-31")
        }
        return day
    }

    /// The register: an absolute SQLite path (`/var/lib/nianbao/register.sqlite3`, or `sqlite:/…`), a
    /// `postgresql://USER@HOST:PORT/DB?sslmode=…` URL without a password, or `none` for no register.
    static func parseDatabase(_ value: String) throws(BadValue) -> String {
        if value.lowercased() == InboxSettings.noRegister { return InboxSettings.noRegister }
        if PostgresURL.isURL(value) {
            if case .failure(let error) = PostgresURL.parse(value) {
                throw BadValue(reason: error.reason, shown: error.holdsPassword ? "postgresql://… (not shown: it holds a password)" : nil)
            }
            return value
        }
        let path = value.lowercased().hasPrefix("sqlite:") ? String(value.dropFirst("sqlite:".count)) : value
        guard path.hasPrefix("/"), !path.hasSuffix("/") else {
            throw BadValue(reason: "expected postgresql://USER@HOST:PORT/DATABASE, an absolute SQLite file path, or none")
        }
        return value
    }

    /// An absolute file path (the agency directory).
    static func parseFilePath(_ value: String) throws(BadValue) -> String {
        guard value.hasPrefix("/"), !value.hasSuffix("/") else {
            throw BadValue(reason: "expected an absolute file path such as /etc/nianbao/agencies.csv")
        }
        return value
    }

    /// An absolute folder path, without trailing slashes.
    static func parseRoot(_ value: String) throws(BadValue) -> String {
        guard value.hasPrefix("/") else { throw BadValue(reason: "expected an absolute path such as /srv/nianbao") }
        var path = Substring(value)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// A systemd time span (`2s`, `500ms`, `1min`).
    static func parseSpan(_ value: String) throws(BadValue) -> Duration {
        guard let span = TimeSpan.parse(value) else {
            throw BadValue(reason: "expected a positive time span such as 2s, 500ms or 1min")
        }
        return span
    }

    /// A byte count with an optional binary unit (`20M`, `512K`, `1G`).
    static func parseSize(_ value: String) throws(BadValue) -> Int {
        guard let size = ByteSize(parsing: value) else {
            throw BadValue(reason: "expected a size such as 20M, 512K or 1G (K, M, G = KiB, MiB, GiB)")
        }
        return size.bytes
    }

    /// Space-separated `fnmatch` globs of file names.
    static func parsePatterns(_ value: String) throws(BadValue) -> [String] {
        let patterns = words(value)
        if let bad = patterns.first(where: { $0.contains("/") }) {
            throw BadValue(reason: "pattern \"\(bad)\" contains \"/\"; patterns match file names, not paths")
        }
        return patterns
    }

    /// `zh` or `en`.
    static func parseLanguage(_ value: String) throws(BadValue) -> Language {
        guard let language = Language(rawValue: value.lowercased()) else {
            throw BadValue(reason: "expected zh (中文) or en (English)")
        }
        return language
    }

    /// Space-separated `CODE=error|warning` settings; a later one for the same code wins.
    static func parseSeverities(_ value: String) throws(BadValue) -> [RuleCode: Severity] {
        var overrides: [SeverityOverride] = []
        for word in words(value) {
            switch SeverityOverride.parse(word) {
            case .success(let override): overrides.append(override)
            case .failure(let error): throw BadValue(reason: error.description)
            }
        }
        return SeverityOverride.table(overrides)
    }

    /// The whitespace-separated words of `value`.
    static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
