import Synchronization

/// The daemon's liveness signal: `WATCHDOG=1`, sent from its event loop and only from there.
///
/// The engine calls ``beat(at:)`` on every turn of its work loop, between the reports of a batch and
/// during long inbox scans; the idle loop wakes by ``due`` at the latest. A wedged engine therefore
/// stops the pings, and systemd (`WatchdogSec=`) kills and restarts it. The inotify reader task does
/// not beat: if only it hangs, the engine still pings — a missed event is found by the safety rescan.
///
/// At most one datagram per ``interval`` (half `$WATCHDOG_USEC`, as sd_watchdog_enabled(3) advises),
/// however often the loop turns.
package final class Heartbeat: Sendable {
    /// The least time between two pings, nil when nobody watches (no watchdog: ``beat(at:)`` does nothing).
    package let interval: Duration?
    private let send: @Sendable () -> Void
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    /// - Parameters:
    ///   - interval: the least time between pings; nil disables the heartbeat.
    ///   - send: sends one ping (`WATCHDOG=1`).
    package init(interval: Duration?, send: @escaping @Sendable () -> Void) {
        self.interval = interval.map { max($0, .milliseconds(1)) }
        self.send = send
    }

    /// Pings through `notifier` every half `WatchdogSec=`; does nothing when the unit sets no watchdog.
    package convenience init(notifier: SystemdNotifier) {
        self.init(interval: notifier.watchdogPingInterval) { notifier.watchdog() }
    }

    /// No watchdog: never pings (run by hand, and in tests).
    package static let none = Heartbeat(interval: nil) {}

    /// Says "alive": pings when the last ping is at least ``interval`` old (or there was none).
    package func beat(at now: ContinuousClock.Instant = .now) {
        guard let interval else { return }
        let due = last.withLock { last -> Bool in
            if let previous = last, now - previous < interval { return false }
            last = now
            return true
        }
        if due { send() }
    }

    /// When the next ping is due: the latest an idle loop may sleep until. Nil without a watchdog.
    package var due: ContinuousClock.Instant? {
        guard let interval else { return nil }
        return last.withLock { $0 }.map { $0 + interval } ?? .now
    }
}
