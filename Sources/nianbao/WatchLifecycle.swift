@preconcurrency import Dispatch
import Foundation
import Glibc
import Inbox
import Logging
import Notify
import Register
import ServiceLifecycle
import Synchronization
import UnixSignals

/// Runs the inbox daemon until SIGTERM or SIGINT, re-reading the config on SIGHUP.
///
/// Three services of one `ServiceGroup`: the daemon (whose event loop sends `WATCHDOG=1` through a
/// ``Heartbeat``), the systemd supervision (`READY=1`, `STATUS=`) and the reload loop. A shutdown
/// signal cancels the daemon, which finishes or returns the file in hand; a daemon failure (lost
/// watch, refused layout) ends the group with that error, sent as `ERRNO=` and `STATUS=failed: …`.
struct WatchLifecycle: Sendable {
    /// The daemon's task priority: `.medium`, libdispatch's default QoS, whose worker threads run at
    /// nice 0. Sorting reports is background work: it must not outrank the machine's other processes.
    static let priority = TaskPriority.medium

    let source: ConfigurationSource
    let settings: InboxSettings
    let logger: Logger
    /// The notification outbox's queue in force (none while no channel is configured), replaced at reload.
    let notifications: CurrentOutboxQueue

    /// Runs to the end and returns the process exit status: 0 after a requested shutdown, 1 on failure.
    func run() async -> Int32 {
        let notifier = SystemdNotifier(logger: logger)
        let register =
            settings.keepsRegister
            ? DaemonRegister(
                settings: settings, stateDirectory: ProcessInfo.processInfo.environment["STATE_DIRECTORY"], logger: logger) : nil
        logger.info("register: \(register?.location.shown ?? "none ([Register] Database=none): reports are filed, not recorded")")
        let outbox = OutboxSink(current: notifications, root: settings.root)
        let daemon = makeDaemon(heartbeat: Heartbeat(notifier: notifier), register: register, outbox: outbox)
        let recorder = register?.recorder
        let registerStatus: @Sendable () -> String? = { recorder?.statusPart }
        let supervision = SupervisionService(
            daemon: daemon, notifier: notifier, root: settings.root,
            notifications: notifications, parts: [registerStatus])
        // Trapped before the group runs: a SIGHUP sent right after start-up is a reload, never the default action.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // The register first, so that it stops last (``RegisterService``).
        let registerServices: [ServiceGroupConfiguration.ServiceConfiguration] =
            register.map {
                [.init(service: $0.service, successTerminationBehavior: .ignore, serviceName: "Register")]
            } ?? []
        // The outbox's writer before the daemon too: it queues the daemon's last verdicts after it stops.
        let outboxService = ServiceGroupConfiguration.ServiceConfiguration(
            service: OutboxService(sink: outbox), successTerminationBehavior: .ignore, serviceName: "Outbox")
        let services =
            registerServices + [outboxService] + [
                .init(
                    service: DaemonService(daemon: daemon, notifier: notifier, logger: logger),
                    successTerminationBehavior: .gracefullyShutdownGroup, serviceName: "InboxDaemon"),
                .init(
                    service: supervision,
                    successTerminationBehavior: .ignore, serviceName: "SystemdSupervision"),
                .init(
                    service: ReloadService(
                        daemon: daemon, hangups: hangups, notifier: notifier, source: source,
                        settings: settings, notifications: notifications, logger: logger),
                    successTerminationBehavior: .ignore, serviceName: "ConfigReload"),
            ]
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        do {
            try await group.run()
            logger.info("stopped")
            return 0
        } catch {
            // The group rethrows the failing service's own error (lost watch, refused layout…).
            notifier.failed(errno: Self.errno(of: error), status: "failed: \(error)")
            logger.critical("daemon failed: \(error)")
            return 1
        }
    }

    /// The daemon; in a debug build with the test-only switches its environment engages. Its post-filing
    /// steps: the register's recorder, then the notification outbox (which does nothing while no channel is
    /// configured; a reload can add one).
    private func makeDaemon(heartbeat: Heartbeat, register: DaemonRegister?, outbox: OutboxSink) -> InboxDaemon {
        let history = register?.history
        let sinks: [any VerdictSink] = (register.map { [$0.recorder] } ?? []) + [outbox]
        #if DEBUG
            let testHang = TestHangSwitch.fromEnvironment()
            if let testHang {
                logger.warning("TEST ONLY: \(TestHangSwitch.variable) is set: the event loop hangs after claiming \(testHang.reportName)")
            }
            let testCrash = TestCrashSwitch.fromEnvironment()
            if let testCrash {
                logger.warning("TEST ONLY: \(TestCrashSwitch.variable) is set: the daemon crashes while judging \(testCrash.reportName)")
            }
            if testHang != nil || testCrash != nil {
                return InboxDaemon(
                    settings: settings, logger: logger, heartbeat: heartbeat, testHang: testHang, testCrash: testCrash,
                    history: history, sinks: sinks)
            }
        #endif
        return InboxDaemon(settings: settings, logger: logger, heartbeat: heartbeat, history: history, sinks: sinks)
    }

    /// The `ERRNO=` for a failure: the errno of a failed call or ``InboxError``, else `EIO`.
    static func errno(of error: any Error) -> Int32 {
        switch error {
        case let error as SystemCallError: error.errno.rawValue
        case let error as InboxError: error.errno.rawValue
        default: EIO
        }
    }

    /// Runs `run()` from synchronous code (the `nianbao` root command is synchronous) and waits for it.
    ///
    /// The task runs at ``priority``: a task started from the main thread would otherwise inherit
    /// user-initiated priority, and libdispatch on Linux gives the worker threads of that QoS class
    /// nice -2 — without CAP_SYS_NICE refused, and each refusal logged to syslog as "Failed to set
    /// thread priority for worker thread … errno=13".
    func runBlocking() -> Int32 {
        let status = Mutex<Int32>(1)
        let finished = DispatchSemaphore(value: 0)
        Task(priority: Self.priority) {
            let result = await run()
            status.withLock { $0 = result }
            finished.signal()
        }
        finished.wait()
        return status.withLock { $0 }
    }
}

/// The inbox daemon as a service: on graceful shutdown it says `STOPPING=1`, logs the one
/// ``NianbaoMessageID/stopping`` entry, and is cancelled.
struct DaemonService: Service {
    let daemon: InboxDaemon
    let notifier: SystemdNotifier
    let logger: Logger

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await cancelWhenGracefulShutdown {
                try await daemon.run()
            }
        } onGracefulShutdown: {
            notifier.stopping(status: "stopping: finishing or returning the report in hand")
            logger.info("stopping: finishing or returning the report in hand", metadata: NianbaoMessageID.stopping.metadata)
        }
        // `run()` only returns when cancelled; returning otherwise means it stopped watching.
        guard Task.isCancelled || Task.isShuttingDownGracefully else { throw DaemonStoppedUnexpectedly() }
    }
}

/// The daemon returned without being asked to stop.
struct DaemonStoppedUnexpectedly: Error, CustomStringConvertible {
    var description: String { "the inbox daemon stopped by itself" }
}

/// Tells systemd `READY=1` once the watch is added and the backlog enqueued, then keeps `STATUS=`
/// current. Does nothing when not run by systemd. It never sends `WATCHDOG=1`: a timer here would
/// vouch for a wedged engine; the engine's own loop does (``Heartbeat``).
struct SupervisionService: Service {
    let daemon: InboxDaemon
    let notifier: SystemdNotifier
    let root: String
    /// The notification outbox, whose waiting count the status line shows while channels are configured.
    var notifications: CurrentOutboxQueue? = nil
    /// More of the status line from the daemon's companions (the register's backlog…), each nil when idle.
    var parts: [@Sendable () -> String?] = []

    /// How often the status line is refreshed.
    static let statusInterval = Duration.seconds(5)

    func run() async {
        guard notifier.isSupervised else { return }
        await cancelWhenGracefulShutdown {
            // A daemon that fails before it is ready cancels the group, which ends this wait.
            guard await daemon.ready() else { return }
            var shown = Self.status(daemon.statistics, root: root, outbox: notifications?.queue?.outbox, parts: parts)
            notifier.ready(status: shown)
            while (try? await Task.sleep(for: Self.statusInterval)) != nil {
                let status = Self.status(daemon.statistics, root: root, outbox: notifications?.queue?.outbox, parts: parts)
                if status != shown {
                    notifier.status(status)
                    shown = status
                }
            }
        }
    }

    /// `watching /srv/nianbao/inbox: backlog 0, accepted 12, rejected 3`, then `, outbox 2 waiting`
    /// when notifications are configured (the daemon only writes the files; nianbao-notify sends them),
    /// then each part that has something to say (`; register backlog 3 (…)`).
    static func status(_ statistics: InboxStatistics, root: String, outbox: Outbox? = nil, parts: [@Sendable () -> String?] = [])
        -> String
    {
        var line = "watching \(root)/inbox: \(statistics)"
        if let outbox, let waiting = try? outbox.waitingCount() { line += ", outbox \(waiting) waiting" }
        for part in parts {
            if let piece = part() { line += "; " + piece }
        }
        return line
    }
}

/// Re-reads the config file on each SIGHUP: a good one is handed to the daemon, a bad one is refused.
struct ReloadService: Service {
    let daemon: InboxDaemon
    let hangups: UnixSignalsSequence
    let notifier: SystemdNotifier
    let source: ConfigurationSource
    let settings: InboxSettings
    /// The notification queue, given the re-read channels at each good reload.
    let notifications: CurrentOutboxQueue
    let logger: Logger

    func run() async {
        var current = settings
        for await _ in hangups.cancelOnGracefulShutdown() {
            notifier.reloading(status: "reloading \(source.path)")
            current = reload(from: current)
            notifier.ready(
                status: SupervisionService.status(
                    daemon.statistics, root: current.root,
                    outbox: notifications.queue?.outbox))
        }
    }

    /// One reload: the settings in force afterwards.
    func reload(from current: InboxSettings) -> InboxSettings {
        let new: InboxSettings
        do {
            new = try source.load(logger: logger)
        } catch {
            logger.error(
                "config not reloaded, keeping the previous settings: \(error)",
                metadata: NianbaoMessageID.configRefused.metadata([.config: source.path, .error: "\(error)"]))
            return current
        }
        let changed = SettingsChange.changedKeys(from: current, to: new)
        daemon.reload(new)
        logger.info(
            "config reloaded",
            metadata: NianbaoMessageID.configReloaded.metadata([
                .config: source.path, .changed: changed.isEmpty ? "nothing" : changed.joined(separator: ","),
            ]))
        // The daemon keeps its root until restarted (and says so); later reloads compare against that.
        var inForce = new
        inForce.root = current.root
        WatchNotifications.reload(notifications, source: source, settings: inForce, logger: logger)
        return inForce
    }
}

/// The notification outbox's writer as a service: on graceful shutdown it queues what the daemon handed
/// over, then ends (what a crash leaves unqueued is caught up at the next start).
struct OutboxService: Service {
    let sink: OutboxSink

    func run() async {
        await withGracefulShutdownHandler {
            await sink.run()
        } onGracefulShutdown: {
            sink.finish()
        }
    }
}
