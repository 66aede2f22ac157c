/// Which submission of an agency's year counts: the latest accepted one, else the latest (issue 11, item 3).
/// One place for the rule: the status, the export, the overview page and the cross-year rules all use it.
public enum CurrentVersion {
    /// The index in `submissions` (oldest first) of the current one; nil when there are none.
    public static func index<Submission>(in submissions: [Submission], isAccepted: (Submission) -> Bool) -> Int? {
        submissions.lastIndex(where: isAccepted) ?? (submissions.isEmpty ? nil : submissions.count - 1)
    }

    /// The current submission of `submissions` (oldest first); nil when there are none.
    public static func of<Submission>(_ submissions: [Submission], isAccepted: (Submission) -> Bool) -> Submission? {
        index(in: submissions, isAccepted: isAccepted).map { submissions[$0] }
    }
}
