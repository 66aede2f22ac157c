/// The private `.work/` folder: where a claimed report waits, and where its findings are built and
/// committed, so that a crash at any instant leaves a state ``ClaimState`` can name and finish.
///
/// Per claim `<id>` (see ``ClaimID``), in the order they are made:
/// 1. `<id>/` is created, then the report is renamed into it under its original name (the claim).
/// 2. While the report is judged, an empty file `<id>.judging-<n>` counts the attempt: `n` is one
///    more than the count found when the process started. Once judging returns, with a verdict or
///    a fault, the marker goes back to that count (none after a verdict), so a marker found at start
///    means a process died while judging. At ``maximumAttempts`` the report is not judged again but
///    set aside (rejected unread, FILE-007) and the marker stays until the claim is finished.
/// 3. `<id>.build/` receives `F.findings.json`, `F.findings.txt`, `F.findings.html` and an empty marker `F`, where `F`
///    is the report's final name in the output folder.
/// 4. `<id>.build/` is renamed to `<id>.accepted/` or `<id>.rejected/` (the commit).
/// 5. The findings, then the report (`<id>/name` → `F`), then nothing else, are moved out with
///    `RENAME_NOREPLACE`; then the marker `F`, the stage, any judging marker and `<id>/` are removed.
///
/// The judging count lives in the page cache, not fsynced: it survives the death of the process,
/// which is what it counts; a machine crash may lose it, and the report then gets its attempts anew.
struct WorkFolder: Sendable {
    let directory: DirectoryHandle

    /// The suffixes of the three findings files beside a report (JSON, text note, findings page).
    static let findingsSuffixes = [".findings.json", ".findings.txt", ".findings.html"]

    /// Processes that may die while judging one report before it is set aside unjudged.
    static let maximumAttempts = 2

    /// Makes a new, empty claim folder; the id comes from `now`, counted up past any existing one.
    func newClaim(now: WallTime, after previous: ClaimID?) throws(SystemCallError) -> ClaimID {
        var value = max(UInt64(bitPattern: now.nanosecondsSinceEpoch), (previous?.value ?? 0) &+ 1)
        while true {
            let id = ClaimID(value: value)
            do {
                try directory.makeDirectory(id.claimFolder)
                return id
            } catch  where error.errno == .fileExists {
                value &+= 1
            }
        }
    }

    /// Every claim with an entry in `.work/`, oldest first; the judging count of each claim with a
    /// judging marker (the highest, should a crash have left two); and the names of no claim.
    func claims() throws(SystemCallError) -> (ids: [ClaimID], attempts: [ClaimID: Int], strangers: [FileName]) {
        var ids = Set<ClaimID>()
        var attempts: [ClaimID: Int] = [:]
        var strangers: [FileName] = []
        try directory.forEachEntry { (name, _) throws(SystemCallError) in
            if let (id, role) = ClaimID.parse(name) {
                ids.insert(id)
                if case .judging(let count) = role { attempts[id] = max(attempts[id] ?? 0, count) }
            } else {
                strangers.append(name)
            }
        }
        return (ids.sorted(), attempts, strangers)
    }

    /// Sets the judging count of `id`: creates `<id>.judging-<count>` (none for 0), then removes the
    /// claim's other judging markers. Not fsynced (see the type's notes).
    func recordAttempts(_ id: ClaimID, _ count: Int) throws(SystemCallError) {
        if count > 0, try !directory.contains(id.judgingMarker(count)) {
            try directory.createFile(id.judgingMarker(count), contents: [])
        }
        for other in 1...Self.maximumAttempts where other != count {
            try ignoringAbsence { () throws(SystemCallError) in try directory.removeFile(id.judgingMarker(other)) }
        }
    }

    /// The entries of `name` in `.work/`, or nil when it does not exist.
    func entries(of name: FileName) throws(SystemCallError) -> [FileName]? {
        let folder: DirectoryHandle
        do {
            folder = try directory.subdirectory(name)
        } catch  where error.errno == .noSuchFileOrDirectory {
            return nil
        }
        return try folder.entries()
    }

    /// Reads what the claim's folders hold and names its state (see ``ClaimState``).
    func inspect(_ id: ClaimID) throws(SystemCallError) -> ClaimState {
        let claimed = try entries(of: id.claimFolder) ?? []
        guard claimed.count <= 1 else {
            return .inconsistent("\(id.hex)/ holds \(claimed.count) entries; a claim holds one report")
        }
        var stages: [(OutputFolder, [FileName])] = []
        for folder in OutputFolder.allCases {
            if let names = try entries(of: id.stageFolder(folder)), !names.isEmpty { stages.append((folder, names)) }
        }
        guard stages.count <= 1 else { return .inconsistent("\(id.hex) has both an accepted and a rejected stage") }
        if let (folder, names) = stages.first {
            guard let finalName = Self.finalName(among: names) else {
                return .inconsistent("\(id.hex).\(folder.rawValue)/ holds names that are not one report's findings")
            }
            return .committed(folder: folder, finalName: finalName, pieces: Set(names), report: claimed.first)
        }
        if let report = claimed.first { return .claimed(report: report) }
        return .finished
    }

    /// In a committed stage, the marker is the shortest name `F`; every other name must be `F`
    /// plus a findings suffix. Returns nil when that does not hold.
    static func finalName(among names: [FileName]) -> FileName? {
        guard let shortest = names.min(by: { $0.bytes.count < $1.bytes.count }) else { return nil }
        let allowed = Set([shortest] + findingsSuffixes.map { shortest.appending($0) })
        return names.allSatisfy(allowed.contains) ? shortest : nil
    }

    /// Removes the build folder and everything in it (only files the daemon wrote are ever there).
    func discardBuild(_ id: ClaimID) throws(SystemCallError) {
        try removeFolder(id.buildFolder)
    }

    /// Removes `name` and the files in it; nothing when it does not exist.
    func removeFolder(_ name: FileName) throws(SystemCallError) {
        guard let names = try entries(of: name) else { return }
        if !names.isEmpty {
            let folder = try directory.subdirectory(name)
            for entry in names { try ignoringAbsence { () throws(SystemCallError) in try folder.removeFile(entry) } }
        }
        try ignoringAbsence { () throws(SystemCallError) in try directory.removeDirectory(name) }
    }

    /// Removes the folders of a claim that holds nothing any more: stages, build, judging markers,
    /// then the claim folder last.
    func removeEmptyFolders(_ id: ClaimID) throws(SystemCallError) {
        for folder in OutputFolder.allCases {
            try ignoringAbsence { () throws(SystemCallError) in try directory.removeDirectory(id.stageFolder(folder)) }
        }
        try discardBuild(id)
        try recordAttempts(id, 0)
        try ignoringAbsence { () throws(SystemCallError) in try directory.removeDirectory(id.claimFolder) }
    }

    private func ignoringAbsence(_ body: () throws(SystemCallError) -> Void) throws(SystemCallError) {
        do {
            try body()
        } catch  where error.errno == .noSuchFileOrDirectory {
        }
    }
}

/// What a claim's folders in `.work/` hold, and so what finishing it takes.
enum ClaimState: Hashable, Sendable {
    /// Nothing is held: the report left (or never came); only empty folders, perhaps a judging marker, remain.
    case finished
    /// The report waits in the claim folder, not committed: judge it (a stale build is discarded), or
    /// set it aside when processes died judging it ``WorkFolder/maximumAttempts`` times.
    case claimed(report: FileName)
    /// Committed to `folder` under `finalName`: move the `pieces` still in the stage out, then the
    /// report from the claim folder (`report`, nil once it is out), then tidy up.
    case committed(folder: OutputFolder, finalName: FileName, pieces: Set<FileName>, report: FileName?)
    /// Not a state the daemon makes; left alone and logged.
    case inconsistent(String)
}
