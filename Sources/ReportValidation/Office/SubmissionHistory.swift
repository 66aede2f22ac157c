/// `nianbao history AGENCY`: every submission of one agency over the years, oldest first, with the
/// current version of each year marked.
public struct SubmissionHistory: Sendable, Hashable {
    public var agency: String
    /// Oldest first (year, then version).
    public var submissions: [OfficeSubmission]
    /// Per year, the version that counts (latest accepted, else latest).
    public var currentVersions: [Int: Int]

    public init(agency: String, submissions: [OfficeSubmission]) {
        self.agency = agency
        self.submissions = submissions.sorted { ($0.year ?? 0, $0.version, $0.filedAt) < ($1.year ?? 0, $1.version, $1.filedAt) }
        var byYear: [Int: [OfficeSubmission]] = [:]
        for submission in submissions { byYear[submission.year ?? 0, default: []].append(submission) }
        currentVersions = byYear.compactMapValues { OfficeSubmission.current(of: $0)?.version }
    }

    func isCurrent(_ submission: OfficeSubmission) -> Bool {
        currentVersions[submission.year ?? 0] == submission.version
    }

    /// The text for people.
    public var text: String {
        guard !submissions.isEmpty else { return "登记簿中没有“\(TerminalText.safe(agency))”的报告。\n" }
        let out = "\(TerminalText.safe(agency))：共 \(submissions.count) 次提交\n\n"
        var rows = [["年度", "版本", "结论", "错误", "警告", "报送日期", "文件", "规则", ""]]
        for s in submissions {
            rows.append([
                s.year.map(String.init) ?? "—", "第\(s.version)次", s.verdict == .accepted ? "通过" : "退回",
                String(s.errors), String(s.warnings), s.filedDate.description, TerminalText.safe(s.folder + "/" + s.finalName),
                s.codes.isEmpty ? "—" : s.codes.joined(separator: "、"), isCurrent(s) ? "← 当前版本" : "",
            ])
        }
        return out + OfficeText.table(rows).split(separator: "\n").map { String($0).trimmingSuffixSpaces }.joined(separator: "\n") + "\n"
    }

    public static let csvHeader = [
        "agency", "year", "version", "current", "verdict", "errors", "warnings", "filed", "folder", "file", "codes", "office",
    ]

    /// CSV with a BOM, one row per submission under ``csvHeader``.
    public var csv: String {
        OfficeText.csv(
            [Self.csvHeader]
                + submissions.map { s in
                    [
                        agency, s.year.map(String.init) ?? "", String(s.version), isCurrent(s) ? "true" : "false",
                        s.verdict.rawValue, String(s.errors), String(s.warnings), s.filedDate.description, s.folder,
                        s.finalName, s.codes.joined(separator: " "), s.office,
                    ]
                })
    }

    /// The JSON document (`nianbao.history/1`).
    public var json: String {
        JSONValue.object([
            JSONMember("schema", .string("nianbao.history/1")),
            JSONMember("agency", .string(agency)),
            JSONMember(
                "submissions",
                .array(
                    submissions.map { s in
                        .object([
                            JSONMember("year", .int(s.year)),
                            JSONMember("version", .int(s.version)),
                            JSONMember("current", .bool(isCurrent(s))),
                            JSONMember("verdict", .string(s.verdict.rawValue)),
                            JSONMember("errors", .int(s.errors)),
                            JSONMember("warnings", .int(s.warnings)),
                            JSONMember("filed", .string(s.filedDate.description)),
                            JSONMember("filedAtMicroseconds", .int(Int(s.filedAt))),
                            JSONMember("folder", .string(s.folder)),
                            JSONMember("file", .string(s.finalName)),
                            JSONMember("codes", .array(s.codes.map { .string($0) })),
                            JSONMember("office", .string(s.office)),
                        ])
                    })),
        ]).rendered
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate var trimmingSuffixSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
