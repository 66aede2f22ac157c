/// A notification as plain text in one language: the subject line every channel leads with, and the
/// body mail sends (a summary, then the whole findings note). Chat robots build their short markdown
/// from the same ``Notification`` fields.
public struct NotificationText: Sendable {
    public var language: Language

    public init(language: Language) {
        self.language = language
    }

    /// `[nianbao] 退回：温县人民政府办公室 2021 年报（FEE-001）` / `[nianbao] 通过：… 2021 年报`;
    /// in English `[nianbao] Rejected: … 2021 annual report (FEE-001)`. At most two codes are named.
    public func subject(_ notification: Notification) -> String {
        let zh = language == .zh
        let word: String
        switch notification.verdict {
        case .accepted: word = zh ? "通过" : "Accepted"
        case .rejected: word = zh ? "退回" : "Rejected"
        }
        var subject = "[nianbao] " + word + (zh ? "：" : ": ") + reportTitle(notification)
        let codes =
            notification.verdict == .rejected
            ? notification.leadingCodes.filter { code in notification.findings.contains { $0.code == code && $0.severity == .error } }
            : []
        if !codes.isEmpty {
            let shown = codes.prefix(2).map(\.rawValue).joined(separator: zh ? "、" : ", ")
            let more = notification.errorCount > codes.prefix(2).count
            if zh {
                subject += "（" + shown + (more ? " 等 \(notification.errorCount) 项" : "") + "）"
            } else {
                subject += " (" + shown + (more ? " and more, \(notification.errorCount) errors" : "") + ")"
            }
        }
        return subject
    }

    /// `温县人民政府办公室 2021 年报`, `第 2 版` added for a later version; the report's file name when
    /// neither agency nor year is known.
    public func reportTitle(_ notification: Notification) -> String {
        let zh = language == .zh
        var parts: [String] = []
        parts.append(notification.agency ?? notification.reportName)
        if let year = notification.year {
            parts.append(zh ? "\(year) 年报" : "\(year) annual report")
        } else if notification.agency != nil {
            parts.append(zh ? "年报" : "annual report")
        }
        var title = parts.joined(separator: " ")
        if let version = notification.version, version > 1 { title += zh ? "（第 \(version) 版）" : " (version \(version))" }
        return title
    }

    /// The verdict in one sentence, then the file, where the note is, the first findings, and the whole note.
    public func body(_ notification: Notification) -> String {
        let zh = language == .zh
        var lines: [String] = []
        let counts =
            zh
            ? "\(notification.errorCount) 个错误，\(notification.warningCount) 个警告"
            : "\(notification.errorCount) errors, \(notification.warningCount) warnings"
        switch (notification.verdict, zh) {
        case (.accepted, true): lines.append("\(reportTitle(notification))已通过检查（\(counts)）。")
        case (.rejected, true): lines.append("\(reportTitle(notification))未通过检查，已退回（\(counts)）。请按下列意见修改后重新报送。")
        case (.accepted, false): lines.append("The \(reportTitle(notification)) passed the check (\(counts)).")
        case (.rejected, false):
            lines.append("The \(reportTitle(notification)) was rejected (\(counts)). Please fix what is listed below and submit it again.")
        }
        lines.append("")
        lines.append((zh ? "报送文件：" : "File: ") + (notification.originalName ?? notification.reportName))
        if notification.originalName != nil {
            lines.append((zh ? "现存为：" : "Filed as: ") + notification.reportName)
        }
        lines.append((zh ? "检查意见：共享目录中的 " : "Findings: ") + notification.notePath + (zh ? "" : " on the share"))
        if notification.agencyMatched == nil {
            lines.append(zh ? "注意：报告标题中的单位不在单位名录中。" : "Note: the agency in the report's title is not in the directory.")
        }
        if !notification.findings.isEmpty {
            lines.append("")
            lines.append(zh ? "主要问题：" : "Main findings:")
            lines += findingLines(notification)
        }
        lines.append("")
        lines.append(zh ? "—— 检查意见全文 ——" : "—— The full findings note ——")
        lines.append(notification.note.hasSuffix("\n") ? String(notification.note.dropLast()) : notification.note)
        lines.append("")
        lines.append(zh ? "此消息由 nianbao 自动发送，请勿回复。" : "Sent automatically by nianbao; please do not reply.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `- [错误] FEE-001 未说明信息处理费的收取情况（第 40 行 · 表三）`, one per carried finding, and how
    /// many more the note lists.
    public func findingLines(_ notification: Notification) -> [String] {
        let zh = language == .zh
        var lines = notification.findings.map { finding in
            let weight = finding.severity == .error ? (zh ? "错误" : "error") : (zh ? "警告" : "warning")
            let place = finding.location.map { zh ? "（\($0.zh)）" : " (\($0.en))" } ?? ""
            return "- [\(weight)] \(finding.code.rawValue) \(finding.message.text(in: language))\(place)"
        }
        let more = notification.errorCount + notification.warningCount - notification.findings.count
        if more > 0 { lines.append(zh ? "- 另有 \(more) 项，见检查意见全文" : "- \(more) more in the full note") }
        return lines
    }
}
