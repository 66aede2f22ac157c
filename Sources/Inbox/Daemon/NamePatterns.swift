import Glibc

/// The glob patterns (`fnmatch(3)`) of names never claimed: uploaders' and editors' temp files.
struct NamePatterns: Sendable {
    private let patterns: [[CChar]]

    init(_ patterns: [String]) {
        self.patterns = patterns.map { Array($0.utf8CString) }
    }

    /// Whether `name` (matched as raw bytes) is a temp name to leave alone.
    func ignores(_ name: FileName) -> Bool {
        let cName = name.cString
        return patterns.contains { fnmatch($0, cName, 0) == 0 }
    }
}
