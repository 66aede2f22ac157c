import ReportValidation

/// What the inbox daemon needs to know, as read from `/etc/nianbao/nianbao.conf` and the command line.
package struct InboxSettings: Sendable, Hashable {
    /// The root folder holding `inbox/`, `accepted/`, `rejected/` and the private `.work/` (one file system).
    package var root: String
    /// How long an in-place write must stay unchanged (size, mtime, ctime) before the file is claimed.
    package var settlePeriod: Duration
    /// Files larger than this are rejected unread (FILE-005).
    package var maximumFileSize: Int
    /// Glob patterns (fnmatch) of names never claimed: temp files of uploaders and editors.
    package var ignoredNamePatterns: [String]
    /// Language of the `.findings.txt` notes.
    package var language: Language
    /// Per-rule severity overrides (e.g. `FEE-001` → warning).
    package var severityOverrides: [RuleCode: Severity]
    /// Interval of the safety rescan that finds anything an event missed.
    package var rescanInterval: Duration
    /// The agency directory file (`[Register] Agencies=`); optional: no file there, no directory.
    package var agenciesPath: String
    /// The directory read from ``agenciesPath`` when the settings were loaded (nil: none), so that a
    /// reload hands the daemon the file and the config together, or neither.
    package var agencies: AgencyDirectory?
    /// `[Register] Database=`: empty for the embedded SQLite register in its default place, ``noRegister``
    /// for none, else a SQLite path or a `postgresql://` URL (read by the Register module's `RegisterLocation`).
    package var registerDatabase: String
    /// `[Register] PasswordFile=`: the file holding the PostgreSQL password; empty: the `register-password`
    /// systemd credential, if any.
    package var registerPasswordFile: String
    /// The name this instance records its reports under (`[Register] Office=`), so that several offices
    /// can pool one register; empty when only one writes to it.
    package var office: String
    /// The collection deadlines by kind of agency (`[Register] TownshipDeadline=`, `DepartmentDeadline=`,
    /// `GovernmentDeadline=`), for the office's commands, the overview page and the reminders.
    package var deadlines: CollectionDeadlines

    /// The `Database=` value that keeps no register: reports are still judged and filed, with their notes, but
    /// not recorded: no versions, no cross-year rules from history, no overview page, no office commands.
    package static let noRegister = "none"

    /// False when `[Register] Database=none`: the daemon keeps no register.
    package var keepsRegister: Bool { registerDatabase.lowercased() != Self.noRegister }

    package static let defaultIgnoredNamePatterns = [".*", "*.tmp", "*.part", "*~", ".~lock*", "~$*", "*.swp", "*.crdownload"]

    package init(
        root: String = "/srv/nianbao",
        settlePeriod: Duration = .seconds(2),
        maximumFileSize: Int = 20 * 1024 * 1024,
        ignoredNamePatterns: [String] = InboxSettings.defaultIgnoredNamePatterns,
        language: Language = .zh,
        severityOverrides: [RuleCode: Severity] = [:],
        rescanInterval: Duration = .seconds(60),
        agenciesPath: String = AgencyDirectoryFile.defaultPath,
        agencies: AgencyDirectory? = nil,
        registerDatabase: String = "",
        registerPasswordFile: String = "",
        office: String = "",
        deadlines: CollectionDeadlines = .statutory
    ) {
        self.deadlines = deadlines
        self.office = office
        self.root = root
        self.settlePeriod = settlePeriod
        self.maximumFileSize = maximumFileSize
        self.ignoredNamePatterns = ignoredNamePatterns
        self.language = language
        self.severityOverrides = severityOverrides
        self.rescanInterval = rescanInterval
        self.agenciesPath = agenciesPath
        self.agencies = agencies
        self.registerDatabase = registerDatabase
        self.registerPasswordFile = registerPasswordFile
    }
}
