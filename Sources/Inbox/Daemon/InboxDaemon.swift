import Logging
import Synchronization

/// The inbox daemon: watches `inbox/`, judges every report that arrives, and moves it with its
/// findings into `accepted/` or `rejected/` — exactly once, also across a crash.
///
/// `run()` prepares the layout (refusing one that cannot be moved atomically), adds the inotify
/// watch, scans the inbox, finishes what `.work/` holds, and then works until its task is
/// cancelled. A lost watch ends it with ``InboxError/watchLost(path:event:)``.
public final class InboxDaemon: Sendable {
    private let shared: DaemonShared
    private let logger: Logger
    private let clock: any WallClock
    private let heartbeat: Heartbeat
    private let testHang: TestHangSwitch?
    private let testCrash: TestCrashSwitch?

    /// - Parameters:
    ///   - settings: the settings to start with (see ``reload(_:)`` for later changes).
    ///   - logger: receives one line per verdict, faults at error level.
    ///   - clock: the wall clock for claim names, findings stamps and the current year.
    ///   - heartbeat: beaten by the event loop while it is healthy (`WATCHDOG=1`).
    ///   - testHang: TEST ONLY, nil in production: hangs the event loop after one claim.
    ///   - testCrash: TEST ONLY, nil in production: crashes the process while judging one report.
    public init(settings: InboxSettings, logger: Logger, clock: any WallClock = SystemWallClock(),
        heartbeat: Heartbeat = .none, testHang: TestHangSwitch? = nil, testCrash: TestCrashSwitch? = nil) {
        shared = DaemonShared(settings: settings)
        self.logger = logger
        self.clock = clock
        self.heartbeat = heartbeat
        self.testHang = testHang
        self.testCrash = testCrash
    }

    /// The live summary: backlog, verdict counts, last problem, readiness.
    public var statistics: InboxStatistics { shared.statistics.withLock { $0 } }

    /// Hands over new settings (SIGHUP); applied before the next batch. The root cannot change
    /// while running: that takes a restart.
    public func reload(_ settings: InboxSettings) {
        shared.pendingSettings.withLock { $0 = settings }
        shared.doorbell.ring()
    }

    /// Returns once the watch is added and the startup backlog is enqueued (or at once if it is).
    public func ready() async {
        await shared.readiness.wait()
    }

    /// Runs until the task is cancelled (then returns normally, the report in hand finished).
    ///
    /// - Throws: ``InboxError`` when the layout is refused or the watch is lost, and
    ///   ``SystemCallError`` when the inotify watch cannot be added.
    public func run() async throws {
        let settings = shared.pendingSettings.withLock { pending in
            defer { pending = nil }
            return pending ?? shared.initialSettings
        }
        let layout = try InboxLayout.prepare(root: settings.root)
        let events = try InotifyEvents(watching: layout.inbox.path)
        defer { events.finish() }
        let executor = try DedicatedThreadExecutor(name: "nianbao-engine")
        defer { executor.stop() }
        let engine = InboxEngine(layout: layout, settings: settings, shared: shared, clock: clock, logger: logger,
            executor: executor, heartbeat: heartbeat, testHang: testHang, testCrash: testCrash)
        await engine.start()
        shared.statistics.withLock { $0.isReady = true }
        shared.readiness.open()
        // The one "started" entry (NianbaoMessageID.started): logged here, where the watch is in place.
        logger.info("watching \(layout.inbox.path)", metadata: NianbaoMessageID.started.metadata.merging([
            "nianbao_inbox": "\(layout.inbox.path)", "nianbao_root": "\(layout.root)",
        ]) { $1 })
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

/// What the daemon's public face and its engine share: settings handed over, statistics, wake-ups.
final class DaemonShared: Sendable {
    let initialSettings: InboxSettings
    let pendingSettings = Mutex<InboxSettings?>(nil)
    let statistics = Mutex(InboxStatistics())
    let doorbell = Doorbell()
    let readiness = Latch()

    init(settings: InboxSettings) { initialSettings = settings }
}

/// A one-way gate: `wait()` returns once `open()` was called.
final class Latch: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isOpen = state.withLock { state in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if isOpen { continuation.resume() }
        }
    }
}
