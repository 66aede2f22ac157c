import Synchronization

/// The sends of the last minute to one robot, so that no more than its limit go out per minute.
package final class SendWindow: Sendable {
    private let sent = Mutex<[Int64]>([])
    let perMinute: Int

    package init(perMinute: Int) {
        self.perMinute = perMinute
    }

    /// Records a send at `nowMilliseconds` and returns nil, or returns how long until a slot frees up
    /// when `perMinute` sends already fall within the last 60 s.
    package func reserve(nowMilliseconds: Int64) -> Duration? {
        sent.withLock { times in
            times.removeAll { $0 <= nowMilliseconds - 60_000 || $0 > nowMilliseconds + 60_000 }
            guard times.count >= perMinute, let oldest = times.min() else {
                times.append(nowMilliseconds)
                return nil
            }
            return .milliseconds(oldest + 60_000 - nowMilliseconds)
        }
    }
}
