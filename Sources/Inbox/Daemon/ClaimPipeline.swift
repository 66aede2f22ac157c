import Logging
import ReportValidation

/// Takes reports through `.work/` in batches: claim, judge, build the findings, commit, move out.
///
/// Every claim is finished from what its folders hold (``WorkFolder/inspect(_:)``), so a new claim, a
/// claim found after a crash and a claim retried after a fault take the same path. A batch shares two
/// durability barriers: findings are on disk before any commit, and outputs before any verdict is logged.
/// A report that processes died judging ``WorkFolder/maximumAttempts`` times is set aside unread (FILE-007).
final class ClaimPipeline {
    let layout: InboxLayout
    let work: WorkFolder
    var judge: ReportJudge
    let clock: any WallClock
    let logger: Logger
    let barrier: DurabilityBarrier
    /// Beaten before each report is judged, so a long batch keeps the watchdog fed.
    let heartbeat: Heartbeat
    /// TEST ONLY: hangs after claiming one report (nil in production).
    let testHang: TestHangSwitch?
    /// TEST ONLY: crashes while judging one report (nil in production).
    let testCrash: TestCrashSwitch?
    /// Per claim found in `.work/` at start with a judging marker: how many processes died judging
    /// it (``WorkFolder/claims()``). Only these count, never a marker this process wrote; a claim's
    /// entry goes once it is judged.
    var interruptedAttempts: [ClaimID: Int] = [:]
    private var lastClaim: ClaimID?
    /// The attempt that last gave a free name, per folder and original name: 1,000 drops of one
    /// name probe once each, not 500,000 times. A hint only; every name is checked on disk.
    private var suffixHints: [OutputFolder: [FileName: Int]] = [:]

    init(layout: InboxLayout, judge: ReportJudge, clock: any WallClock, logger: Logger, heartbeat: Heartbeat = .none,
        testHang: TestHangSwitch? = nil, testCrash: TestCrashSwitch? = nil) {
        self.layout = layout
        self.heartbeat = heartbeat
        self.testHang = testHang
        self.testCrash = testCrash
        self.work = WorkFolder(directory: layout.work)
        self.judge = judge
        self.clock = clock
        self.logger = logger
        self.barrier = DurabilityBarrier(directory: layout.work)
    }

    /// `folder/name` relative to `.work/`, for the `*at` calls.
    static func path(_ folder: FileName, _ name: FileName) -> FileName {
        FileName(folder.bytes + [UInt8(ascii: "/")] + name.bytes)
    }

    /// Claims `name` from the inbox: a new claim folder, then the rename into it.
    ///
    /// - Returns: the claim, or nil when the name is gone (claimed by a rescan, moved away).
    func claim(_ name: FileName) throws(SystemCallError) -> ClaimID? {
        let id = try work.newClaim(now: clock.now(), after: lastClaim)
        lastClaim = id
        interruptedAttempts[id] = nil  // A new claim has no past, even on a clock gone back to a stale marker.
        let moved = Result { () throws(SystemCallError) in
            try layout.inbox.move(name, to: layout.work, as: Self.path(id.claimFolder, name))
        }
        guard case .failure(let error) = moved else { return id }
        _ = Result { () throws(SystemCallError) in try layout.work.removeDirectory(id.claimFolder) }
        if error.errno == .noSuchFileOrDirectory { return nil }
        throw error
    }

    /// Claims `names` and finishes them and `claims`; what a fault interrupts is handed back to retry.
    func process(names: [FileName], claims: [ClaimID]) -> BatchReport {
        var report = BatchReport()
        var ids = claims
        for (index, name) in names.enumerated() {
            do {
                if let id = try claim(name) {
                    ids.append(id)
                    testHang?.claimed(name, logger: logger)
                }
            } catch {
                report.fault = error
                report.retryNames = Array(names[index...])
                break
            }
        }
        var staged: [StagedReport] = []
        var ready: [StagedReport] = []
        var reserved: [OutputFolder: Set<FileName>] = [:]
        for (index, id) in ids.enumerated() {
            guard report.fault == nil else {
                report.retryClaims += ids[index...]
                break
            }
            heartbeat.beat()
            do {
                switch try work.inspect(id) {
                case .finished:
                    try work.removeEmptyFolders(id)
                case .claimed(let name):
                    staged.append(try build(id, report: name, reserved: &reserved))
                case .committed(let folder, let finalName, let pieces, let name):
                    ready.append(StagedReport(id: id, folder: folder, finalName: finalName, pieces: pieces, report: name))
                case .inconsistent(let why):
                    report.inconsistent.append((id, why))
                }
            } catch {
                report.fault = error as? SystemCallError ?? SystemCallError(call: "work", errno: .ioError)
                report.retryClaims.append(id)
            }
        }
        commit(&staged, into: &ready, report: &report)
        var moved: [StagedReport] = []
        for item in ready {
            do {
                if try moveOut(item) { moved.append(item) } else { report.retryClaims.append(item.id) }
            } catch {
                report.fault = error as? SystemCallError ?? SystemCallError(call: "rename", errno: .ioError)
                report.retryClaims.append(item.id)
            }
        }
        finish(moved, report: &report)
        return report
    }

    /// Makes the built findings durable, then commits each build to its stage.
    private func commit(_ staged: inout [StagedReport], into ready: inout [StagedReport], report: inout BatchReport) {
        guard !staged.isEmpty else { return }
        do {
            try barrier.wait()
            for (index, item) in staged.enumerated() {
                do {
                    try layout.work.move(item.id.buildFolder, to: layout.work, as: item.id.stageFolder(item.folder))
                    ready.append(item)
                } catch {
                    report.fault = error
                    report.retryClaims += staged[index...].map(\.id)
                    break
                }
            }
        } catch {
            report.fault = error
            report.retryClaims += staged.map(\.id)
        }
        staged.removeAll()
    }

    /// Makes the moves durable, then tidies `.work/` and logs one line per verdict.
    private func finish(_ moved: [StagedReport], report: inout BatchReport) {
        guard !moved.isEmpty else { return }
        do {
            try barrier.wait()
        } catch {
            report.fault = error
            report.retryClaims += moved.map(\.id)
            return
        }
        for item in moved {
            do {
                try layout.work.removeFile(Self.path(item.id.stageFolder(item.folder), item.finalName))
                try work.removeEmptyFolders(item.id)
            } catch {
                report.fault = error as? SystemCallError ?? SystemCallError(call: "rmdir", errno: .ioError)
                report.retryClaims.append(item.id)
            }
            report.verdicts.append(item.folder)
            logVerdict(item)
        }
    }

    /// Judges the claimed report, or sets it aside once ``WorkFolder/maximumAttempts`` processes died
    /// judging it, and writes its findings and marker into a fresh build folder.
    ///
    /// While the report is judged and its findings rendered (what its content can crash or wedge),
    /// the judging marker counts this attempt; on every return, a verdict or a thrown fault, it goes
    /// back to the count found at start (none after a verdict). So only a process that died judging
    /// leaves a count behind, and a fault retried by ``BatchReport/retryClaims`` adds none. The count
    /// is read only at start (``interruptedAttempts``), never from a marker this process wrote.
    private func build(_ id: ClaimID, report name: FileName, reserved: inout [OutputFolder: Set<FileName>]) throws -> StagedReport {
        let started = ContinuousClock.now
        try work.discardBuild(id)
        for folder in OutputFolder.allCases { try work.removeFolder(id.stageFolder(folder)) }
        let previous = interruptedAttempts[id] ?? 0
        // Set aside, the marker stays until the claim is finished: a death before the commit sets it aside again.
        let setAside = previous >= WorkFolder.maximumAttempts
        if !setAside { try work.recordAttempts(id, previous + 1) }
        let (judgement, finalName, findings): (Judgement, FileName, (json: [UInt8], text: [UInt8]))
        do {
            (judgement, finalName, findings) = try verdict(id, report: name, setAsideAfter: setAside ? previous : nil,
                reserved: &reserved)
        } catch {
            if !setAside { try? work.recordAttempts(id, previous) }
            throw error
        }
        if !setAside {
            interruptedAttempts[id] = nil
            try work.recordAttempts(id, 0)
        }
        do {
            try layout.work.makeDirectory(id.buildFolder)
            try layout.work.createFile(Self.path(id.buildFolder, finalName.appending(".findings.json")), contents: findings.json)
            try layout.work.createFile(Self.path(id.buildFolder, finalName.appending(".findings.txt")), contents: findings.text)
            try layout.work.createFile(Self.path(id.buildFolder, finalName), contents: [])
        } catch {
            try? work.discardBuild(id)
            throw error
        }
        let pieces = Set([finalName] + WorkFolder.findingsSuffixes.map { finalName.appending($0) })
        return StagedReport(id: id, folder: judgement.folder, finalName: finalName, pieces: pieces, report: name,
            judgement: judgement, started: started)
    }

    /// The verdict (FILE-007 unread when `setAsideAfter` is set), the report's final name, and its findings.
    private func verdict(_ id: ClaimID, report name: FileName, setAsideAfter attempts: Int?,
        reserved: inout [OutputFolder: Set<FileName>]) throws -> (Judgement, FileName, (json: [UInt8], text: [UInt8]))
    {
        let path = Self.path(id.claimFolder, name)
        let judgement: Judgement
        if let attempts {
            judgement = try judge.setAside(path, in: layout.work, attempts: attempts, currentYear: clock.now().yearInChina)
        } else {
            try testCrash?.judging(name, logger: logger)
            judgement = try judge.judge(path, in: layout.work, fileName: name, currentYear: clock.now().yearInChina)
        }
        var taken = reserved[judgement.folder] ?? []
        let finalName = try freeName(for: name, in: judgement.folder, reserved: &taken)
        reserved[judgement.folder] = taken
        let findings = judge.findings(judgement, original: name, finalName: finalName, claimedAt: id.claimedAt, judgedAt: clock.now())
        return (judgement, finalName, findings)
    }

    /// The first candidate name free in the output folder (report and both findings names) and not
    /// taken by another report of this batch.
    private func freeName(for original: FileName, in folder: OutputFolder, reserved: inout Set<FileName>) throws -> FileName {
        let output = layout.output(folder)
        var attempt = suffixHints[folder]?[original] ?? 0
        while true {
            let candidate = OutputName.candidate(for: original, attempt: attempt)
            let names = [candidate] + WorkFolder.findingsSuffixes.map { candidate.appending($0) }
            if try names.allSatisfy({ name in try !reserved.contains(name) && !output.contains(name) }) {
                if suffixHints[folder, default: [:]].count > 4096 { suffixHints[folder] = [:] }
                suffixHints[folder, default: [:]][original] = attempt
                reserved.formUnion(names)
                return candidate
            }
            attempt += 1
        }
    }

    /// Moves the findings, then the report, out of `.work/`. On a name taken meanwhile (by someone
    /// else writing to the output folder), moves back what it placed and un-commits, so the report
    /// is judged again under a new name; returns false then.
    private func moveOut(_ item: StagedReport) throws -> Bool {
        let stage = item.id.stageFolder(item.folder)
        let output = layout.output(item.folder)
        do {
            for suffix in WorkFolder.findingsSuffixes {
                let piece = item.finalName.appending(suffix)
                guard item.pieces.contains(piece) else { continue }
                try layout.work.move(Self.path(stage, piece), to: output, as: piece)
            }
            if let name = item.report {
                try layout.work.move(Self.path(item.id.claimFolder, name), to: output, as: item.finalName)
            }
            return true
        } catch {
            guard error.errno == .fileExists else { throw error }
        }
        try rollBack(item)
        return false
    }

    /// Moves the findings placed in the output folder back into the stage, then turns the stage back
    /// into a build (un-commits) and discards it: the report, still claimed, is judged again.
    private func rollBack(_ item: StagedReport) throws {
        let stage = item.id.stageFolder(item.folder)
        let output = layout.output(item.folder)
        for suffix in WorkFolder.findingsSuffixes {
            let piece = item.finalName.appending(suffix)
            let inStage = try layout.work.contains(Self.path(stage, piece))
            if !inStage, try output.contains(piece) { try output.move(piece, to: layout.work, as: Self.path(stage, piece)) }
        }
        try layout.work.move(stage, to: layout.work, as: item.id.buildFolder)
        try work.discardBuild(item.id)
        logger.warning("output name taken meanwhile; judging again under a new name",
            metadata: ["nianbao_report": "\(item.finalName.shown)", "nianbao_folder": "\(item.folder.rawValue)"])
    }

    /// Logs the verdict on `item` as one entry: `message_id` (``NianbaoMessageID/accepted`` or
    /// ``NianbaoMessageID/rejected``) and the `nianbao_*` fields the catalog and `journalctl
    /// NIANBAO_VERDICT=…` use; an acceptance at info level, a rejection at warning level, a report
    /// set aside unjudged (``NianbaoMessageID/setAside``, still `NIANBAO_VERDICT=rejected`) at error level.
    private func logVerdict(_ item: StagedReport) {
        let target = "\(item.folder.rawValue)/\(item.finalName.shown)"
        let output = layout.output(item.folder)
        var metadata = (item.folder == .accepted ? NianbaoMessageID.accepted : NianbaoMessageID.rejected).metadata
        metadata["nianbao_report"] = "\(item.report?.shown ?? item.finalName.shown)"
        metadata["nianbao_verdict"] = "\(item.folder.rawValue)"
        metadata["nianbao_findings"] = "\(output.shown(item.finalName.appending(".findings.txt")))"
        let level: Logger.Level = item.folder == .accepted ? .info : .warning
        guard let judgement = item.judgement else {
            logger.log(level: level, "\(item.folder.rawValue) \(item.finalName.shown) → \(target) (finished after a restart)",
                metadata: metadata)
            return
        }
        let result = judgement.report.result
        let rules = Array(Set(result.findings.map(\.code.rawValue))).sorted().joined(separator: " ")
        metadata["nianbao_errors"] = "\(result.errors.count)"
        metadata["nianbao_warnings"] = "\(result.warnings.count)"
        metadata["nianbao_rules"] = "\(rules)"
        metadata["nianbao_duration_usec"] = "\((ContinuousClock.now - (item.started ?? .now)).microseconds)"
        if let size = judgement.size { metadata["nianbao_size"] = "\(size)" }
        if let digest = judgement.sha256 { metadata["nianbao_sha256"] = "\(digest)" }
        if let attempts = judgement.setAsideAfter {
            metadata.merge(NianbaoMessageID.setAside.metadata) { $1 }
            let why = "set aside unjudged after \(attempts) interrupted attempts (FILE-007)"
            logger.error("rejected \(item.report?.shown ?? "") → \(target): \(why)", metadata: metadata)
            return
        }
        logger.log(level: level,
            "\(item.folder.rawValue) \(item.report?.shown ?? "") → \(target) (\(result.errors.count) errors, \(result.warnings.count) warnings)",
            metadata: metadata)
    }
}

/// A claim between build and tidy-up: where it goes and under which name.
struct StagedReport {
    var id: ClaimID
    var folder: OutputFolder
    var finalName: FileName
    /// The stage's entries still to move (findings and marker).
    var pieces: Set<FileName>
    /// The report's name in the claim folder; nil once it has left.
    var report: FileName?
    /// Set when judged in this run; nil for a claim finished after a restart.
    var judgement: Judgement?
    var started: ContinuousClock.Instant?
}

/// What a batch did, and what a fault left to retry.
struct BatchReport {
    var verdicts: [OutputFolder] = []
    var fault: SystemCallError?
    /// Names still in the inbox because claiming them failed.
    var retryNames: [FileName] = []
    /// Claims left in `.work/` to finish later.
    var retryClaims: [ClaimID] = []
    /// Claims in a state the daemon never makes: left alone.
    var inconsistent: [(ClaimID, String)] = []
}

extension Duration {
    /// The duration in whole microseconds.
    var microseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
