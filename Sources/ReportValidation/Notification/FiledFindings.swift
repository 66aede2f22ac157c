/// The parts of a filed report's `REPORT.findings.json` (schema `nianbao.findings/2` with the daemon's
/// receipt) a notification is made of. Decodable only: the Linux side decodes the bytes, so the
/// notification the post-filing step queues and the one the start-up catch-up queues are the same.
public struct FiledFindings: Sendable, Hashable, Decodable {
    public var verdict: Verdict
    public var year: Int?
    public var title: String?
    public var counts: Counts
    public var findings: [Item]
    public var originalName: String?
    /// The SHA-256 of the report's bytes (hex), nil when they were not read.
    public var sha256: String?

    public struct Counts: Sendable, Hashable, Decodable {
        public var errors: Int
        public var warnings: Int
    }

    /// One finding as the document has it, in both languages.
    public struct Item: Sendable, Hashable, Decodable {
        public var code: RuleCode
        public var severity: Severity
        public var messageZh: String
        public var messageEn: String
        public var location: Location?
    }
}

extension Notification {
    /// The notification of a filed report.
    ///
    /// - Parameters:
    ///   - agencyMatched: the directory's name for the titled agency (nil: unknown, or no directory).
    ///   - reportName: its name in `folder`; `notePath` where its `.findings.txt` is, relative to the root.
    public init(
        id: String, filed: FiledFindings, agencyMatched: String?, reportName: String, notePath: String, note: String,
        language: Language, filedAt: Int64
    ) {
        self.init(
            id: id, verdict: filed.verdict, agencyTitled: Notification.agency(fromTitle: filed.title), agencyMatched: agencyMatched,
            year: filed.year, reportName: reportName, originalName: filed.originalName, notePath: notePath, note: note,
            findings: [], language: language, filedAt: filedAt)
        let ordered = filed.findings.filter { $0.severity == .error } + filed.findings.filter { $0.severity == .warning }
        findings = ordered.prefix(Self.maximumFindings).map { item in
            let whole = item.location == nil || item.location == .document
            return NotificationFinding(
                code: item.code, severity: item.severity, message: LocalizedText(zh: item.messageZh, en: item.messageEn),
                location: whole
                    ? nil
                    : item.location.map {
                        LocalizedText(zh: LocationText.render($0, in: .zh), en: LocationText.render($0, in: .en))
                    })
        }
        errorCount = filed.counts.errors
        warningCount = filed.counts.warnings
    }
}
