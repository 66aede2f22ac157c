import CSystemd
import Glibc
import Logging
import Synchronization

/// Tells the service manager about the daemon's life through sd_notify(3): readiness, a live
/// status line, watchdog pings, reloads and shutdown.
///
/// Without `$NOTIFY_SOCKET` (run by hand, or in tests) every call is a cheap no-op. A failed
/// send is logged once at warning level, then only at debug level, so a lost socket cannot flood the log.
package final class SystemdNotifier: Sendable {
    /// Whether a service manager listens (`$NOTIFY_SOCKET` was set when the notifier was made).
    package let isSupervised: Bool
    /// `WatchdogSec=` of the unit when the manager expects `WATCHDOG=1` from this process, else nil.
    package let watchdogInterval: Duration?
    private let logger: Logger
    private let send: @Sendable (String) -> Int32
    private let barrier: @Sendable () -> Int32
    private let failureReported = Atomic<Bool>(false)

    /// Reads `$NOTIFY_SOCKET` and `$WATCHDOG_USEC`/`$WATCHDOG_PID` once; sends with libsystemd's sd_notify.
    package convenience init(logger: Logger) {
        self.init(
            logger: logger, environment: .current,
            send: { message in message.withCString { nianbao_sd_notify($0) } },
            barrier: { nianbao_sd_notify_barrier(5_000_000) })
    }

    /// For tests: an explicit environment reading and sending function (returns sd_notify's result).
    init(
        logger: Logger, environment: NotifyEnvironment, send: @escaping @Sendable (String) -> Int32,
        barrier: @escaping @Sendable () -> Int32 = { 0 }
    ) {
        self.logger = logger
        self.isSupervised = environment.notifySocket != nil
        self.watchdogInterval = environment.watchdogUsec.map { .microseconds(Int64(clamping: $0)) }
        self.send = send
        self.barrier = barrier
    }

    /// How often to send `WATCHDOG=1`: half the interval, as sd_watchdog_enabled(3) advises; nil without a watchdog.
    package var watchdogPingInterval: Duration? {
        watchdogInterval.map { $0 / 2 }
    }

    /// `READY=1` with the first status line: the watch is added and the start-up backlog enqueued.
    package func ready(status: String? = nil) {
        notify([.ready] + (status.map { [.status($0)] } ?? []))
    }

    /// `STATUS=…`: replaces the line `systemctl status nianbao` shows.
    package func status(_ text: String) {
        notify([.status(text)])
    }

    /// `WATCHDOG=1`, only when the unit has a watchdog for this process; call it from the healthy event loop.
    package func watchdog() {
        guard watchdogInterval != nil else { return }
        notify([.watchdog])
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=`: a SIGHUP reload begins; finish it with ``ready(status:)``.
    package func reloading(status: String? = nil) {
        notify([.reloading, .monotonicUsec(NotifyState.monotonicNow())] + (status.map { [.status($0)] } ?? []))
    }

    /// `STOPPING=1`: SIGTERM received, the file in hand is being finished or returned.
    package func stopping(status: String? = nil) {
        notify([.stopping] + (status.map { [.status($0)] } ?? []))
    }

    /// `STATUS=` and `ERRNO=`: the daemon is failing for `code` (shown by `systemctl status`). Waits up
    /// to 5 s for the manager to take it in (sd_notify_barrier), since the process exits right after.
    package func failed(errno code: Int32, status: String) {
        guard notify([.status(status), .errno(code)]) else { return }
        let result = barrier()
        if result < 0 { logger.debug("sd_notify_barrier failed", metadata: ["errno": "\(-result)"]) }
    }

    /// Sends `states` in one datagram; returns whether the manager got it (false when unsupervised).
    @discardableResult
    package func notify(_ states: [NotifyState]) -> Bool {
        guard isSupervised, !states.isEmpty else { return false }
        let result = send(NotifyState.message(states))
        if result > 0 { return true }
        // 0 means "no socket" to libsystemd; negative is -errno.
        let level: Logger.Level = failureReported.exchange(true, ordering: .relaxed) ? .debug : .warning
        logger.log(
            level: level, "sd_notify failed",
            metadata: [
                "notify": "\(states.first?.assignment ?? "")", "errno": "\(-result)",
                "error": "\(String(cString: strerror(-result)))",
            ])
        return false
    }
}

/// What the sd_notify protocol reads from the environment, captured once.
struct NotifyEnvironment: Sendable {
    /// `$NOTIFY_SOCKET`, nil when unset or empty.
    var notifySocket: String?
    /// `$WATCHDOG_USEC` when it is meant for this process (sd_watchdog_enabled > 0), else nil.
    var watchdogUsec: UInt64?

    /// The process's own environment, checked by libsystemd (including `$WATCHDOG_PID`).
    static var current: NotifyEnvironment {
        let socket = getenv("NOTIFY_SOCKET").map { String(cString: $0) }
        var usec: UInt64 = 0
        let enabled = nianbao_sd_watchdog_enabled(&usec) > 0 && usec > 0
        return NotifyEnvironment(
            notifySocket: socket?.isEmpty == false ? socket : nil,
            watchdogUsec: enabled ? usec : nil)
    }
}
