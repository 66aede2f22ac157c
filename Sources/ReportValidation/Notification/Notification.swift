/// One verdict told to people: what the outbox holds and every channel renders (mail, chat robots,
/// webhook, command hook). Built by the daemon when it judges a report; read by `nianbao notify`,
/// which never opens the report itself, so the findings note travels inside.
public struct Notification: Sendable, Hashable, Codable {
    /// Stable across retries and restarts (the claim's id): channels that deduplicate use it
    /// (mail's `Message-ID`, the webhook's `id`), so a notification resent after a crash is one message.
    public var id: String
    public var verdict: Verdict
    /// The agency as the report's title names it (e.g. `温县人民政府办公室`); nil when no title was found.
    public var agencyTitled: String?
    /// The agency's name in the directory, when the title matched one; nil for an unknown agency
    /// (routed to the office only).
    public var agencyMatched: String?
    public var year: Int?
    /// 1, 2, … per agency and year, as the register numbers submissions; nil without a register.
    public var version: Int?
    /// The report's name on the share (its final name in `accepted/` or `rejected/`).
    public var reportName: String
    /// The name it was dropped under, when it differs from ``reportName``.
    public var originalName: String?
    /// Where the findings note is on the share, relative to the inbox root (`rejected/x.findings.txt`).
    public var notePath: String
    /// The findings note itself (the `.findings.txt` text), so delivery needs no access to the share.
    public var note: String
    /// The first findings, errors first (at most ``maximumFindings``).
    public var findings: [NotificationFinding]
    public var errorCount: Int
    public var warningCount: Int
    /// The language of the texts rendered from this notification.
    public var language: Language
    /// When the report was filed, in microseconds since the epoch (UTC).
    public var filedAt: Int64

    /// How many findings a notification carries; the note has the rest.
    public static let maximumFindings = 5

    public init(
        id: String, verdict: Verdict, agencyTitled: String?, agencyMatched: String?, year: Int?, version: Int? = nil,
        reportName: String, originalName: String? = nil, notePath: String, note: String, findings: [Finding],
        language: Language, filedAt: Int64
    ) {
        self.id = id
        self.verdict = verdict
        self.agencyTitled = agencyTitled
        self.agencyMatched = agencyMatched
        self.year = year
        self.version = version
        self.reportName = reportName
        self.originalName = originalName == reportName ? nil : originalName
        self.notePath = notePath
        self.note = note
        let ordered = findings.filter { $0.severity == .error } + findings.filter { $0.severity == .warning }
        self.findings = ordered.prefix(Self.maximumFindings).map(NotificationFinding.init)
        self.errorCount = findings.count { $0.severity == .error }
        self.warningCount = findings.count { $0.severity == .warning }
        self.language = language
        self.filedAt = filedAt
    }

    /// The agency to name in texts: the directory's name, else the title's, else nil.
    public var agency: String? { agencyMatched ?? agencyTitled }

    /// The distinct codes of the errors (or, for an accepted report, the warnings), in finding order.
    public var leadingCodes: [RuleCode] {
        var seen = Set<RuleCode>()
        return findings.map(\.code).filter { seen.insert($0).inserted }
    }
}

/// A finding as a notification carries it: its code, weight, message and where it points, in words.
public struct NotificationFinding: Sendable, Hashable, Codable {
    public var code: RuleCode
    public var severity: Severity
    public var message: LocalizedText
    /// The location in words (e.g. `第 12 行 · 表三`), nil for the whole document.
    public var location: LocalizedText?

    public init(code: RuleCode, severity: Severity, message: LocalizedText, location: LocalizedText? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.location = location
    }

    init(_ finding: Finding) {
        let whole = finding.location == .document
        self.init(
            code: finding.code, severity: finding.severity, message: finding.message,
            location: whole
                ? nil
                : LocalizedText(
                    zh: LocationText.render(finding.location, in: .zh), en: LocationText.render(finding.location, in: .en)))
    }
}

extension Notification {
    /// The agency named in a report title such as `温县人民政府办公室2021年政府信息公开工作年度报告`:
    /// the text before the year (or before `政府信息公开`), without quotes and spaces; nil when none is left.
    public static func agency(fromTitle title: String?) -> String? {
        guard let title else { return nil }
        let dropped = "《》“”\"".unicodeScalars
        var name = String(
            String.UnicodeScalarView(
                title.unicodeScalars.filter {
                    !$0.properties.isWhitespace && !dropped.contains($0)
                }))
        if let year = name.firstRange(of: /[0-9]{4}/) {
            name = String(name[..<year.lowerBound])
        } else if let cut = name.firstRange(of: "政府信息公开") {
            name = String(name[..<cut.lowerBound])
        }
        return name.isEmpty ? nil : name
    }
}
