import Glibc
import ReportValidation

extension DeliveryOutcome {
    /// The outcome as ``NotificationChannel`` reports it: a receipt, or an error saying whether a retry can help.
    package func receipt() throws(DeliveryError) -> DeliveryReceipt {
        switch self {
        case .delivered(let answer): return DeliveryReceipt(answer: answer)
        case .retryable(let reason, let after):
            throw DeliveryError(
                reason + (after.map { " (asked to wait \($0.components.seconds) s)" } ?? ""), transient: true, retryAfter: after)
        case .permanent(let reason): throw DeliveryError(reason, transient: false)
        }
    }
}

extension RobotChannel: NotificationChannel {
    /// Posts the whole batch as one message (the recipients are the robot's group: routing lists none).
    package func deliver(_ batch: [Delivery]) async throws(DeliveryError) -> DeliveryReceipt {
        try await send(batch.map(\.notification), nowMilliseconds: Self.nowMilliseconds()).receipt()
    }

    /// `CLOCK_REALTIME` in milliseconds: what the robots' signatures are checked against.
    static func nowMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

extension CommandHook: NotificationChannel {
    /// Runs the hook once with the whole batch on its standard input.
    package func deliver(_ batch: [Delivery]) async throws(DeliveryError) -> DeliveryReceipt {
        try await run(batch.map(\.notification)).receipt()
    }
}
