/// The known name a mistyped one most likely meant, for "did you mean …?" hints.
package enum NameSuggestion {
    /// The candidate closest to `name` (case-insensitive edit distance), if it is close enough to be a typo.
    package static func closest(to name: String, among candidates: [String]) -> String? {
        let typed = Array(name.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(typed, Array(candidate.lowercased()))
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        // Allow about one slip per three letters, at least two (transposed letters count as two).
        guard let best, best.distance <= max(2, typed.count / 3) else { return nil }
        return best.candidate
    }

    /// Levenshtein distance: the fewest insertions, deletions and substitutions turning `a` into `b`.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
