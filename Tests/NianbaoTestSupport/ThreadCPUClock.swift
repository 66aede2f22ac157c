import Glibc

/// The CPU time the calling thread has used (`CLOCK_THREAD_CPUTIME_ID`): what a "finishes in bounded work" check
/// should measure. Unlike wall time it does not grow when other processes share the CPUs, so a hostile-input guard
/// (linear, not quadratic) holds on a busy 2-core machine too.
public struct ThreadCPUClock: Sendable {
    public init() {}

    /// The calling thread's CPU time so far.
    public func now() -> Duration {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return .seconds(ts.tv_sec) + .nanoseconds(ts.tv_nsec)
    }

    /// The CPU time `work` used on this thread (synchronous work only: it must not hop threads).
    public func measure(_ work: () throws -> Void) rethrows -> Duration {
        let start = now()
        try work()
        return now() - start
    }
}
