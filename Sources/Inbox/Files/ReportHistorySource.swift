import ReportValidation

/// Where the judge finds a report's history before judging it: the register (see `RegisterHistory`).
///
/// Called from the engine's own thread (never the cooperative pool), between reading a report and
/// judging it; it may block briefly. It never fails: a register that cannot answer gives
/// ``ReportHistory/unavailable(_:reason:)``, so intake never waits on it.
package protocol ReportHistorySource: Sendable {
    func history(of subject: ReportHistory.Subject) -> ReportHistory
}
