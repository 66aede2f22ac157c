/// One verdict as a notification shows it: who submitted what, what was decided, the first findings and
/// where the findings note was filed. Built from a filed report; the robots and the webhook render it.
package struct VerdictNotice: Sendable, Hashable {
    /// One finding as a notification lists it.
    package struct Headline: Sendable, Hashable {
        package var code: String
        package var severity: Severity
        /// The finding's message in plain Chinese.
        package var message: String

        package init(code: String, severity: Severity, message: String) {
            self.code = code
            self.severity = severity
            self.message = message
        }
    }

    /// Stable across retries and restarts: receivers that deduplicate use it.
    package var id: String
    package var verdict: Verdict
    /// The agency as the directory names it, else as the report's title names it.
    package var agency: String
    /// The agency's directory name, nil when the report matched no agency of the directory.
    package var agencyMatched: String?
    package var year: Int?
    /// The name the report was filed under.
    package var fileName: String
    /// Where the findings note is, as an administrator finds it on the share (e.g. `rejected/….findings.txt`).
    package var notePath: String?
    package var errorCount: Int
    package var warningCount: Int
    /// Errors first, in the order the note lists them.
    package var findings: [Headline]
    /// When the verdict was reached, RFC 3339 in UTC.
    package var judgedAt: String

    package init(
        id: String, verdict: Verdict, agency: String, agencyMatched: String?, year: Int?, fileName: String,
        notePath: String?, errorCount: Int, warningCount: Int, findings: [Headline], judgedAt: String
    ) {
        self.id = id
        self.verdict = verdict
        self.agency = agency
        self.agencyMatched = agencyMatched
        self.year = year
        self.fileName = fileName
        self.notePath = notePath
        self.errorCount = errorCount
        self.warningCount = warningCount
        self.findings = findings
        self.judgedAt = judgedAt
    }
}
