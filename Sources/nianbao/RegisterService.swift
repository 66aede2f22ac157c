import Inbox
import Logging
import Register
import ServiceLifecycle

/// The register side of the daemon: records each filed verdict (``RegisterRecorder``), and at start
/// records what was filed but not recorded before the last stop (``RegisterCatchUp``), trying again
/// while the register is unreachable. First in the group, so it stops last: the daemon's final
/// verdicts are queued before it drains; what a register that is down keeps back is caught up next start.
struct RegisterService: Service {
    let recorder: RegisterRecorder
    let store: any RegisterStore
    /// The judge's connection, closed with the recorder's.
    let lookups: any RegisterStore
    let catchUp: RegisterCatchUp
    let overview: OverviewOnRecord
    let logger: Logger

    func run() async {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await recorder.run() }
                group.addTask { await cancelWhenGracefulShutdown { await catchUpOnce() } }
                await group.waitForAll()
            }
        } onGracefulShutdown: {
            recorder.finish()
        }
        await overview.settled()
        try? await lookups.close()
        try? await store.close()
    }

    /// The catch-up at start, tried again (with a growing pause) until it has run once.
    private func catchUpOnce() async {
        var pause = RegisterRecorder.retryPauses.first
        while !Task.isCancelled {
            do {
                _ = try await catchUp.run(store: store, recorder: recorder, logger: logger)
                await overview.recorded([])  // The page at start, even when nothing new is recorded.
                return
            } catch {
                logger.debug("register catch-up postponed: \(error)")
                guard (try? await Task.sleep(for: pause)) != nil else { return }
                pause = min(pause * 2, RegisterRecorder.retryPauses.last)
            }
        }
    }
}

/// The daemon's register: where it is, the connection its recorder and judge share, the recorder.
struct DaemonRegister {
    let location: RegisterLocation
    let store: ReconnectingRegister
    let recorder: RegisterRecorder
    let catchUp: RegisterCatchUp
    let overview: OverviewOnRecord
    let logger: Logger

    init(settings: InboxSettings, stateDirectory: String?, logger: Logger) {
        self.logger = logger
        location = RegisterLocation.resolve(configured: settings.registerDatabase, root: settings.root, stateDirectory: stateDirectory)
        store = ReconnectingRegister(location: location, passwordFile: settings.registerPasswordFile, logger: logger)
        lookups = ReconnectingRegister(location: location, passwordFile: settings.registerPasswordFile, logger: logger, ownThread: true)
        // The page reads the whole year: on a connection of its own, so that the recorder and the judge's
        // look-ups never wait behind it.
        overview = OverviewOnRecord(
            root: settings.root,
            store: ReconnectingRegister(location: location, passwordFile: settings.registerPasswordFile, logger: logger),
            settings: OverviewPublisher.Settings(
                language: settings.language, directory: settings.agencies, deadlines: settings.deadlines), logger: logger)
        recorder = RegisterRecorder(store: store, office: settings.office, logger: logger, observer: overview)
        catchUp = RegisterCatchUp(root: settings.root, office: settings.office)
    }

    var service: RegisterService {
        RegisterService(recorder: recorder, store: store, lookups: lookups, catchUp: catchUp, overview: overview, logger: logger)
    }

    /// The judge's look-ups, on a connection of their own: a report waits for its history, and must not wait
    /// behind the recorder's batch or the overview's read of the whole year (WAL readers never wait for the writer).
    let lookups: ReconnectingRegister

    /// The judge's history of each report's agency, from this register.
    var history: RegisterHistory { RegisterHistory(store: lookups) }
}

/// Rewrites `ROOT/index.html` (``OverviewPublisher``) after each batch the register stored; the root is
/// opened on first use, once the daemon has made it.
actor OverviewOnRecord: RecordedBatchObserver {
    let root: String
    let store: any RegisterStore
    let settings: OverviewPublisher.Settings
    let logger: Logger
    private var publisher: OverviewPublisher?

    init(root: String, store: any RegisterStore, settings: OverviewPublisher.Settings, logger: Logger) {
        self.root = root
        self.store = store
        self.settings = settings
        self.logger = logger
    }

    func recorded(_ records: [RegisterRecord]) async {
        if publisher == nil {
            guard let folder = try? DirectoryHandle(path: root, followingLinks: true) else { return }
            publisher = OverviewPublisher(store: store, folder: folder, settings: settings, logger: logger)
        }
        await publisher?.requestPublish()
    }

    /// Waits for a rewrite in flight (at shutdown), then closes the page's connection.
    func settled() async {
        await publisher?.settled()
        try? await store.close()
    }
}
