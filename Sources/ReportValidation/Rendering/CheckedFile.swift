/// One judged file as the renderers see it: the path as the administrator named it, and its outcome.
public struct CheckedFile: Sendable {
    /// The path shown in reports (as given on the command line or found in a directory).
    public var path: String
    public var report: CheckedReport

    public init(path: String, report: CheckedReport) {
        self.path = path
        self.report = report
    }

    public var result: ValidationResult { report.result }
    public var verdict: Verdict { report.result.verdict }
}

extension CheckedReport {
    /// Builds an outcome from its parts (for callers that judge without `ReportCheck`, and for tests).
    public init(
        encoding: TextEncoding?, findings: [Finding], year: Int?, formatVersion: FormatVersion?,
        layout: SourceLayout, title: String?
    ) {
        let ordered = findings.filter { $0.severity == .error } + findings.filter { $0.severity == .warning }
        self.init(
            encoding: encoding,
            result: ValidationResult(
                verdict: ordered.contains { $0.severity == .error } ? .rejected : .accepted,
                findings: ordered, year: year, formatVersion: formatVersion, layout: layout, title: title))
    }
}

/// How many files of a run were accepted, rejected or could not be read: the last line of a run and its exit status.
public struct RunTally: Sendable, Hashable {
    public var accepted: Int
    public var rejected: Int
    /// Files that could not be opened at all (missing, permission denied): not judged.
    public var unreadable: Int

    public init(accepted: Int = 0, rejected: Int = 0, unreadable: Int = 0) {
        self.accepted = accepted
        self.rejected = rejected
        self.unreadable = unreadable
    }

    public init(_ files: [CheckedFile], unreadable: Int = 0) {
        self.init(
            accepted: files.filter { $0.verdict == .accepted }.count,
            rejected: files.filter { $0.verdict == .rejected }.count,
            unreadable: unreadable)
    }

    /// The process exit status: 2 when a file could not be read, else 1 when any was rejected, else 0.
    public var exitStatus: Int32 {
        if unreadable > 0 { return 2 }
        return rejected > 0 ? 1 : 0
    }
}
