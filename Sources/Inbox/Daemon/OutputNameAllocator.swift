/// Chooses each report's final name in its output folder: the first ``OutputName`` candidate whose
/// report and findings names are all free on disk and not reserved by another report of the batch.
///
/// It remembers, per folder and original name, the attempt that last gave a free name, so 1,000
/// drops of one name probe once each, not 500,000 times. A hint only: every name is checked on disk
/// (`isTaken`), and one taken between the check and the move is caught by `RENAME_NOREPLACE`.
struct OutputNameAllocator: Sendable {
    /// Hints kept per folder before they are forgotten (bounded memory).
    static let hintLimit = 4096

    private var suffixHints: [OutputFolder: [FileName: Int]] = [:]
    private var reserved: [OutputFolder: Set<FileName>] = [:]

    /// Forgets the names reserved by the previous batch (they are on disk now, or were handed back).
    mutating func beginBatch() {
        reserved = [:]
    }

    /// The final name for `original` in `folder`; reserves it and its findings names for this batch.
    ///
    /// - Parameter isTaken: whether an entry of that name exists in the output folder.
    mutating func allocate(
        for original: FileName, in folder: OutputFolder, isTaken: (FileName) throws(SystemCallError) -> Bool
    ) throws(SystemCallError) -> FileName {
        var attempt = suffixHints[folder]?[original] ?? 0
        while true {
            let candidate = OutputName.candidate(for: original, attempt: attempt)
            let names = [candidate] + WorkFolder.findingsSuffixes.map { candidate.appending($0) }
            if try free(names, in: folder, isTaken: isTaken) {
                if suffixHints[folder, default: [:]].count > Self.hintLimit { suffixHints[folder] = [:] }
                suffixHints[folder, default: [:]][original] = attempt
                reserved[folder, default: []].formUnion(names)
                return candidate
            }
            attempt += 1
        }
    }

    private func free(
        _ names: [FileName], in folder: OutputFolder, isTaken: (FileName) throws(SystemCallError) -> Bool
    ) throws(SystemCallError) -> Bool {
        for name in names {
            if reserved[folder]?.contains(name) == true { return false }
            if try isTaken(name) { return false }
        }
        return true
    }
}
