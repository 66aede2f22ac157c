import Foundation

/// Waits that give up only when nothing moves: the wait observes a progress measure (files left in the
/// inbox, reports filed, log lines…) and fails when that measure stayed the same for ``stallLimit`` seconds,
/// however long the whole wait took. A busy 2-core machine is slow, not stuck; a fixed deadline for work whose
/// speed depends on the machine fails at random.
public enum ProgressWait {
    /// How long a wait may see no progress before it fails: `$NIANBAO_TEST_STALL_SECONDS`, else 120 s.
    public static let stallLimit: Double = {
        let value = ProcessInfo.processInfo.environment["NIANBAO_TEST_STALL_SECONDS"].flatMap(Double.init)
        return value.map { max(1, $0) } ?? 120
    }()

    /// Seconds on the monotonic clock.
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

/// How a wait on progress ended: met, or stalled (with what it waited for and the progress last seen).
public struct Waited: CustomStringConvertible, Sendable {
    /// Whether the condition held.
    public var met: Bool
    /// What the wait expected, for the failure message.
    public var expectation: String
    /// The progress measure last seen.
    public var lastSeen: String
    /// Seconds the whole wait took.
    public var seconds: Double
    /// The stall limit that ended an unmet wait.
    public var stallLimit: Double

    public var description: String {
        met
            ? "met after \(String(format: "%.1f", seconds)) s: \(expectation)"
            : "stalled: waited for \(expectation); nothing moved for \(Int(stallLimit)) s (last seen: \(lastSeen); "
                + "\(String(format: "%.1f", seconds)) s in all)"
    }
}

/// Tracks a progress measure and the time it last changed.
private struct StallClock<Progress: Equatable> {
    let start = ProgressWait.now()
    var last: Progress
    var lastChange = ProgressWait.now()

    init(_ first: Progress) { last = first }

    /// Notes `progress`; returns whether the wait has stalled (no change for `limit` seconds).
    mutating func stalled(_ progress: Progress, limit: Double) -> Bool {
        let now = ProgressWait.now()
        if progress != last {
            last = progress
            lastChange = now
        }
        return now - lastChange >= limit
    }

    /// One poll of a wait: its outcome once `condition` holds or the wait stalled (reported), else nil.
    mutating func check(
        _ expectation: @autoclosure () -> String, _ limit: Double, _ progress: () throws -> Progress,
        _ condition: () throws -> Bool
    ) rethrows -> Waited? {
        if try condition() { return outcome(met: true, expectation(), limit: limit) }
        guard stalled(try progress(), limit: limit) else { return nil }
        let met = try condition()
        let outcome = outcome(met: met, expectation(), limit: limit)
        if !met { reportStall(outcome) }
        return outcome
    }

    func outcome(met: Bool, _ expectation: String, limit: Double) -> Waited {
        Waited(
            met: met, expectation: expectation, lastSeen: String(describing: last),
            seconds: ProgressWait.now() - start, stallLimit: limit)
    }
}

/// Polls `condition` every `interval` until it holds; fails only when `progress` did not change for
/// `stallLimit` seconds. Sleeps with `Task.sleep`: no thread is held while waiting.
public func waitForProgress<Progress: Equatable>(
    _ expectation: @autoclosure () -> String, stallLimit: Double = ProgressWait.stallLimit,
    interval: Duration = .milliseconds(20), progress: () throws -> Progress, until condition: () throws -> Bool
) async rethrows -> Waited {
    var clock = StallClock(try progress())
    while true {
        if let outcome = try clock.check(expectation(), stallLimit, progress, condition) { return outcome }
        try? await Task.sleep(for: interval)
    }
}

/// ``waitForProgress(_:stallLimit:interval:progress:until:)`` for synchronous code: blocks the calling thread,
/// so call it only off Swift's cooperative pool (in a suite with the `.offThePool` trait, or in ``offThePool(_:)``).
public func waitForProgressBlocking<Progress: Equatable>(
    _ expectation: @autoclosure () -> String, stallLimit: Double = ProgressWait.stallLimit,
    interval: Double = 0.02, progress: () throws -> Progress, until condition: () throws -> Bool
) rethrows -> Waited {
    var clock = StallClock(try progress())
    while true {
        if let outcome = try clock.check(expectation(), stallLimit, progress, condition) { return outcome }
        usleep(useconds_t(max(0, interval) * 1_000_000))
    }
}

/// Polls `condition` until it holds or `stallLimit` seconds pass: for a single event with nothing to count on
/// the way (a unit becoming active, one log line), where the wait is the stall limit itself.
public func eventually(
    _ expectation: @autoclosure () -> String = "the condition to hold", stallLimit: Double = ProgressWait.stallLimit,
    _ condition: () throws -> Bool
) async rethrows -> Bool {
    try await waitForProgress(expectation(), stallLimit: stallLimit, progress: { 0 }, until: condition).met
}

/// Prints a stalled wait where the test log shows it, next to the expectation that then fails.
private func reportStall(_ outcome: Waited) {
    FileHandle.standardError.write(Data("⏳ \(outcome)\n".utf8))
}
