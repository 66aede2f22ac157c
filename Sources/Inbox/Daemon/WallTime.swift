import Glibc

/// A point in wall-clock time, to the nanosecond: claim names, file times and the findings' stamps.
package struct WallTime: Hashable, Sendable, Comparable {
    package var nanosecondsSinceEpoch: Int64

    package init(nanosecondsSinceEpoch: Int64) { self.nanosecondsSinceEpoch = nanosecondsSinceEpoch }

    init(_ time: FileTime) {
        nanosecondsSinceEpoch = Int64(time.seconds) * 1_000_000_000 + Int64(time.nanoseconds)
    }

    package static func < (lhs: WallTime, rhs: WallTime) -> Bool { lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch }

    /// `2024-05-01T08:30:12.345Z`: RFC 3339 in UTC with milliseconds.
    package var rfc3339: String {
        let (seconds, nanoseconds) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000_000)
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return "1970-01-01T00:00:00.000Z" }
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(nanoseconds / 1_000_000), 3))Z"
    }

    /// The calendar year in China Standard Time (UTC+8): the date rules' "current year".
    package var yearInChina: Int {
        var time = time_t(nanosecondsSinceEpoch / 1_000_000_000 + 8 * 3600)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return 1970 }
        return Int(parts.tm_year) + 1900
    }
}

/// Where the daemon reads the wall-clock time; tests inject a fixed one.
package protocol WallClock: Sendable {
    func now() -> WallTime
}

/// `clock_gettime(CLOCK_REALTIME)`.
package struct SystemWallClock: WallClock {
    package init() {}

    package func now() -> WallTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallTime(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
