import Logging
import Synchronization

/// The inbox daemon: watches `inbox/`, judges every report that arrives, and moves it with its
/// findings into `accepted/` or `rejected/` — exactly once, also across a crash.
///
/// `run()` prepares the layout (refusing one that cannot be moved atomically), adds the inotify
/// watch, scans the inbox, finishes what `.work/` holds, and then works until its task is
/// cancelled. A lost watch ends it with ``InboxError/watchLost(path:event:)``.
package final class InboxDaemon: Sendable {
    private let shared: DaemonShared
    private let logger: Logger
    private let clock: any WallClock
    private let heartbeat: Heartbeat
    private let testSwitches: TestSwitches
    /// The register's history of each report's agency, asked before judging (nil: judged alone).
    private let history: (any ReportHistorySource)?
    /// Post-filing steps after the journal entry (the notification outbox), in order.
    private let sinks: [any VerdictSink]

    /// - Parameters:
    ///   - settings: the settings to start with (see ``reload(_:)`` for later changes).
    ///   - logger: receives one line per verdict, faults at error level.
    ///   - clock: the wall clock for claim names, findings stamps and the current year.
    ///   - heartbeat: beaten by the event loop while it is healthy (`WATCHDOG=1`).
    ///   - history: the register's history, for the cross-year rules and resubmission notes.
    ///   - sinks: told of each verdict once it is durable, after the journal entry (``VerdictSink``).
    package convenience init(
        settings: InboxSettings, logger: Logger, clock: any WallClock = SystemWallClock(),
        heartbeat: Heartbeat = .none, history: (any ReportHistorySource)? = nil, sinks: [any VerdictSink] = []
    ) {
        self.init(
            settings: settings, logger: logger, clock: clock, heartbeat: heartbeat, testSwitches: .none, history: history,
            sinks: sinks)
    }

    #if DEBUG
        /// TEST ONLY (debug builds): a daemon whose event loop hangs after claiming one report
        /// (`testHang`), or that crashes while judging one (`testCrash`).
        package convenience init(
            settings: InboxSettings, logger: Logger, clock: any WallClock = SystemWallClock(),
            heartbeat: Heartbeat = .none, testHang: TestHangSwitch?, testCrash: TestCrashSwitch? = nil,
            history: (any ReportHistorySource)? = nil, sinks: [any VerdictSink] = []
        ) {
            self.init(
                settings: settings, logger: logger, clock: clock, heartbeat: heartbeat,
                testSwitches: TestSwitches(hang: testHang, crash: testCrash), history: history, sinks: sinks)
        }
    #endif

    init(
        settings: InboxSettings, logger: Logger, clock: any WallClock, heartbeat: Heartbeat, testSwitches: TestSwitches,
        history: (any ReportHistorySource)?, sinks: [any VerdictSink] = []
    ) {
        shared = DaemonShared(settings: settings)
        self.history = history
        self.sinks = sinks
        self.logger = logger
        self.clock = clock
        self.heartbeat = heartbeat
        self.testSwitches = testSwitches
    }

    /// The live summary: backlog, verdict counts, last problem, readiness.
    package var statistics: InboxStatistics { shared.statistics.withLock { $0 } }

    /// Hands over new settings (SIGHUP); applied before the next batch. The root cannot change
    /// while running: that takes a restart.
    package func reload(_ settings: InboxSettings) {
        shared.pendingSettings.withLock { $0 = settings }
        shared.doorbell.ring()
    }

    /// Returns true once the watch is added and the startup backlog is enqueued (at once if it is),
    /// false when the waiting task is cancelled first (the daemon failed before it was ready).
    @discardableResult
    package func ready() async -> Bool {
        await shared.readiness.wait()
    }

    /// Runs until the task is cancelled (then returns normally, the report in hand finished).
    ///
    /// - Throws: ``InboxError`` when the layout is refused or the watch is lost, and
    ///   ``SystemCallError`` when the inotify watch cannot be added.
    package func run() async throws {
        let settings = shared.pendingSettings.withLock { pending in
            defer { pending = nil }
            return pending ?? shared.initialSettings
        }
        let layout = try InboxLayout.prepare(root: settings.root)
        let events = try InotifyEvents(watching: layout.inbox.path)
        defer { events.finish() }
        let executor = try DedicatedThreadExecutor(name: "nianbao-engine")
        defer { executor.stop() }
        let engine = InboxEngine(
            layout: layout, settings: settings, shared: shared, clock: clock, logger: logger,
            executor: executor, heartbeat: heartbeat, testSwitches: testSwitches, history: history, sinks: sinks)
        await engine.start()
        shared.statistics.withLock { $0.isReady = true }
        shared.readiness.open()
        // The one "started" entry (NianbaoMessageID.started): logged here, where the watch is in place.
        logger.info(
            "watching \(layout.inbox.path)",
            metadata: NianbaoMessageID.started.metadata([
                .inbox: layout.inbox.path, .root: "\(layout.root)",
            ]))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await event in events { try await engine.receive(event) }
                if !Task.isCancelled { throw InboxError.watchFailed(path: events.path, reason: "the event stream ended") }
            }
            group.addTask { await engine.work() }
            try await group.next()
            group.cancelAll()
            try await group.waitForAll()
        }
    }
}

/// What the daemon's outward face and its engine share: settings handed over, statistics, wake-ups.
final class DaemonShared: Sendable {
    let initialSettings: InboxSettings
    let pendingSettings = Mutex<InboxSettings?>(nil)
    let statistics = Mutex(InboxStatistics())
    let doorbell = Doorbell()
    let readiness = Latch()

    init(settings: InboxSettings) { initialSettings = settings }
}
