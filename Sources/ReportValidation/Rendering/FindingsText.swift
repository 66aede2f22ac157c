/// The human-readable report of checked files: verdict first, then the file's facts, then errors and
/// warnings with where they are and how to fix them.
///
/// Plain text without colour so it reads the same in a terminal and in a `.txt` on a shared folder.
public struct FindingsText: Sendable {
    public var language: Language

    public init(language: Language = .zh) {
        self.language = language
    }

    /// The report of one file, ending with a newline.
    public func render(_ file: CheckedFile) -> String {
        let result = file.result
        var lines: [String] = [verdictLine(result)]
        lines.append(field(zh: "文件", en: "File", TerminalText.safe(file.path)))
        lines.append(field(zh: "编码", en: "Encoding", file.report.encoding?.rawValue ?? words(zh: "无法识别", en: "not decoded")))
        if let conversion = file.report.convertedBy {
            lines.append(field(zh: "转换", en: "Converted by", conversion))
        }
        lines.append(
            field(
                zh: "格式", en: "Format",
                result.formatVersion?.displayName.text(in: language)
                    ?? words(zh: "无法确定", en: "not determined")))
        lines.append(field(zh: "年度", en: "Year", result.year.map { String($0) } ?? words(zh: "无法确定", en: "not determined")))
        if let title = result.title, !title.isEmpty {
            lines.append(field(zh: "标题", en: "Title", TerminalText.safe(title)))
        }
        for note in result.notes {
            lines.append(field(zh: "说明", en: "Note", TerminalText.safe(note.text(in: language))))
        }
        if result.findings.isEmpty {
            lines.append("")
            lines.append(words(zh: "未发现问题。", en: "No findings."))
        } else {
            lines.append("")
            lines += fixList(result.findings)
        }
        appendGroup(result.errors, heading: LocalizedText(zh: "错误", en: "Errors"), layout: result.layout, to: &lines)
        appendGroup(result.warnings, heading: LocalizedText(zh: "警告", en: "Warnings"), layout: result.layout, to: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The reports of several files, one after another, followed by a one-line tally.
    public func render(_ files: [CheckedFile], unreadable: Int = 0) -> String {
        var out = ""
        for (index, file) in files.enumerated() {
            if index > 0 { out += "\n" + String(repeating: "=", count: 60) + "\n\n" }
            out += render(file)
        }
        if files.count + unreadable > 1 {
            out += "\n" + tallyLine(RunTally(files, unreadable: unreadable)) + "\n"
        }
        return out
    }

    /// `结论：不通过（2 个错误，3 个警告）` / `Verdict: REJECTED (2 errors, 3 warnings)`.
    public func verdictLine(_ result: ValidationResult) -> String {
        let errors = result.errors.count
        let warnings = result.warnings.count
        switch language {
        case .zh:
            let verdict = result.verdict == .accepted ? "通过" : "不通过"
            return "结论：\(verdict)（\(errors) 个错误，\(warnings) 个警告）"
        case .en:
            let verdict = result.verdict == .accepted ? "ACCEPTED" : "REJECTED"
            return "Verdict: \(verdict) (\(count(errors, "error")), \(count(warnings, "warning")))"
        }
    }

    /// `共 5 个文件：2 个通过，3 个不通过` / `5 files: 2 accepted, 3 rejected`.
    public func tallyLine(_ tally: RunTally) -> String {
        let total = tally.accepted + tally.rejected + tally.unreadable
        switch language {
        case .zh:
            var line = "共 \(total) 个文件：\(tally.accepted) 个通过，\(tally.rejected) 个不通过"
            if tally.unreadable > 0 { line += "，\(tally.unreadable) 个无法读取" }
            return line
        case .en:
            var line = "\(count(total, "file")): \(tally.accepted) accepted, \(tally.rejected) rejected"
            if tally.unreadable > 0 { line += ", \(tally.unreadable) unreadable" }
            return line
        }
    }

    /// One finding as a numbered block: code and message, then where, evidence and how to fix.
    /// `layout` names what a line number counts (a paragraph in a Word file).
    public func render(_ finding: Finding, number: Int, layout: SourceLayout = .unknown) -> [String] {
        let label = "\(number). "
        let indent = String(repeating: " ", count: label.count + 2)
        var lines = block("  " + label + finding.code.rawValue + "  ", finding.message.text(in: language), indent: indent)
        let whereLabel = words(zh: "位置：", en: "Where: ")
        lines += block(indent + whereLabel, LocationText.render(finding.location, in: language, layout: layout), indent: indent)
        if finding.count > 1 {
            lines += block(indent + words(zh: "涉及：", en: "Covers: "), coverage(finding, layout: layout), indent: indent)
        }
        if let evidence = finding.evidence, !evidence.isEmpty {
            lines += block(indent + words(zh: "依据：", en: "Evidence: "), evidence, indent: indent)
        }
        let hint = finding.hint.text(in: language)
        if !hint.isEmpty {
            lines += block(indent + words(zh: "修改建议：", en: "How to fix: "), hint, indent: indent)
        }
        return lines
    }

    /// The note's opening: each distinct fix once, errors first, labelled with the rule codes it settles.
    /// `请按以下事项修改：` / `What to fix:`.
    public func fixList(_ findings: [Finding]) -> [String] {
        let fixes = Self.fixes(findings, language: language)
        guard !fixes.isEmpty else { return [] }
        var lines = [words(zh: "请按以下事项修改：", en: "What to fix:")]
        for (index, fix) in fixes.enumerated() {
            let labels = fix.codes.map { "[\($0)]" }.joined()
            lines += block("  \(index + 1). \(labels) ", fix.hint, indent: "     ")
        }
        return lines
    }

    /// Each distinct hint of `findings` once, in order, with the rule codes it settles: the one list
    /// the text note and the findings page open with.
    static func fixes(_ findings: [Finding], language: Language) -> [(hint: String, codes: [String])] {
        var order: [String] = []
        var codes: [String: [String]] = [:]
        for finding in findings {
            let hint = finding.hint.text(in: language)
            guard !hint.isEmpty else { continue }
            if codes[hint] == nil { order.append(hint) }
            if codes[hint]?.contains(finding.code.rawValue) != true { codes[hint, default: []].append(finding.code.rawValue) }
        }
        return order.map { ($0, codes[$0] ?? []) }
    }

    /// How many places a grouped finding covers and the lines they span: `125 处（第413–470行）`.
    func coverage(_ finding: Finding, layout: SourceLayout) -> String {
        let lines = finding.items.compactMap(\.location.line)
        let count = words(zh: "\(finding.count) 处", en: "\(finding.count) places")
        guard let low = lines.min(), let high = lines.max() else { return count }
        let span =
            low == high
            ? LocationText.line(low, layout: layout).text(in: language)
            : language == .zh
                ? (layout == .docx ? "第\(low)–\(high)段" : "第\(low)–\(high)行")
                : (layout == .docx ? "paragraphs \(low)–\(high)" : "lines \(low)–\(high)")
        return language == .zh ? "\(count)（\(span)）" : "\(count) (\(span))"
    }

    func appendGroup(_ findings: [Finding], heading: LocalizedText, layout: SourceLayout, to lines: inout [String]) {
        guard !findings.isEmpty else { return }
        lines.append("")
        lines.append(heading.text(in: language) + (language == .zh ? "（\(findings.count) 项）" : " (\(findings.count))"))
        for (index, finding) in findings.enumerated() {
            if index > 0 { lines.append("") }
            lines += render(finding, number: index + 1, layout: layout)
        }
    }

    /// `prefix` + the first line of `text`; later lines of a multi-line text are indented under it.
    func block(_ prefix: String, _ text: String, indent: String) -> [String] {
        let textLines = TerminalText.safe(text).split(separator: "\n", omittingEmptySubsequences: false)
        var lines = [prefix + (textLines.first.map(String.init) ?? "")]
        for line in textLines.dropFirst() {
            lines.append(indent + "  " + line)
        }
        return lines
    }

    func field(zh: String, en: String, _ value: String) -> String {
        language == .zh ? "\(zh)：\(value)" : "\(en): \(value)"
    }

    func words(zh: String, en: String) -> String {
        language == .zh ? zh : en
    }

    /// `1 error`, `2 errors`.
    func count(_ n: Int, _ noun: String) -> String {
        "\(n) \(noun)\(n == 1 ? "" : "s")"
    }
}
