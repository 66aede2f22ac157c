/// Levenshtein distance between a wording and the prefixes of a text, for headings with a typo.
///
/// Written by hand: the pure module takes no dependency for twenty lines of dynamic programming.
enum EditDistance {
    /// For each prefix length `0...text.count` of `text`, the edit distance between `pattern` and that prefix.
    static func toPrefixes(of text: ArraySlice<Unicode.Scalar>, from pattern: [Unicode.Scalar]) -> [Int] {
        let columns = text.count
        var previous = Array(0...columns)
        var current = [Int](repeating: 0, count: columns + 1)
        for (row, p) in pattern.enumerated() {
            current[0] = row + 1
            for (column, t) in text.enumerated() {
                let substitution = previous[column] + (p == t ? 0 : 1)
                current[column + 1] = min(substitution, previous[column + 1] + 1, current[column] + 1)
            }
            swap(&previous, &current)
        }
        return previous
    }

    /// The prefix of `text` closest to `pattern` within `budget` edits: its length and distance, preferring
    /// the fewest edits, then a length nearest the pattern's.
    static func closestPrefix(of text: ArraySlice<Unicode.Scalar>, to pattern: [Unicode.Scalar], budget: Int)
        -> (length: Int, distance: Int)?
    {
        guard budget > 0, pattern.count - budget >= 1, text.count >= pattern.count - budget else { return nil }
        let window = text.prefix(pattern.count + budget)
        let distances = toPrefixes(of: window, from: pattern)
        var best: (length: Int, distance: Int)? = nil
        for length in max(1, pattern.count - budget)...window.count {
            let distance = distances[length]
            guard distance <= budget else { continue }
            if let current = best,
                (current.distance, abs(current.length - pattern.count)) <= (distance, abs(length - pattern.count))
            {
                continue
            }
            best = (length, distance)
        }
        return best
    }
}
