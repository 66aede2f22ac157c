/// Finding names in the inbox: the startup scan, the safety rescan, and the settle period.
extension InboxEngine {
    /// Queues every claimable name in the inbox; a file changed within the settle period settles first.
    func scanInbox() {
        let now = clock.now()
        let settle = settings.settlePeriod
        do {
            try layout.inbox.forEachEntry { (name, kind) throws(SystemCallError) in
                heartbeat.beat()  // A scan of a huge inbox keeps the watchdog fed (rate-limited, cheap).
                guard !patterns.ignores(name), !queue.contains(name), !settling.contains(name) else { return }
                guard let status = try layout.inbox.status(of: name) else { return }
                switch status.kind {
                case .directory:
                    noteDirectory(name)
                case .regular:
                    let lastChange = WallTime(max(status.modified, status.changed))
                    let age = Duration.nanoseconds(now.nanosecondsSinceEpoch - lastChange.nanosecondsSinceEpoch)
                    if age >= settle {
                        enqueue(name)
                    } else {
                        watchSettling(name, status: status)
                    }
                default:
                    enqueue(name)  // Links, FIFOs, devices, sockets: nothing to wait for; rejected unread.
                }
                _ = kind
            }
        } catch {
            report(problem: "cannot scan \(layout.inbox.path): \(error)", level: .error)
            rescanNeeded = false
        }
    }

    /// Queues `name`; a full queue is remembered and answered by a rescan once it has drained.
    func enqueue(_ name: FileName) {
        queue.enqueue(name)
    }

    /// After `IN_CLOSE_WRITE`: (re)starts the settle period of `name`.
    func settle(_ name: FileName) {
        let status: FileStatus?
        do {
            status = try layout.inbox.status(of: name)
        } catch {
            return
        }
        guard let status else { return }
        if status.kind == .regular { watchSettling(name, status: status) } else { enqueue(name) }
    }

    /// After `IN_CREATE`: a FIFO, link, device or socket is queued (nothing more will happen to it),
    /// a hard link settles; a new regular file waits for its writer's `IN_CLOSE_WRITE`.
    func created(_ name: FileName) {
        guard let status = try? layout.inbox.status(of: name) else { return }
        switch status.kind {
        case .regular where status.linkCount > 1: watchSettling(name, status: status)
        case .regular: break
        case .directory: noteDirectory(name)
        default: enqueue(name)
        }
    }

    func watchSettling(_ name: FileName, status: FileStatus) {
        if !settling.watch(name, snapshot: SettleTracker.Snapshot(status), until: .now + settings.settlePeriod) {
            rescanNeeded = true  // Too many at once: the next rescan finds the rest.
        }
    }

    /// Queues the files whose settle period ended unchanged; restarts the period of changed ones.
    func promoteSettled(at now: ContinuousClock.Instant) {
        for (name, snapshot) in settling.due(at: now) {
            guard let status = try? layout.inbox.status(of: name) else { continue }
            if status.kind != .regular || SettleTracker.Snapshot(status) == snapshot {
                enqueue(name)
            } else {
                watchSettling(name, status: status)
            }
        }
    }

    /// A directory in the inbox is left where it is and logged once.
    func noteDirectory(_ name: FileName) {
        if logOnce("directory:" + name.hex) {
            report(problem: "left in inbox/: \(name.shown) is a directory, not a report", level: .warning)
        }
    }
}
