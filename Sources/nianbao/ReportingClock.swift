import Glibc

/// The calendar year now, in China Standard Time (UTC+8, no daylight saving): the date rules' "current year".
enum ReportingClock {
    static func currentYear() -> Int {
        var now = time(nil) + 8 * 3600
        var parts = tm()
        guard gmtime_r(&now, &parts) != nil else { return 1970 }
        return Int(parts.tm_year) + 1900
    }
}
