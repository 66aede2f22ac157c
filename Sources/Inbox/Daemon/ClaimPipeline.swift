import Logging
import ReportValidation

/// Takes reports through `.work/` in batches: claims them, then performs the steps each claim's
/// ``ClaimTransaction`` names (judge, build the findings, commit, move out, tidy, file).
///
/// Every claim is finished from what its folders hold (``WorkFolder/inspect(_:)``), so a new claim, a
/// claim found after a crash and a claim retried after a fault take the same path. A batch shares two
/// durability barriers: findings are on disk before any commit, and outputs before any verdict is filed
/// (``postFiling``). A report that processes died judging ``WorkFolder/maximumAttempts`` times is set
/// aside unread (FILE-007).
final class ClaimPipeline {
    let layout: InboxLayout
    let work: WorkFolder
    var judge: ReportJudge
    let clock: any WallClock
    let logger: Logger
    let barrier: DurabilityBarrier
    /// Beaten before each report is judged, so a long batch keeps the watchdog fed.
    let heartbeat: Heartbeat
    /// TEST ONLY (debug builds): hangs after claiming one report, crashes while judging one.
    let testSwitches: TestSwitches
    /// Per claim found in `.work/` at start with a judging marker: how many processes died judging
    /// it (``WorkFolder/claims()``). Only these count, never a marker this process wrote; a claim's
    /// entry goes once it is judged.
    var interruptedAttempts: [ClaimID: Int] = [:]
    private var lastClaim: ClaimID?
    /// The final names in the output folders.
    private var outputNames = OutputNameAllocator()
    /// What this batch judged, by claim, until it is filed.
    private var judged: [ClaimID: (judgement: Judgement, started: ContinuousClock.Instant, findingsJSON: [UInt8])] = [:]
    /// The journal's entries for verdicts and name collisions.
    let log: VerdictLog
    /// The steps each verdict is handed to once it is durable in its folder, in this order. The
    /// register and the notification outbox go here, one entry each (see docs/architecture.md).
    let postFiling: [any VerdictSink]

    init(
        layout: InboxLayout, judge: ReportJudge, clock: any WallClock, logger: Logger, heartbeat: Heartbeat = .none,
        testSwitches: TestSwitches = .none, sinks: [any VerdictSink] = []
    ) {
        self.layout = layout
        self.heartbeat = heartbeat
        self.testSwitches = testSwitches
        self.work = WorkFolder(directory: layout.work)
        self.judge = judge
        self.clock = clock
        self.logger = logger
        self.barrier = DurabilityBarrier(directory: layout.work)
        log = VerdictLog(logger: logger)
        // The journal entry last: a verdict in the journal is in the register's queue and the outbox.
        postFiling = sinks + [log]
    }

    #if DEBUG
        /// TEST ONLY: a pipeline that crashes (or hangs) on one report.
        convenience init(
            layout: InboxLayout, judge: ReportJudge, clock: any WallClock, logger: Logger,
            heartbeat: Heartbeat = .none, testHang: TestHangSwitch? = nil, testCrash: TestCrashSwitch?
        ) {
            self.init(
                layout: layout, judge: judge, clock: clock, logger: logger, heartbeat: heartbeat,
                testSwitches: TestSwitches(hang: testHang, crash: testCrash))
        }
    #endif

    /// The most of a findings document read back for a post-filing step (they are far smaller).
    static let findingsReadLimit = 64 << 20

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
    ///
    /// Each claim is a ``ClaimTransaction`` driven step by step (``drive(_:_:report:)``) up to a
    /// durability barrier; the batch shares each barrier, then the transactions waiting on it go on.
    func process(names: [FileName], claims: [ClaimID]) -> BatchReport {
        var report = BatchReport()
        var ids = claims
        for (index, name) in names.enumerated() {
            do {
                if let id = try claim(name) {
                    ids.append(id)
                    #if DEBUG
                        testSwitches.hang?.claimed(name, logger: logger)
                    #endif
                }
            } catch {
                report.record(error)
                report.retryNames = Array(names[index...])
                break
            }
        }
        outputNames.beginBatch()
        judged = [:]
        // Inspect each claim and take it as far as it goes alone; a fault stops new work on the batch.
        var waiting: [ClaimTransaction] = []
        for (index, id) in ids.enumerated() {
            guard report.fault == nil else {
                report.retryClaims += ids[index...]
                break
            }
            heartbeat.beat()
            var transaction = ClaimTransaction(id: id, interruptedAttempts: interruptedAttempts[id] ?? 0)
            if drive(&transaction, ClaimTransaction.start, report: &report) != .none { waiting.append(transaction) }
        }
        // The findings barrier, then commit and move out; the output barrier, then tidy and file.
        waiting = pass(.awaitFindingsBarrier, .findingsDurable, waiting, report: &report)
        waiting = pass(.awaitOutputBarrier, .outputsDurable, waiting, report: &report)
        assert(waiting.isEmpty, "every transaction ends after the output barrier")
        return report
    }

    /// Waits once on the barrier for every transaction at `barrier` and drives each on with `passed`
    /// (or with the barrier's fault); returns the transactions then waiting on a later barrier.
    private func pass(
        _ barrier: ClaimTransaction.Action, _ passed: ClaimTransaction.Event, _ transactions: [ClaimTransaction],
        report: inout BatchReport
    ) -> [ClaimTransaction] {
        let due = transactions.filter { $0.waitingOn == barrier }
        var later = transactions.filter { $0.waitingOn != barrier }
        guard !due.isEmpty else { return later }
        let outcome = Result { () throws(SystemCallError) in try self.barrier.wait() }
        let faultsBefore = report.faultCount
        for var transaction in due {
            let event: ClaimTransaction.Event
            switch outcome {
            case .success:
                // After a fault on a commit or a move, the batch's other commits wait for the retry
                // (their builds are durable; they are judged again). Tidying goes on: those verdicts stand.
                if barrier == .awaitFindingsBarrier, report.faultCount > faultsBefore {
                    report.retryClaims.append(transaction.id)
                    continue
                }
                event = passed
            case .failure(let fault):
                event = .failed(fault)
            }
            if drive(&transaction, transaction.event(event), report: &report) != .none { later.append(transaction) }
        }
        return later
    }

    /// Performs `action` and the steps that follow it, until the transaction waits on a barrier
    /// (returned) or ends (`.none`): filed, handed back to retry, or left alone.
    private func drive(
        _ transaction: inout ClaimTransaction, _ action: ClaimTransaction.Action,
        report: inout BatchReport
    ) -> ClaimTransaction.Action {
        var action = action
        while true {
            switch action {
            case .awaitFindingsBarrier, .awaitOutputBarrier:
                return action
            case .none:
                return .none
            case .retry(let fault):
                if let fault { report.record(fault) }
                report.retryClaims.append(transaction.id)
                return .none
            case .leaveAlone(let why):
                report.inconsistent.append((transaction.id, why))
                return .none
            case .file(let placement, let retry):
                if let retry {
                    report.record(retry)
                    report.retryClaims.append(transaction.id)
                }
                report.verdicts.append(placement.folder)
                file(transaction.id, placement)
                return .none
            default:
                action = transaction.event(perform(action, for: transaction.id))
            }
        }
    }

    /// Performs one step of claim `id` on the file system and says what happened.
    private func perform(_ action: ClaimTransaction.Action, for id: ClaimID) -> ClaimTransaction.Event {
        do throws(SystemCallError) {
            switch action {
            case .inspect:
                return .inspected(try work.inspect(id))
            case .removeEmptyFolders:
                try work.removeEmptyFolders(id)
                return .emptied
            case .judge(let name):
                return .built(try build(id, report: name, setAsideAfter: nil))
            case .setAside(let name, let attempts):
                return .built(try build(id, report: name, setAsideAfter: attempts))
            case .commit(let placement):
                try layout.work.move(id.buildFolder, to: layout.work, as: id.stageFolder(placement.folder))
                return .committed
            case .moveOut(let placement):
                return try moveOut(id, placement) ? .movedOut : .nameTaken
            case .rollBack(let placement):
                try rollBack(id, placement)
                return .rolledBack
            case .tidy(let placement):
                try layout.work.removeFile(Self.path(id.stageFolder(placement.folder), placement.finalName))
                try work.removeEmptyFolders(id)
                return .tidied
            case .awaitFindingsBarrier, .awaitOutputBarrier, .file, .retry, .leaveAlone, .none:
                preconditionFailure("\(action) is not a file-system step")
            }
        } catch {
            return .failed(error)
        }
    }

    /// Hands the durable verdict to every post-filing step.
    private func file(_ id: ClaimID, _ placement: Placement) {
        let judged = judged.removeValue(forKey: id)
        let output = layout.output(placement.folder)
        // A claim committed before a restart: its findings document is read back from the output folder.
        let findingsJSON =
            judged?.findingsJSON
            ?? (try? output.readFile(placement.finalName.appending(WorkFolder.findingsSuffixes[0]), limit: Self.findingsReadLimit)) ?? nil
        let verdict = FiledVerdict(
            claim: id, folder: placement.folder, finalName: placement.finalName, original: placement.report,
            findingsPath: output.shown(placement.finalName.appending(".findings.txt")),
            judgement: judged?.judgement, duration: judged.map { ContinuousClock.now - $0.started }, filedAt: clock.now(),
            findingsJSON: findingsJSON)
        for sink in postFiling { sink.filed(verdict) }
    }

    /// Judges the claimed report, or sets it aside after `setAsideAfter` interrupted attempts (FILE-007),
    /// and writes its findings and marker into a fresh build folder.
    ///
    /// While the report is judged and its findings rendered (what its content can crash or wedge),
    /// the judging marker counts this attempt; on every return, a verdict or a thrown fault, it goes
    /// back to the count found at start (none after a verdict). So only a process that died judging
    /// leaves a count behind, and a fault retried by ``BatchReport/retryClaims`` adds none. The count
    /// is read only at start (``interruptedAttempts``), never from a marker this process wrote.
    private func build(_ id: ClaimID, report name: FileName, setAsideAfter: Int?) throws(SystemCallError) -> Placement {
        let started = ContinuousClock.now
        try work.discardBuild(id)
        for folder in OutputFolder.allCases { try work.removeFolder(id.stageFolder(folder)) }
        let previous = interruptedAttempts[id] ?? 0
        // Set aside, the marker stays until the claim is finished: a death before the commit sets it aside again.
        let setAside = setAsideAfter != nil
        if !setAside { try work.recordAttempts(id, previous + 1) }
        let (judgement, finalName, findings): (Judgement, FileName, FindingsFiles)
        do {
            (judgement, finalName, findings) = try verdict(id, report: name, setAsideAfter: setAsideAfter)
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
            for piece in findings.pieces {
                try layout.work.createFile(Self.path(id.buildFolder, finalName.appending(piece.suffix)), contents: piece.contents)
            }
            try layout.work.createFile(Self.path(id.buildFolder, finalName), contents: [])
        } catch {
            try? work.discardBuild(id)
            throw error
        }
        judged[id] = (judgement, started, findings.json)
        let pieces = Set([finalName] + WorkFolder.findingsSuffixes.map { finalName.appending($0) })
        return Placement(folder: judgement.folder, finalName: finalName, pieces: pieces, report: name)
    }

    /// The verdict (FILE-007 unread when `setAsideAfter` is set), the report's final name, and its findings.
    private func verdict(_ id: ClaimID, report name: FileName, setAsideAfter attempts: Int?) throws(SystemCallError)
        -> (Judgement, FileName, FindingsFiles)
    {
        let path = Self.path(id.claimFolder, name)
        let judgement: Judgement
        if let attempts {
            judgement = try judge.setAside(path, in: layout.work, attempts: attempts, currentYear: clock.now().yearInChina)
        } else {
            #if DEBUG
                try testSwitches.crash?.judging(name, logger: logger)
            #endif
            judgement = try judge.judge(path, in: layout.work, fileName: name, currentYear: clock.now().yearInChina)
        }
        let output = layout.output(judgement.folder)
        let finalName = try outputNames.allocate(for: name, in: judgement.folder) { (candidate) throws(SystemCallError) in
            try output.contains(candidate)
        }
        let findings = judge.findings(judgement, original: name, finalName: finalName, claimedAt: id.claimedAt, judgedAt: clock.now())
        return (judgement, finalName, findings)
    }

    /// Moves the findings, then the report, out of `.work/` (`RENAME_NOREPLACE`); false when a name
    /// was taken meanwhile (by someone else writing to the output folder), nothing moved back yet.
    private func moveOut(_ id: ClaimID, _ placement: Placement) throws(SystemCallError) -> Bool {
        let stage = id.stageFolder(placement.folder)
        let output = layout.output(placement.folder)
        do {
            for suffix in WorkFolder.findingsSuffixes {
                let piece = placement.finalName.appending(suffix)
                guard placement.pieces.contains(piece) else { continue }
                try layout.work.move(Self.path(stage, piece), to: output, as: piece)
            }
            if let name = placement.report {
                try layout.work.move(Self.path(id.claimFolder, name), to: output, as: placement.finalName)
            }
            return true
        } catch  where error.errno == .fileExists {
            return false
        }
    }

    /// Moves the findings placed in the output folder back into the stage, then turns the stage back
    /// into a build (un-commits) and discards it: the report, still claimed, is judged again.
    private func rollBack(_ id: ClaimID, _ placement: Placement) throws(SystemCallError) {
        let stage = id.stageFolder(placement.folder)
        let output = layout.output(placement.folder)
        for suffix in WorkFolder.findingsSuffixes {
            let piece = placement.finalName.appending(suffix)
            let inStage = try layout.work.contains(Self.path(stage, piece))
            if !inStage, try output.contains(piece) { try output.move(piece, to: layout.work, as: Self.path(stage, piece)) }
        }
        try layout.work.move(stage, to: layout.work, as: id.buildFolder)
        try work.discardBuild(id)
        log.nameTaken(placement.finalName, in: placement.folder)
    }
}

/// What a batch did, and what a fault left to retry.
struct BatchReport {
    var verdicts: [OutputFolder] = []
    /// The last fault of the batch.
    var fault: SystemCallError?
    /// How many steps of the batch failed.
    var faultCount = 0
    /// Names still in the inbox because claiming them failed.
    var retryNames: [FileName] = []
    /// Claims left in `.work/` to finish later.
    var retryClaims: [ClaimID] = []
    /// Claims in a state the daemon never makes: left alone.
    var inconsistent: [(ClaimID, String)] = []

    mutating func record(_ fault: SystemCallError) {
        self.fault = fault
        faultCount += 1
    }
}
