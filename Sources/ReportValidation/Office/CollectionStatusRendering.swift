/// `nianbao status` output: a table for people (Chinese), CSV and JSON for programs.
extension CollectionStatus {
    /// The text for people: a summary line, one line per agency, then the agencies still to chase.
    public var text: String {
        var out =
            "\(year) 年度报告收集情况（\(today)）：共 \(lines.count) 个机关，通过 \(count(.accepted))，"
            + "退回 \(count(.rejected))，未报送 \(count(.missing))\n"
        guard !lines.isEmpty else {
            return out + "没有机关名录，登记簿中也没有 \(year) 年度的报告。\n"
        }
        var rows = [["机关", "类型", "结论", "版本数", "当前版本", "最后报送", "截止日期", "剩余天数"]]
        for line in lines {
            rows.append([
                TerminalText.safe(line.agency) + (line.inDirectory ? "" : "（名录外）"), line.kind?.rawValue ?? "—",
                line.state.chinese, String(line.versions), line.current.map { "第\($0.version)次" } ?? "—",
                line.lastFiled?.description ?? "—", line.deadline.description, Self.daysText(line),
            ])
        }
        out += "\n" + OfficeText.table(rows)
        let chase = lines.filter { $0.state != .accepted }
        if !chase.isEmpty {
            out += "\n待催报：\n"
            for line in chase {
                let what = line.state == .missing ? "尚未报送" : "被退回（\(line.current?.errors ?? 0) 个错误），需重新报送"
                out += "- \(TerminalText.safe(line.agency))：\(what)，\(Self.daysText(line))\n"
            }
        }
        return out
    }

    /// `还剩 5 天`, `今天截止`, `已逾期 3 天` (a line whose report is accepted just gives the count).
    static func daysText(_ line: Line) -> String {
        if line.daysLeft > 0 { return "还剩 \(line.daysLeft) 天" }
        if line.daysLeft == 0 { return "今天截止" }
        return "已逾期 \(-line.daysLeft) 天"
    }

    /// The CSV columns, in order (documented in the README).
    public static let csvHeader = [
        "year", "agency", "in_directory", "kind", "state", "versions", "current_version", "current_verdict",
        "current_file", "errors", "warnings", "last_filed", "deadline", "days_left",
    ]

    /// CSV with a BOM: one row per agency under ``csvHeader``.
    public var csv: String {
        OfficeText.csv(
            [Self.csvHeader]
                + lines.map { line in
                    [
                        String(year), line.agency, line.inDirectory ? "true" : "false", line.kind?.rawValue ?? "",
                        line.state.rawValue, String(line.versions), line.current.map { String($0.version) } ?? "",
                        line.current?.verdict.rawValue ?? "", line.current?.finalName ?? "",
                        line.current.map { String($0.errors) } ?? "", line.current.map { String($0.warnings) } ?? "",
                        line.lastFiled?.description ?? "", line.deadline.description, String(line.daysLeft),
                    ]
                })
    }

    /// The JSON document (`nianbao.status/1`, described in the README).
    public var json: String {
        let agencies: [JSONValue] = lines.map { line in
            .object([
                JSONMember("agency", .string(line.agency)),
                JSONMember("inDirectory", .bool(line.inDirectory)),
                JSONMember("kind", .string(line.kind?.rawValue)),
                JSONMember("state", .string(line.state.rawValue)),
                JSONMember("versions", .int(line.versions)),
                JSONMember(
                    "current",
                    line.current.map { current in
                        .object([
                            JSONMember("version", .int(current.version)),
                            JSONMember("verdict", .string(current.verdict.rawValue)),
                            JSONMember("file", .string(current.finalName)),
                            JSONMember("folder", .string(current.folder)),
                            JSONMember("errors", .int(current.errors)),
                            JSONMember("warnings", .int(current.warnings)),
                            JSONMember("codes", .array(current.codes.map { .string($0) })),
                            JSONMember("filed", .string(current.filedDate.description)),
                        ])
                    } ?? .null),
                JSONMember("lastFiled", .string(line.lastFiled?.description)),
                JSONMember("deadline", .string(line.deadline.description)),
                JSONMember("daysLeft", .int(line.daysLeft)),
            ])
        }
        return JSONValue.object([
            JSONMember("schema", .string("nianbao.status/1")),
            JSONMember("year", .int(year)),
            JSONMember("today", .string(today.description)),
            JSONMember(
                "counts",
                .object(State.allCases.map { JSONMember($0.rawValue, .int(count($0))) } + [JSONMember("agencies", .int(lines.count))])),
            JSONMember("allAccepted", .bool(allAccepted)),
            JSONMember("agencies", .array(agencies)),
        ]).rendered
    }
}
