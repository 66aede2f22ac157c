/// Splits digit runs into values when a crawler glued the cells of a row together
/// (`640020470` → 64, 0, 0, 2, 0, 4, 70), keeping only splits that satisfy the table's identities.
///
/// A split never puts a leading zero on a multi-digit value, and respects the boundaries that the
/// source did keep (white space between runs). It reports every valid split up to `limit`, so the
/// caller can tell a unique reading from an ambiguous one.
enum DigitSplitter {
    /// Longest value considered for one cell.
    static let maxDigits = 7
    /// Search steps one row may take. The real glued rows seen need under 500; a crafted run of 60 digits
    /// into 15 values would otherwise search for seconds (found by `scripts/fuzz glued`).
    static let maxSteps = 100_000

    /// All ways (up to `limit`) to read `runs` as exactly `count` integers that pass `accept`.
    static func splits(
        _ runs: [String], into count: Int, limit: Int = 64, accept: ([Int]) -> Bool
    ) -> [[Int]] {
        let digitRuns = runs.map { Array($0.utf8).map { Int($0) - 48 } }
        guard !digitRuns.isEmpty, digitRuns.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (0...9).contains($0) } }),
            count >= runs.count, count <= digitRuns.reduce(0, { $0 + $1.count })
        else { return [] }
        var results: [[Int]] = []
        var current: [Int] = []
        current.reserveCapacity(count)
        var steps = 0
        // Fewest values the runs after each run need (at most `maxDigits` digits a value): a reading that
        // cannot fit the digits into the values left is dropped at once, not searched to the step limit.
        var fewestAfter = [Int](repeating: 0, count: digitRuns.count)
        for run in stride(from: digitRuns.count - 2, through: 0, by: -1) {
            fewestAfter[run] = fewestAfter[run + 1] + (digitRuns[run + 1].count + maxDigits - 1) / maxDigits
        }

        func place(run: Int, offset: Int) {
            if results.count >= limit || steps > maxSteps { return }
            steps += 1
            let digits = digitRuns[run]
            if offset == digits.count {
                if run + 1 == digitRuns.count {
                    if current.count == count, accept(current) { results.append(current) }
                } else {
                    place(run: run + 1, offset: 0)
                }
                return
            }
            // Values still needed must fit in the digits left, one digit at least each.
            let remainingRuns = digitRuns.count - run - 1
            let digitsLeftAfterThisRun = digitRuns[(run + 1)...].reduce(0) { $0 + $1.count }
            let valuesLeft = count - current.count
            if valuesLeft <= remainingRuns { return }
            if valuesLeft < (digits.count - offset + maxDigits - 1) / maxDigits + fewestAfter[run] { return }
            let maxLength = digits[offset] == 0 ? 1 : min(maxDigits, digits.count - offset)
            for length in 1...maxLength {
                let left = digits.count - offset - length
                let valuesAfter = valuesLeft - 1
                // Each later value needs a digit; each later run needs a value.
                if valuesAfter > left + digitsLeftAfterThisRun { continue }
                if left == 0 && valuesAfter < remainingRuns { continue }
                if left > 0 && valuesAfter < remainingRuns + 1 { continue }
                var value = 0
                for d in digits[offset..<(offset + length)] { value = value * 10 + d }
                current.append(value)
                place(run: run, offset: offset + length)
                current.removeLast()
            }
        }
        place(run: 0, offset: 0)
        return results
    }
}
