/// A systemd time span as administrators write it in unit and config files: `2s`, `500ms`, `1min 30s`.
///
/// Follows `systemd.time(7)`: one or more number-and-unit parts, summed; a bare number is seconds;
/// numbers may have a fraction (`1.5s`). Only positive, finite spans are accepted.
package enum TimeSpan {
    /// Unit names of `systemd.time(7)` and their length in microseconds (`m` is minutes, as in systemd).
    static let units: [(names: [String], microseconds: Int64)] = [
        (["usec", "us", "µs", "μs"], 1),
        (["msec", "ms"], 1_000),
        (["seconds", "second", "sec", "s"], 1_000_000),
        (["minutes", "minute", "min", "m"], 60_000_000),
        (["hours", "hour", "hr", "h"], 3_600_000_000),
        (["days", "day", "d"], 86_400_000_000),
        (["weeks", "week", "w"], 604_800_000_000),
    ]

    /// Parses `text`; nil when it is empty, malformed, zero, or longer than a century.
    package static func parse(_ text: String) -> Duration? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var total: Double = 0
        var parts = 0
        var sawBareNumber = false
        while true {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            guard index < scalars.count else { break }
            // The number: digits with an optional fraction.
            let numberStart = index
            while index < scalars.count, isDigitOrPoint(scalars[index]) { index += 1 }
            let numberText = String(String.UnicodeScalarView(scalars[numberStart..<index]))
            guard !numberText.isEmpty, numberText.filter({ $0 == "." }).count <= 1, numberText != ".",
                let number = Double(numberText)
            else { return nil }
            // The unit: letters up to the next digit or space (spaces between number and unit are allowed).
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            let unitStart = index
            while index < scalars.count, !isDigitOrPoint(scalars[index]), !scalars[index].properties.isWhitespace {
                index += 1
            }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            let microseconds: Int64
            if unit.isEmpty {
                microseconds = 1_000_000
                sawBareNumber = true
            } else if let match = units.first(where: { $0.names.contains(unit) }) {
                microseconds = match.microseconds
            } else {
                return nil
            }
            total += number * Double(microseconds)
            parts += 1
        }
        // A bare number is only a span on its own ("2" = 2s); "1min 30" is a typo, not 1min 30s.
        guard parts > 0, !(sawBareNumber && parts > 1) else { return nil }
        let microseconds = total.rounded()
        guard microseconds >= 1, microseconds <= 100 * 365 * 86_400_000_000 else { return nil }
        return .microseconds(Int64(microseconds))
    }

    /// The span in systemd's notation, largest units first: `2s`, `500ms`, `1min 30s`.
    package static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        var rest = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
        guard rest > 0 else { return "0" }
        let steps: [(String, Int64)] = [
            ("d", 86_400_000_000), ("h", 3_600_000_000), ("min", 60_000_000),
            ("s", 1_000_000), ("ms", 1_000), ("us", 1),
        ]
        var parts: [String] = []
        for (name, size) in steps where rest >= size {
            parts.append("\(rest / size)\(name)")
            rest %= size
        }
        return parts.joined(separator: " ")
    }

    private static func isDigitOrPoint(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || scalar == "."
    }
}
