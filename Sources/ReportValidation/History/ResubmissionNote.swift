/// What changed between two submissions of one report: the findings fixed, those still there and the
/// new ones, compared by code and place (``FindingKey``). Pure: two findings sets in, three lists out.
public struct FindingsDiff: Sendable, Hashable {
    public var fixed: [FindingKey]
    public var remaining: [FindingKey]
    public var new: [FindingKey]

    /// The change from `previous` to `current`; each list sorted, without repeats.
    public static func between(previous: [FindingKey], current: [FindingKey]) -> FindingsDiff {
        let before = Set(previous)
        let now = Set(current)
        return FindingsDiff(
            fixed: before.subtracting(now).sorted(), remaining: before.intersection(now).sorted(),
            new: now.subtracting(before).sorted())
    }
}

/// The notes a judgement's findings carry about its history: which submission this is and what changed
/// since the last one, or that the cross-year rules could not run and why. Information, not findings:
/// they never change the verdict.
public enum HistoryNotes {
    /// How many places of one list a note names before it says "等N项".
    static let listLimit = 8

    /// The notes for `result`, judged with `history`.
    public static func notes(_ history: ReportHistory, result: ValidationResult) -> [LocalizedText] {
        var notes: [LocalizedText] = []
        if let reason = history.unavailable {
            notes.append(
                .zh(
                    "未能查询登记簿（\(reason)），未与上年报告比较，也未核对是否重复提交；本报告按单独一份审核",
                    en: "The register could not be asked (\(reason)): not compared with last year's report nor with "
                        + "earlier submissions; judged on its own"))
            return notes
        }
        if let last = history.earlier.last {
            notes.append(resubmission(version: history.nextVersion, last: last, current: result.findings.map(FindingKey.init)))
        }
        if let asked = history.subject, history.previousYear == nil, result.year == asked.year {
            notes.append(
                .zh(
                    "登记簿中没有“\(asked.agency)”\(asked.year - 1)年度的报告，未作跨年度核对",
                    en: "The register holds no \(asked.year - 1) report of “\(asked.agency)”: no cross-year checks"))
        }
        return notes
    }

    /// `第2次提交（上次 2026-01-12 退回）：已改正 FEE-001；仍存在 …；新出现 …`, and the English.
    public static func resubmission(version: Int, last: PriorSubmission, current: [FindingKey]) -> LocalizedText {
        let diff = FindingsDiff.between(previous: last.findings, current: current)
        let verdictZh = last.verdict == .accepted ? "通过" : "退回"
        let verdictEn = last.verdict == .accepted ? "accepted" : "rejected"
        return .zh(
            "第\(version)次提交（上次 \(last.filedOn) \(verdictZh)）：已改正 \(list(diff.fixed, zh: true))；"
                + "仍存在 \(list(diff.remaining, zh: true))；新出现 \(list(diff.new, zh: true))",
            en: "Submission \(version) (the last one was \(verdictEn) on \(last.filedOn)): fixed \(list(diff.fixed, zh: false)); "
                + "still there \(list(diff.remaining, zh: false)); new \(list(diff.new, zh: false))")
    }

    static func list(_ keys: [FindingKey], zh: Bool) -> String {
        guard !keys.isEmpty else { return zh ? "无" : "none" }
        let shown = keys.prefix(listLimit).map(\.description).joined(separator: zh ? "、" : ", ")
        let more = keys.count - listLimit
        guard more > 0 else { return shown }
        return shown + (zh ? " 等\(keys.count)项" : " and \(more) more")
    }
}
