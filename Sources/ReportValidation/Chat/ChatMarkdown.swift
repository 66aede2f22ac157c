/// The markdown a chat robot posts for one or more verdicts: what was decided, for whom, the first
/// findings and where the note lies, short enough for the vendor's size limit.
///
/// A burst of verdicts becomes one message (the robots allow about 20 a minute), listing as many as fit
/// and counting the rest, so nothing is silently dropped from view.
package struct ChatMarkdown: Sendable {
    /// Which vendor's markdown the text is for: they differ in colour markup and size limits.
    package enum Dialect: String, Sendable, Hashable, CaseIterable {
        /// 企业微信 group robot: `<font color="warning">`, content at most 4,096 bytes.
        case weCom
        /// 钉钉 robot: plain markdown, a title shown in the notification banner.
        case dingTalk
        /// 飞书 robot card (`lark_md`): `<font color='red'>`.
        case feishu

        /// Most bytes of markdown the vendor takes in one message (with room to spare for the JSON around it).
        package var byteLimit: Int {
            switch self {
            case .weCom: 4_000
            case .dingTalk: 18_000
            case .feishu: 18_000
            }
        }
    }

    /// How many findings of each report are listed; the rest are counted.
    package static let findingsShown = 3

    package var dialect: Dialect

    package init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// The one-line title: `年报退回：温县人民政府办公室 2021 年` for one verdict, a tally for several.
    package func title(_ notices: [Notification]) -> String {
        if notices.count == 1, let notice = notices.first {
            return "年报\(Self.verdictWord(notice.verdict))：\(Self.who(notice))"
        }
        let rejected = notices.filter { $0.verdict == .rejected }.count
        return "年报核查结果 \(notices.count) 份：退回 \(rejected) 份，通过 \(notices.count - rejected) 份"
    }

    /// The message body: a heading, then one block per verdict while they fit in ``Dialect/byteLimit``.
    package func text(_ notices: [Notification]) -> String {
        var out = dialect == .feishu ? "" : "### \(title(notices))\n"
        var shown = 0
        let ordered = notices.enumerated().sorted { left, right in
            // Rejections first: they need someone to act.
            (left.element.verdict == .rejected ? 0 : 1, left.offset) < (right.element.verdict == .rejected ? 0 : 1, right.offset)
        }.map(\.element)
        for notice in ordered {
            let block = (shown > 0 || dialect != .feishu ? "\n" : "") + self.block(notice, single: notices.count == 1)
            let rest = notices.count - shown - 1
            let reserve = rest > 0 ? 80 : 0
            guard out.utf8.count + block.utf8.count + reserve <= dialect.byteLimit else { break }
            out += block
            shown += 1
        }
        if shown < notices.count {
            out += "\n另有 \(notices.count - shown) 份未列出，详见各自的核查意见。"
        }
        return out
    }

    /// One verdict: the verdict and agency, the file, the first findings, where the note is.
    func block(_ notice: Notification, single: Bool) -> String {
        var lines: [String] = []
        let verdict = coloured(Self.verdictWord(notice.verdict), notice.verdict)
        if !single {
            lines.append("**\(verdict)** \(Self.who(notice))")
        } else {
            lines.append("结论：**\(verdict)**")
        }
        lines.append("文件：\(Self.plain(notice.reportName))")
        if notice.errorCount + notice.warningCount == 0 {
            lines.append("未发现问题。")
        } else {
            lines.append("错误 \(notice.errorCount) 个，警告 \(notice.warningCount) 个")
            for finding in notice.findings.prefix(Self.findingsShown) {
                lines.append("- \(Self.plain(finding.code.rawValue)) \(Self.plain(finding.message.zh))")
            }
            let more = notice.errorCount + notice.warningCount - min(notice.findings.count, Self.findingsShown)
            if more > 0 { lines.append("- 另有 \(more) 条，见核查意见") }
        }
        lines.append("核查意见：\(Self.plain(notice.notePath))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The verdict word in the dialect's colour markup (DingTalk has none that all clients show).
    func coloured(_ word: String, _ verdict: Verdict) -> String {
        switch dialect {
        case .weCom: "<font color=\"\(verdict == .rejected ? "warning" : "info")\">\(word)</font>"
        case .feishu: "<font color='\(verdict == .rejected ? "red" : "green")'>\(word)</font>"
        case .dingTalk: word
        }
    }

    static func verdictWord(_ verdict: Verdict) -> String {
        verdict == .rejected ? "退回" : "通过"
    }

    /// `温县人民政府办公室 2021 年`, `（第 2 版）` added for a resubmission; the file's name when no agency was found.
    static func who(_ notice: Notification) -> String {
        let year = notice.year.map { " \($0) 年" } ?? "（年度未能确定）"
        let version = notice.version.map { $0 > 1 ? "（第 \($0) 版）" : "" } ?? ""
        return plain(notice.agency ?? notice.reportName) + year + version
    }

    /// `text` made inert for every vendor's markdown: line breaks and controls become spaces, and each
    /// character their markdown or HTML would act on becomes its full-width form, so a file named
    /// `*温县*_[2021].docx` shows as written instead of as emphasis, a link or an `<at>` mention.
    ///
    /// The vendors document no escape that all three honour; the full-width forms read the same to a person.
    package static func plain(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "*", "_", "`", "[", "]", "<", ">", "#", "~", "|", "&", "\\":
                // ASCII 0x21–0x7E map to U+FF01–U+FF5E at a fixed offset.
                out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x21 + 0xFF01)!)
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .lineSeparator
                    || scalar.properties.generalCategory == .paragraphSeparator || scalar.properties.generalCategory == .format
                {
                    out.append(" ")
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
