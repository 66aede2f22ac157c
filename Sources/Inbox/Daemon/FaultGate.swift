/// Turns a run of identical faults into one log line and a growing pause before the next attempt.
///
/// A full disk fails every attempt the same way: it is logged once (with its errno), retried after
/// 250 ms, 500 ms, 1 s… up to ``maximumDelay``, and the first success ends the episode.
struct FaultGate {
    static let firstDelay = Duration.milliseconds(250)
    static let maximumDelay = Duration.seconds(10)

    private var logged: Set<String> = []
    private var delay = FaultGate.firstDelay
    /// When processing may be tried again; nil when no fault is pending.
    private(set) var retryAt: ContinuousClock.Instant?
    /// The first fault of the current episode, for the status line and the resume message.
    private(set) var episode: SystemCallError?

    /// Records a fault; returns whether it is new in this episode and so should be logged.
    mutating func record(_ fault: SystemCallError, now: ContinuousClock.Instant) -> (log: Bool, retryIn: Duration) {
        if episode == nil { episode = fault }
        let wait = delay
        retryAt = now + wait
        delay = min(delay * 2, Self.maximumDelay)
        return (logged.insert("\(fault.call) \(fault.errno.rawValue)").inserted, wait)
    }

    /// Records a success; returns the fault whose episode it ends, if any.
    mutating func succeeded() -> SystemCallError? {
        defer {
            logged.removeAll()
            delay = Self.firstDelay
            retryAt = nil
            episode = nil
        }
        return episode
    }

    /// Whether processing must still wait at `now`.
    func isWaiting(at now: ContinuousClock.Instant) -> Bool {
        retryAt.map { now < $0 } ?? false
    }
}
