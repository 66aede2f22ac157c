import Glibc

/// One assignment of the sd_notify(3) protocol, such as `READY=1` or `STATUS=…`.
///
/// Several states go out in one datagram (newline-separated), so `RELOADING=1` and its
/// `MONOTONIC_USEC=` arrive together as systemd requires.
package enum NotifyState: Sendable, Equatable {
    /// `READY=1`: start-up (or a reload) is finished; a `Type=notify` unit becomes active.
    case ready
    /// `STATUS=…`: the one-line summary `systemctl status` shows.
    case status(String)
    /// `WATCHDOG=1`: the event loop is alive; sent every half `WatchdogSec=`.
    case watchdog
    /// `STOPPING=1`: shutdown has begun (the file in hand is being finished or put back).
    case stopping
    /// `RELOADING=1`: the config is being re-read; systemd wants `MONOTONIC_USEC=` with it.
    case reloading
    /// `MONOTONIC_USEC=…`: CLOCK_MONOTONIC in microseconds, sent with ``reloading``.
    case monotonicUsec(UInt64)
    /// `ERRNO=…`: the errno of a failure, shown by `systemctl status`.
    case errno(Int32)

    /// The `KEY=value` line; a status is folded to one line, since a newline ends the assignment.
    package var assignment: String {
        switch self {
        case .ready: "READY=1"
        case .status(let text): "STATUS=" + Self.oneLine(text)
        case .watchdog: "WATCHDOG=1"
        case .stopping: "STOPPING=1"
        case .reloading: "RELOADING=1"
        case .monotonicUsec(let usec): "MONOTONIC_USEC=\(usec)"
        case .errno(let code): "ERRNO=\(code)"
        }
    }

    /// The datagram for `states`: their assignments, one per line.
    package static func message(_ states: [NotifyState]) -> String {
        states.map(\.assignment).joined(separator: "\n")
    }

    /// The current CLOCK_MONOTONIC time in microseconds (the clock systemd compares reloads against).
    package static func monotonicNow() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }

    /// Line breaks and other control characters as spaces.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : Character($0) })
    }
}
