/// A live summary of the daemon, for systemd's `STATUS=` line and for tests.
package struct InboxStatistics: Sendable, Hashable, CustomStringConvertible {
    /// Reports known but not finished: queued, settling, or held in `.work/`.
    package var backlog = 0
    /// Reports moved to `accepted/` since start.
    package var accepted = 0
    /// Reports moved to `rejected/` since start.
    package var rejected = 0
    /// The last fault or oddity, in one line; nil while there has been none.
    package var lastProblem: String?
    /// Whether the watch is added and the startup backlog enqueued (systemd's `READY=1`).
    package var isReady = false

    package init() {}

    /// `backlog 3, accepted 120, rejected 7, last problem: …`.
    package var description: String {
        "backlog \(backlog), accepted \(accepted), rejected \(rejected)" + (lastProblem.map { ", last problem: \($0)" } ?? "")
    }
}
