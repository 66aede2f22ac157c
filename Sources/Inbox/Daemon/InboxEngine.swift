import DequeModule
import Logging
import ReportValidation

/// The daemon's state and loop: what waits (queued names, settling files, claims in `.work/`),
/// what is due, and the batches that finish it. An actor: inotify events arrive through
/// ``receive(_:)`` while the work loop waits, never in the middle of a batch.
///
/// It runs on a thread of its own (``executor``): its batches block on file I/O, durability barriers
/// and PDF conversions, which must not hold the cooperative pool that shutdown and status run on.
actor InboxEngine {
    /// The engine's thread; the daemon stops it after the engine's last turn.
    nonisolated let executor: DedicatedThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// Reports per batch: one durability barrier pair is shared by up to this many.
    static let batchSize = 64
    /// Names held at most in the queue, and files settling at most (names only, never contents).
    static let queueCapacity = 50_000

    let layout: InboxLayout
    let shared: DaemonShared
    let clock: any WallClock
    let logger: Logger
    /// Makes the judge at start and at each reload (`pdftotext` is looked for again then).
    var checkers: CheckerFactory
    var settings: InboxSettings
    var patterns: NamePatterns
    let pipeline: ClaimPipeline
    /// `WATCHDOG=1` from this loop (and the pipeline's batches): a wedged engine stops it.
    let heartbeat: Heartbeat
    var queue = ReportQueue(capacity: InboxEngine.queueCapacity)
    var settling = SettleTracker(capacity: InboxEngine.queueCapacity)
    /// Claims in `.work/` to finish: found at start, or left by a fault or a name collision.
    var claimsToFinish = Deque<ClaimID>()
    var rescanNeeded = false
    var nextRescan: ContinuousClock.Instant
    var faults = FaultGate()
    var counts = (accepted: 0, rejected: 0)
    var lastProblem: String?
    /// Names already logged once: directories in the inbox, odd `.work/` entries, claim faults.
    var loggedOnce = Set<String>()

    init(
        layout: InboxLayout, settings: InboxSettings, shared: DaemonShared, clock: any WallClock, logger: Logger,
        executor: DedicatedThreadExecutor, heartbeat: Heartbeat = .none, testSwitches: TestSwitches = .none,
        history: (any ReportHistorySource)? = nil, sinks: [any VerdictSink] = []
    ) {
        self.executor = executor
        var checkers = CheckerFactory(logger: logger)
        checkers.history = history
        self.checkers = checkers
        self.layout = layout
        self.settings = settings
        self.shared = shared
        self.clock = clock
        self.logger = logger
        self.heartbeat = heartbeat
        patterns = NamePatterns(settings.ignoredNamePatterns)
        pipeline = ClaimPipeline(
            layout: layout, judge: checkers.judge(CheckerSettings(settings)),
            clock: clock, logger: logger, heartbeat: heartbeat, testSwitches: testSwitches, sinks: sinks)
        nextRescan = .now + settings.rescanInterval
    }

    /// Startup, after the watch is added: queue the inbox's names, then take up what `.work/` holds,
    /// with the judging markers that tell which claims a previous process died judging.
    func start() {
        scanInbox()
        do {
            let (ids, attempts, strangers) = try pipeline.work.claims()
            claimsToFinish = Deque(ids)
            pipeline.interruptedAttempts = attempts
            if !attempts.isEmpty {
                let limit = "a report that stops nianbao \(WorkFolder.maximumAttempts) times is set aside unjudged"
                logger.warning("\(attempts.count) claims in .work/ were being judged when nianbao stopped (\(limit))")
            }
            for name in strangers where logOnce("work:" + name.hex) {
                logger.warning("left alone in .work/: \(name.shown) is not a name the daemon makes")
            }
            if !ids.isEmpty { logger.info("finishing \(ids.count) claims found in .work/") }
        } catch {
            report(problem: "cannot list .work/: \(error)", level: .error)
        }
        publish()
    }

    /// One inotify event: a name to claim now, a file to let settle, a rescan, or a lost watch.
    func receive(_ event: InotifyEvent) throws(InboxError) {
        if !event.mask.isDisjoint(with: .watchLost) {
            logger.critical(
                "\(InboxError.watchLost(path: layout.inbox.path, event: event.mask))",
                metadata: NianbaoMessageID.watchLost.metadata([.inbox: layout.inbox.path]))
            throw .watchLost(path: layout.inbox.path, event: event.mask)
        }
        if event.mask.contains(.queueOverflow) {
            logger.notice("the inotify queue overflowed; rescanning the inbox", metadata: NianbaoMessageID.overflowRescan.metadata)
            rescanNeeded = true
        } else if !event.name.bytes.isEmpty && !patterns.ignores(event.name) {
            if event.mask.contains(.isDirectory) {
                noteDirectory(event.name)
            } else if event.mask.contains(.movedTo) {
                settling.remove(event.name)
                enqueue(event.name)
            } else if event.mask.contains(.closeWrite) && !queue.contains(event.name) {
                settle(event.name)
            } else if event.mask.contains(.create) && !queue.contains(event.name) {
                created(event.name)
            }
        }
        shared.doorbell.ring()
    }

    /// Works until cancelled: reloads, rescans, settled files, then batches of claims and names.
    /// Each turn beats the heartbeat; an idle wait ends by the next beat's due time at the latest.
    func work() async {
        while !Task.isCancelled {
            heartbeat.beat()
            applyPendingSettings()
            let now = ContinuousClock.now
            if rescanNeeded || now >= nextRescan || (queue.isEmpty && queue.overflowed) {
                _ = queue.resetOverflow()
                rescanNeeded = false
                nextRescan = now + settings.rescanInterval
                scanInbox()
            }
            promoteSettled(at: now)
            if faults.isWaiting(at: now) {
                publish()
                await shared.doorbell.wait(until: earliest(faults.retryAt, heartbeat.due))
                continue
            }
            let claims = Array(claimsToFinish.prefix(Self.batchSize))
            claimsToFinish.removeFirst(claims.count)
            let names = queue.take(upTo: Self.batchSize - claims.count)
            guard !claims.isEmpty || !names.isEmpty else {
                publish()
                await shared.doorbell.wait(until: earliest(nextWake(), heartbeat.due))
                continue
            }
            apply(pipeline.process(names: names, claims: claims), now: now)
            publish()
            await Task.yield()
        }
    }

    /// Counts verdicts, logs faults once, and keeps what a fault interrupted for the retry.
    private func apply(_ batch: BatchReport, now: ContinuousClock.Instant) {
        for folder in batch.verdicts {
            if folder == .accepted { counts.accepted += 1 } else { counts.rejected += 1 }
        }
        claimsToFinish.prepend(contentsOf: batch.retryClaims)
        for name in batch.retryNames.dropFirst() { enqueue(name) }
        for (id, why) in batch.inconsistent where logOnce("claim:" + id.hex) {
            report(problem: "left alone in .work/: \(why)", level: .error)
        }
        if let fault = batch.fault {
            let (log, wait) = faults.record(fault, now: now)
            if let name = batch.retryNames.first {
                // Claiming failed: the report is still in the inbox; a rescan after the pause retries it.
                rescanNeeded = true
                if log || logOnce("claim-fault:\(fault.errno.rawValue):" + name.hex) {
                    report(
                        problem: "cannot claim \(name.shown): \(fault); it stays in inbox/, retrying in \(wait)", level: .error,
                        metadata: VerdictLog.deferredMetadata(fault, report: layout.inbox.shown(name)))
                }
            } else if log {
                report(
                    problem: "\(fault); the report stays in .work/ with no output written, retrying in \(wait)", level: .error,
                    metadata: VerdictLog.deferredMetadata(fault, report: "a claim in \(layout.work.path)"))
            }
        } else if !batch.verdicts.isEmpty, let ended = faults.succeeded() {
            logger.notice("resumed after the fault \(ended)")
        }
    }

    /// The next time something is due: a settle deadline, the safety rescan.
    private func nextWake() -> ContinuousClock.Instant {
        min(settling.nextDeadline() ?? nextRescan, nextRescan)
    }

    /// The earlier of two optional deadlines (nil: none).
    private func earliest(_ first: ContinuousClock.Instant?, _ second: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        guard let first else { return second }
        guard let second else { return first }
        return min(first, second)
    }

    private func publish() {
        let snapshot = (backlog: queue.count + settling.count + claimsToFinish.count, counts: counts, problem: lastProblem)
        shared.statistics.withLock { statistics in
            statistics.backlog = snapshot.backlog
            statistics.accepted = snapshot.counts.accepted
            statistics.rejected = snapshot.counts.rejected
            statistics.lastProblem = snapshot.problem
        }
    }

    /// Logs `problem` at `level` with `metadata`, and keeps it as the status line's last problem.
    func report(problem: String, level: Logger.Level, metadata: Logger.Metadata? = nil) {
        lastProblem = problem
        logger.log(level: level, "\(problem)", metadata: metadata)
    }

    /// Whether `key` is logged for the first time (bounded: forgets everything past 10,000 keys).
    func logOnce(_ key: String) -> Bool {
        if loggedOnce.count >= 10_000 { loggedOnce.removeAll() }
        return loggedOnce.insert(key).inserted
    }

    /// Applies settings handed over by `reload`, keeping the root.
    private func applyPendingSettings() {
        guard
            var new = shared.pendingSettings.withLock({ pending in
                defer { pending = nil }
                return pending
            })
        else { return }
        if new.root != settings.root {
            logger.warning("the root cannot change while running (still \(settings.root)); restart to use \(new.root)")
            new.root = settings.root
        }
        settings = new
        patterns = NamePatterns(new.ignoredNamePatterns)
        // poppler-utils installed (or removed) since start: a reload is enough to notice.
        checkers.refresh(logger: logger)
        pipeline.judge = checkers.judge(CheckerSettings(new))
        nextRescan = min(nextRescan, .now + new.rescanInterval)
    }
}
